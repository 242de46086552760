import type { TemplateProvisioner } from '../model.ts';

/** Scratch space that lives as long as the pod: what a volume is unless a class says otherwise. */
export const volumeEmptyDir: TemplateProvisioner = {
  id: 'builtin/volume',
  kind: 'template',
  description: 'An emptyDir volume: scratch space that lives as long as the pod.',
  match: { type: 'volume' },
  outputs: { source: { emptyDir: {} } },
};

/** Class `persistent`: a PersistentVolumeClaim, kept across pod restarts and releases. */
export const volumePersistent: TemplateProvisioner = {
  id: 'builtin/volume-persistent',
  kind: 'template',
  description: "A PersistentVolumeClaim of the cluster's default (or the given) storage class.",
  match: { type: 'volume', class: 'persistent' },
  params: {
    type: 'object',
    additionalProperties: false,
    properties: {
      size: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$', default: '1Gi' },
      storageClassName: { type: 'string', minLength: 1 },
      accessMode: {
        enum: ['ReadWriteOnce', 'ReadWriteOncePod', 'ReadWriteMany', 'ReadOnlyMany'],
        default: 'ReadWriteOnce',
      },
    },
  },
  outputs: {
    source: { persistentVolumeClaim: { claimName: '{{ .resource.slug }}' } },
  },
  manifests: [
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: '{{ .resource.slug }}', labels: { 'app.kubernetes.io/component': 'volume' } },
      spec: {
        accessModes: ['{{ .resource.params.accessMode }}'],
        storageClassName: '{{ .resource.params.storageClassName }}',
        resources: { requests: { storage: '{{ .resource.params.size }}' } },
      },
    },
  ],
};
