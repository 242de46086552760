import type { KubeObject } from '../kube/object.ts';
import { desiredReplicas, field, num, str } from './fields.ts';
import { type HealthResult, healthResult } from './status.ts';

/**
 * A StatefulSet, by gitops-engine's rules: spec observed, every replica ready, then the update
 * strategy decides. With a partition only the ordinals at or above it are expected to update;
 * with OnDelete pods update only when someone deletes them, so readiness is all we can ask.
 */
export function statefulSetHealth(sts: KubeObject): HealthResult {
  const observed = num(sts.status?.observedGeneration);
  // Argo also treats observedGeneration 0 as unobserved: the controller has not run at all yet.
  if (observed === 0 || num(sts.metadata.generation) > observed) {
    return healthResult('Progressing', 'Waiting for the controller to pick up the latest change');
  }
  const desired = desiredReplicas(sts);
  const ready = num(sts.status?.readyReplicas);
  if (ready < desired)
    return healthResult('Progressing', `Waiting for ${desired - ready} of ${desired} pods to be ready`);
  const strategy = str(field(sts.spec, 'updateStrategy', 'type')) ?? 'RollingUpdate';
  if (strategy === 'OnDelete') {
    return healthResult('Healthy', `${ready} pods ready; with OnDelete, pods update only when deleted`);
  }
  return rollingUpdateHealth(sts, desired);
}

function rollingUpdateHealth(sts: KubeObject, desired: number): HealthResult {
  const updated = num(sts.status?.updatedReplicas);
  const partition = num(field(sts.spec, 'updateStrategy', 'rollingUpdate', 'partition'));
  const target = Math.max(0, desired - partition);
  if (updated < target) {
    const scope = partition > 0 ? ` (partition ${partition})` : '';
    return healthResult('Progressing', `${updated} of ${target} pods updated so far${scope}`);
  }
  // Argo falls back to comparing currentRevision and updateRevision only when the apiserver has
  // not defaulted rollingUpdate; counting updated pods answers the same question in both cases
  // and avoids the controller's lag in promoting currentRevision.
  return healthResult(
    'Healthy',
    partition > 0 ? `Partitioned rollout complete: ${updated} pods updated` : `${updated} pods updated and ready`,
  );
}
