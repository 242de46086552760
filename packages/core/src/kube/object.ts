/**
 * A Kubernetes object as Slipway renders, applies and reads it: plain data, any kind.
 * Typed fields are the ones every kind has; the rest is reached by the kind's own code.
 */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  uid?: string;
  generation?: number;
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  ownerReferences?: Array<{ apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }>;
  [key: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  [key: string]: unknown;
}

/** Identifies an object across releases: group/kind plus namespace/name. */
export function objectKey(o: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>): string {
  const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
  return `${group}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

/** Slipway's own labels, beside the standard app.kubernetes.io ones. */
export const slipwayLabels = {
  service: 'slipway.dev/service',
  environment: 'slipway.dev/environment',
  release: 'slipway.dev/release',
  managedBy: 'app.kubernetes.io/managed-by',
} as const;

export const fieldManager = 'slipway';
