import type { KubeObject } from '../kube/object.ts';
import { desiredReplicas, findCondition, generationBehind, num } from './fields.ts';
import { type HealthResult, healthResult } from './status.ts';

/**
 * A Deployment, by gitops-engine's rules (themselves kubectl's `rollout status`): paused is
 * Suspended, an unobserved spec is Progressing, ProgressDeadlineExceeded is Degraded, and the
 * rollout is done once every replica is updated, old ones are gone and the new ones available.
 */
export function deploymentHealth(d: KubeObject): HealthResult {
  if (d.spec?.paused === true)
    return healthResult('Suspended', 'The Deployment is paused: resume it to continue the rollout');
  if (generationBehind(d))
    return healthResult('Progressing', 'Waiting for the controller to pick up the latest change');
  const progressing = findCondition(d, 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return healthResult(
      'Degraded',
      `The rollout did not finish within its progress deadline: ${progressing.message ?? ''}`.trim(),
    );
  }
  // Not in Argo: quota or admission refusals only show here; say so rather than "waiting".
  const replicaFailure = findCondition(d, 'ReplicaFailure');
  if (replicaFailure?.status === 'True') {
    return healthResult(
      'Progressing',
      `Pods cannot be created: ${replicaFailure.message ?? replicaFailure.reason ?? ''}`,
    );
  }
  return (
    replicaProgress(d) ??
    healthResult('Healthy', `${num(d.status?.availableReplicas)} of ${desiredReplicas(d)} replicas available`)
  );
}

function replicaProgress(d: KubeObject): HealthResult | undefined {
  const desired = desiredReplicas(d);
  const replicas = num(d.status?.replicas);
  const updated = num(d.status?.updatedReplicas);
  const available = num(d.status?.availableReplicas);
  if (updated < desired) return healthResult('Progressing', `${updated} of ${desired} replicas updated so far`);
  if (replicas > updated) {
    return healthResult('Progressing', `Waiting for ${replicas - updated} old replica(s) to terminate`);
  }
  if (available < updated) {
    return healthResult('Progressing', `${available} of ${updated} updated replicas available so far`);
  }
  return undefined;
}
