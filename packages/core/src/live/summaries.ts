/**
 * Live objects reduced to what a person watching a service needs, the way `kubectl get`
 * columns read: replica counts for workloads; phase, readiness, restarts and the reason a
 * pod is not simply running.
 */
import { desiredReplicas, field, findCondition, type Json, list, num, str } from '../health/fields.ts';
import { containerStatuses, isPodReady } from '../health/pod.ts';
import type { KubeObject } from '../kube/object.ts';
import type { LivePod, LiveWorkload, LiveWorkloadKind } from './types.ts';

export function summarizeWorkload(o: KubeObject): LiveWorkload {
  if (o.kind === 'CronJob') return summarizeCronJob(o);
  if (o.kind === 'Job') return summarizeJob(o);
  return {
    kind: o.kind as LiveWorkloadKind,
    name: o.metadata.name,
    desired: desiredReplicas(o),
    ready: num(o.status?.readyReplicas),
    updated: num(o.status?.updatedReplicas),
    available: num(o.status?.availableReplicas),
  };
}

/** A CronJob has no replicas: what it shows is its schedule and its runs. */
function summarizeCronJob(o: KubeObject): LiveWorkload {
  return {
    kind: 'CronJob',
    name: o.metadata.name,
    desired: 0,
    ready: 0,
    updated: 0,
    available: 0,
    runs: {
      schedule: str(o.spec?.schedule) ?? null,
      suspended: o.spec?.suspend === true,
      active: list(o.status?.active).length,
      succeeded: 0,
      failed: 0,
      lastStartAt: str(o.status?.lastScheduleTime) ?? null,
      lastSuccessAt: str(o.status?.lastSuccessfulTime) ?? null,
    },
  };
}

/** A Job's progress is its completions: the bar counts succeeded pods of those wanted. */
function summarizeJob(o: KubeObject): LiveWorkload {
  const succeeded = num(o.status?.succeeded);
  return {
    kind: 'Job',
    name: o.metadata.name,
    desired: num(o.spec?.completions, 1),
    ready: succeeded,
    updated: succeeded,
    available: succeeded,
    runs: {
      schedule: null,
      suspended: o.spec?.suspend === true,
      active: num(o.status?.active),
      succeeded,
      failed: num(o.status?.failed),
      lastStartAt: str(o.status?.startTime) ?? null,
      lastSuccessAt: str(o.status?.completionTime) ?? null,
    },
  };
}

export function summarizePod(pod: KubeObject, workload: string | null): LivePod {
  const why = podReason(pod);
  return {
    name: pod.metadata.name,
    workload,
    phase: str(pod.status?.phase) ?? 'Unknown',
    ready: isPodReady(pod),
    restarts: containerStatuses(pod).reduce((sum, c) => sum + num(c.restartCount), 0),
    reason: why?.reason ?? null,
    message: why?.message ?? null,
    node: str(pod.spec?.nodeName) ?? null,
    startedAt: str(pod.status?.startTime) ?? null,
  };
}

interface Why {
  reason: string;
  message: string | null;
}

/**
 * Why a pod is not simply running, most telling first: going away, a reason the kubelet gave
 * the whole pod (Evicted), a container stuck waiting or stopped, not scheduled. Null for a
 * pod that runs (ready or not: readiness has its own field).
 */
function podReason(pod: KubeObject): Why | null {
  if (pod.metadata.deletionTimestamp) return { reason: 'Terminating', message: null };
  const podReason = str(pod.status?.reason);
  if (podReason) return { reason: podReason, message: str(pod.status?.message) ?? null };
  for (const c of containerStatuses(pod)) {
    const found = containerReason(c);
    if (found) return found;
  }
  const scheduled = findCondition(pod, 'PodScheduled');
  if (scheduled?.status === 'False')
    return { reason: scheduled.reason ?? 'Unschedulable', message: scheduled.message ?? null };
  return null;
}

function containerReason(c: Json): Why | null {
  const waiting = field(c, 'state', 'waiting');
  const waitingReason = str(field(waiting, 'reason'));
  if (waitingReason) return { reason: waitingReason, message: str(field(waiting, 'message')) ?? null };
  const terminated = field(c, 'state', 'terminated');
  // A finished init container is how a pod starts: only a failed one explains anything.
  if (terminated !== undefined && num(field(terminated, 'exitCode')) !== 0) {
    const reason = str(field(terminated, 'reason')) ?? `ExitCode:${num(field(terminated, 'exitCode'))}`;
    return { reason, message: str(field(terminated, 'message')) ?? null };
  }
  return null;
}

/** The names of a pod's containers; with `init`, its init containers' first. */
export function containerNames(pod: KubeObject, init = false): string[] {
  return [...(init ? list(pod.spec?.initContainers) : []), ...list(pod.spec?.containers)]
    .map((c) => str(c.name))
    .filter((n): n is string => n !== undefined);
}
