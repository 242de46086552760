import type { KubeObject } from '../kube/object.ts';
import { isDns1123Subdomain } from './names.ts';

/** Kinds that live outside namespaces: a provisioner's manifest of these gets no namespace. */
const clusterScopedKinds = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PriorityClass',
  'IngressClass',
  'GatewayClass',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'APIService',
  'CSIDriver',
  'RuntimeClass',
]);

export function isClusterScopedKind(kind: string): boolean {
  return clusterScopedKinds.has(kind);
}

/** Labels provisioned objects carry, so status and clean-up can find them. */
export const provisionerLabels = { resource: 'slipway.dev/resource' } as const;

export interface ManifestDefaults {
  namespace: string;
  /** The resource's slug: the value of the `slipway.dev/resource` label. */
  resource: string;
}

/**
 * Checks one rendered manifest and completes it the way the API server expects: a namespace
 * for namespaced kinds, Slipway's labels, and strings where Kubernetes only takes strings
 * (labels, annotations, Secret and ConfigMap data), since a lone template action keeps its type.
 * Returns a problem in words, or the object.
 */
export function finalizeManifest(value: unknown, defaults: ManifestDefaults): KubeObject | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'is not an object';
  const o = value as KubeObject;
  if (typeof o.apiVersion !== 'string' || !o.apiVersion) return 'has no apiVersion';
  if (typeof o.kind !== 'string' || !o.kind) return 'has no kind';
  const name = o.metadata?.name;
  if (typeof name !== 'string' || !isDns1123Subdomain(name)) {
    return `has the name ${JSON.stringify(name)}, which is not a valid Kubernetes name (lowercase letters, digits, "-" and ".")`;
  }
  const metadata = { ...o.metadata, labels: strings(o.metadata.labels) };
  if (o.metadata.annotations) metadata.annotations = strings(o.metadata.annotations);
  if (!metadata.namespace && !isClusterScopedKind(o.kind)) metadata.namespace = defaults.namespace;
  metadata.labels = {
    'app.kubernetes.io/managed-by': 'slipway',
    [provisionerLabels.resource]: defaults.resource,
    ...metadata.labels,
  };
  const out: KubeObject = { ...o, metadata };
  if (o.kind === 'Secret' || o.kind === 'ConfigMap') {
    if (o.data) out.data = strings(o.data);
    if (o.stringData) out.stringData = strings(o.stringData);
  }
  return out;
}

function strings(map: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map ?? {})) out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  return out;
}
