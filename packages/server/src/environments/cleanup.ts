import {
  applyWaves,
  defaultDenyPolicyName,
  type KubeObject,
  type ObjectRef,
  objectKey,
  refOf,
  slipwayLabels,
} from '@slipway/core';
import type { ObjectApplier } from '../kube/apply.ts';

/**
 * Removes everything Slipway put into an environment: the objects of every release that
 * reached the cluster (newest rendering of each, dependents first), then the namespace if
 * Slipway made it. Returns whether the namespace is gone, so the caller can come back later:
 * Kubernetes deletes a namespace's content before the namespace itself.
 */
export async function removeEnvironmentObjects(
  applier: ObjectApplier,
  namespace: string,
  releases: ReadonlyArray<{ objects: readonly KubeObject[] }>,
): Promise<{ namespaceGone: boolean; deleted: number }> {
  const byKey = new Map<string, KubeObject>();
  for (const release of releases) for (const o of release.objects) byKey.set(objectKey(o), o);
  // The reverse of the apply order: what depends on others goes first.
  const waves = applyWaves([...byKey.values()]).reverse();
  let deleted = 0;
  for (const wave of waves) {
    const refs: ObjectRef[] = wave.filter((o) => o.kind !== 'Namespace').map(refOf);
    await applier.delete(refs);
    deleted += refs.length;
  }
  const ref = { apiVersion: 'v1', kind: 'Namespace', name: namespace };
  const live = await applier.read(ref);
  if (!live) {
    applier.forgetNamespace(namespace);
    return { namespaceGone: true, deleted };
  }
  // A namespace Slipway did not make (named by hand, shared) is left in place, emptied of ours:
  // its default deny goes too, or whatever else runs there would stay cut off.
  if (live.metadata.labels?.[slipwayLabels.managedBy] !== 'slipway') {
    await applier.delete([
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', namespace, name: defaultDenyPolicyName },
    ]);
    return { namespaceGone: true, deleted };
  }
  if (!live.metadata.deletionTimestamp) await applier.delete([ref]);
  applier.forgetNamespace(namespace);
  return { namespaceGone: false, deleted };
}
