import { type KubeObject, objectKey } from './object.ts';

/**
 * The order objects are applied in: what others need comes first (namespaces, policies and
 * accounts, then configuration and storage, then the workloads that mount them, then what
 * routes to or scales them). Objects of one tier do not depend on each other, so a tier
 * can be applied in parallel. Deletion (pruning) walks the tiers backwards.
 */
const tiers: string[][] = [
  ['Namespace', 'CustomResourceDefinition', 'PriorityClass', 'StorageClass'],
  [
    'ResourceQuota',
    'LimitRange',
    'ServiceAccount',
    'Role',
    'ClusterRole',
    'RoleBinding',
    'ClusterRoleBinding',
    'NetworkPolicy',
  ],
  ['Secret', 'ConfigMap', 'PersistentVolume', 'PersistentVolumeClaim'],
  ['Service'],
  ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod'],
  ['Ingress', 'HTTPRoute', 'GRPCRoute', 'HorizontalPodAutoscaler', 'PodDisruptionBudget'],
];
const unknownTier = tiers.length; // custom resources come last: they may reference anything above

export function applyTier(kind: string): number {
  const index = tiers.findIndex((t) => t.includes(kind));
  return index === -1 ? unknownTier : index;
}

/** Groups objects into tiers, in apply order; each group sorted by key for determinism. */
export function applyWaves(objects: readonly KubeObject[]): KubeObject[][] {
  const waves = new Map<number, KubeObject[]>();
  for (const o of objects) {
    const tier = applyTier(o.kind);
    waves.set(tier, [...(waves.get(tier) ?? []), o]);
  }
  return [...waves.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, group]) => group.sort((a, b) => objectKey(a).localeCompare(objectKey(b))));
}

/** A reference to an applied object: enough to find, watch or delete it. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export function refOf(o: KubeObject): ObjectRef {
  return {
    apiVersion: o.apiVersion,
    kind: o.kind,
    name: o.metadata.name,
    ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
  };
}

export function refKey(r: ObjectRef): string {
  return objectKey({ apiVersion: r.apiVersion, kind: r.kind, metadata: { name: r.name, namespace: r.namespace } });
}

/** Objects the previous release applied that the new one no longer has: to be pruned, in reverse tier order. */
export function pruneSet(previous: readonly ObjectRef[], current: readonly ObjectRef[]): ObjectRef[] {
  const keep = new Set(current.map(refKey));
  return previous
    .filter((r) => !keep.has(refKey(r)))
    .sort((a, b) => applyTier(b.kind) - applyTier(a.kind) || refKey(a).localeCompare(refKey(b)));
}
