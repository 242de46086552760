import type { KubeObject } from '../kube/object.ts';
import { list, timeOf } from './fields.ts';
import { type HealthResult, healthResult } from './status.ts';

/**
 * A CronJob, by Argo CD's built-in rule (a Lua script there, not part of gitops-engine): suspended
 * is Suspended, and it is Degraded only when its last run is known to have failed, that is, when
 * nothing is running and the last success is older than the last schedule. A CronJob that has
 * not run yet is Healthy: waiting for its schedule is not a rollout that could finish.
 */
export function cronJobHealth(cj: KubeObject): HealthResult {
  if (cj.spec?.suspend === true) return healthResult('Suspended', 'The CronJob is suspended');
  const scheduled = timeOf(cj.status?.lastScheduleTime);
  if (scheduled === undefined) return healthResult('Healthy', 'The CronJob has not been scheduled yet');
  const succeeded = timeOf(cj.status?.lastSuccessfulTime);
  if (succeeded === undefined) return healthResult('Healthy', 'The CronJob has not completed a run yet');
  if (list(cj.status?.active).length > 0) return healthResult('Healthy', 'A run is in progress');
  if (succeeded < scheduled) return healthResult('Degraded', 'The last scheduled run did not complete successfully');
  return healthResult('Healthy', 'The last run completed successfully');
}
