import type { KubeObject } from '../kube/object.ts';
import { desiredReplicas, findCondition, generationBehind, num } from './fields.ts';
import { type HealthResult, healthResult } from './status.ts';

/**
 * A ReplicaSet, by gitops-engine's rules: ReplicaFailure (pods refused by quota or admission)
 * is Degraded, otherwise it is Progressing until every replica is available.
 */
export function replicaSetHealth(rs: KubeObject): HealthResult {
  if (generationBehind(rs))
    return healthResult('Progressing', 'Waiting for the controller to pick up the latest change');
  const failure = findCondition(rs, 'ReplicaFailure');
  if (failure?.status === 'True')
    return healthResult('Degraded', failure.message ?? failure.reason ?? 'Pods cannot be created');
  const desired = desiredReplicas(rs);
  const available = num(rs.status?.availableReplicas);
  if (available < desired) return healthResult('Progressing', `${available} of ${desired} replicas available so far`);
  return healthResult('Healthy', `${available} of ${desired} replicas available`);
}
