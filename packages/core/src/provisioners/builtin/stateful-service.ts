import { resourceLabelPrefix } from '../../network/labels.ts';
import type { TemplateValues } from '../model.ts';

/**
 * The manifests the built-in data stores share: a Secret with the credentials, a Service, a
 * one-replica StatefulSet whose container reads the credentials from the Secret, and the
 * NetworkPolicy that admits the workloads using the resource through the namespace's default
 * deny (rendering labels their pods `resources.slipway.dev/<slug>`). Every name
 * is `.init.name` (derived from the resource's id, so a shared resource gets one set of
 * objects). Data lives in an emptyDir: the built-ins are for development and previews;
 * production platforms register their own provisioner (a chart, or an external database).
 */
export interface StatefulServiceSpec {
  /** `app.kubernetes.io/name`, and the container's name. */
  app: string;
  image: string;
  port: number;
  /** Templates of the Secret's keys (base64-encoded by the template). */
  secretData: Record<string, string>;
  /** Environment variables read from the Secret: variable → Secret key. */
  secretEnv: Record<string, string>;
  env?: Array<{ name: string; value: string }>;
  /** Replaces the image's entrypoint (templates allowed), for a store that needs a step before its server starts. */
  command?: string[];
  args?: string[];
  dataPath: string;
  requests: { cpu: string; memory: string };
  memoryLimit: string;
}

export function statefulServiceManifests(spec: StatefulServiceSpec): TemplateValues[] {
  const labels = { 'app.kubernetes.io/name': spec.app, 'app.kubernetes.io/instance': '{{ .init.name }}' };
  const meta = { name: '{{ .init.name }}', labels: { ...labels, 'app.kubernetes.io/component': 'database' } };
  // A store without credentials (a Kafka broker here) has no Secret.
  const secret = Object.keys(spec.secretData).length
    ? [{ apiVersion: 'v1', kind: 'Secret', metadata: meta, type: 'Opaque', data: spec.secretData }]
    : [];
  return [
    ...secret,
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta,
      spec: {
        type: 'ClusterIP',
        selector: labels,
        ports: [{ name: spec.app, port: spec.port, targetPort: spec.port, protocol: 'TCP' }],
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: meta,
      spec: {
        serviceName: '{{ .init.name }}',
        replicas: 1,
        selector: { matchLabels: labels },
        template: { metadata: { labels: meta.labels }, spec: podSpec(spec) },
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta,
      spec: {
        podSelector: { matchLabels: labels },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ podSelector: usersOfResource }], ports: [{ port: spec.port, protocol: 'TCP' }] }],
      },
    },
  ];
}

/** Label keys are not templates, so the slug goes into a selector expression's key, which is a value. */
const usersOfResource = {
  matchExpressions: [{ key: `${resourceLabelPrefix}/{{ .resource.slug }}`, operator: 'Exists' }],
};

function podSpec(spec: StatefulServiceSpec): TemplateValues {
  const fromSecret = Object.entries(spec.secretEnv).map(([name, key]) => ({
    name,
    valueFrom: { secretKeyRef: { name: '{{ .init.name }}', key } },
  }));
  const container: TemplateValues = {
    name: spec.app,
    image: spec.image,
    ports: [{ name: spec.app, containerPort: spec.port, protocol: 'TCP' }],
    env: [...fromSecret, ...(spec.env ?? [])],
    resources: { requests: spec.requests, limits: { memory: spec.memoryLimit } },
    readinessProbe: { tcpSocket: { port: spec.port }, periodSeconds: 5, failureThreshold: 3 },
    livenessProbe: { tcpSocket: { port: spec.port }, initialDelaySeconds: 30, periodSeconds: 10 },
    volumeMounts: [{ name: 'data', mountPath: spec.dataPath }],
  };
  if (spec.command) container.command = spec.command;
  if (spec.args) container.args = spec.args;
  return { containers: [container], volumes: [{ name: 'data', emptyDir: {} }] };
}
