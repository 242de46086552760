import type { KubeObject } from '../kube/object.ts';
import { findCondition, generationBehind, num } from './fields.ts';
import { type HealthResult, healthResult } from './status.ts';

/**
 * A PodDisruptionBudget. Its own failure is a DisruptionAllowed=False condition with a reason
 * other than InsufficientPods (e.g. SyncFailed: the controller cannot compute it). Fewer healthy
 * pods than the budget requires is Progressing: the workload is still coming up, and node drains
 * are blocked meanwhile. Zero allowed disruptions is Healthy (one replica with minAvailable 1 is
 * a legitimate choice, as Argo CD decided in argo-cd#20171) but the message says drains will wait.
 */
export function pdbHealth(pdb: KubeObject): HealthResult {
  if (generationBehind(pdb))
    return healthResult('Progressing', 'Waiting for the controller to pick up the latest change');
  const allowed = findCondition(pdb, 'DisruptionAllowed');
  if (!allowed && pdb.status?.desiredHealthy === undefined) return healthResult('Progressing', 'Waiting for status');
  if (allowed?.status === 'False' && allowed.reason !== 'InsufficientPods') {
    return healthResult('Degraded', allowed.message || `The budget cannot be computed: ${allowed.reason ?? ''}`);
  }
  const current = num(pdb.status?.currentHealthy);
  const desired = num(pdb.status?.desiredHealthy);
  const expected = num(pdb.status?.expectedPods);
  if (current < desired)
    return healthResult('Progressing', `${current} of the ${desired} healthy pods the budget requires`);
  const disruptions = num(pdb.status?.disruptionsAllowed);
  if (disruptions === 0 && expected > 0) {
    return healthResult('Healthy', 'No disruption allowed: node drains will wait until more pods are healthy');
  }
  return healthResult('Healthy', `${disruptions} disruption(s) allowed; ${current} of ${expected} pods healthy`);
}
