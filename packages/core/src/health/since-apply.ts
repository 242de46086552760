/**
 * A release is judged only by what the cluster recorded after its own apply. Kubernetes
 * carries some status across rollouts: the Deployment controller keeps a Progressing
 * condition with reason ProgressDeadlineExceeded until a rollout completes, and a rollback to
 * a ReplicaSet that still exists does not replace it (kube-controller-manager,
 * pkg/controller/deployment: getNewReplicaSet adds FoundNewReplicaSet only when there is no
 * Progressing condition, and DeploymentTimedOut stays true for a timed-out one). Read as it
 * is, a rollback would inherit the verdict of the release it replaces.
 */
import { fieldManager, type KubeObject } from '../kube/object.ts';
import { type Condition, conditions, list, num, str, timeOf } from './fields.ts';

/** What a release knows of its own apply of one object. */
export interface AppliedRecord {
  /** The object's generation after the release's apply: status of an older one describes an earlier spec. */
  generation?: number;
  /**
   * When the API server recorded the apply (Slipway's managedFields entry): the cluster's own
   * clock, so it compares with the times controllers write into conditions.
   */
  at?: Date;
}

/** When the API server last recorded a change by `manager`'s server-side apply of this object. */
export function appliedAt(obj: KubeObject, manager = fieldManager): Date | undefined {
  const times = list(obj.metadata.managedFields)
    .filter((f) => f.manager === manager && f.operation === 'Apply' && !f.subresource)
    .map((f) => timeOf(f.time))
    .filter((t): t is number => t !== undefined);
  return times.length ? new Date(Math.max(...times)) : undefined;
}

/**
 * The live object as the release may judge it:
 * - a generation older than the one the release applied is raised to it, so the rule of its
 *   kind waits for the controller (status.observedGeneration) to catch up;
 * - a ProgressDeadlineExceeded condition counts only if it was written progressDeadlineSeconds
 *   or more after the release's apply: the controller times a rollout out only that long after
 *   the Progressing condition it measures from, which for this rollout is at or after the apply.
 *   Both times are whole seconds, so the bound holds exactly. Without the apply's time (an
 *   object with no record of Slipway's apply), the one in the live object is used.
 * - as a second guard, a timeout written more than a second before the release started (by
 *   Slipway's clock) is never its own.
 * A condition set aside leaves the release's own deadline to decide.
 */
export function sinceApply(live: KubeObject, applied: AppliedRecord = {}, startedAt?: Date): KubeObject {
  let judged = live;
  if (applied.generation !== undefined && applied.generation > num(live.metadata.generation)) {
    judged = { ...judged, metadata: { ...judged.metadata, generation: applied.generation } };
  }
  const timeout = conditions(judged).find((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded');
  const at = applied.at ?? appliedAt(live);
  if (timeout && !ownTimeout(timeout, num(live.spec?.progressDeadlineSeconds, 600), at, startedAt)) {
    const kept = list(judged.status?.conditions).filter(
      (c) => !(c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded'),
    );
    judged = { ...judged, status: { ...judged.status, conditions: kept } };
  }
  return judged;
}

function ownTimeout(
  timeout: Condition & { lastUpdateTime?: unknown },
  deadlineSeconds: number,
  appliedAt: Date | undefined,
  startedAt: Date | undefined,
): boolean {
  const written = timeOf(str(timeout.lastUpdateTime) ?? timeout.lastTransitionTime);
  if (written === undefined) return appliedAt === undefined && startedAt === undefined;
  if (appliedAt && written < appliedAt.getTime() + deadlineSeconds * 1000) return false;
  if (startedAt && written < startedAt.getTime() - 1000) return false;
  return true;
}
