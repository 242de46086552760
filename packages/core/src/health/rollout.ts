/**
 * The verdict on a whole release: every object's health, the worst of them, what the release's
 * pods are suffering from, and how far the replicas have got. This is what a developer sees
 * while `slipway deploy` waits, so the message leads with the cause, not with the symptom.
 */
import { type KubeObject, objectKey } from '../kube/object.ts';
import { assessHealth, groupKind } from './assess.ts';
import { desiredReplicas, num, timeOf } from './fields.ts';
import { detectPodFailures, type PodFailure } from './pod-failures.ts';
import { podsOf } from './selector.ts';
import { type AppliedRecord, sinceApply } from './since-apply.ts';
import { type HealthStatus, isWorse } from './status.ts';
import { plural, sentence } from './text.ts';

/**
 * A live object, `undefined` for one not found, or both sides when the caller knows what it
 * expected, with what it knows of the release's apply of it (see sinceApply). `awaiting` says
 * the release's version is not in the cluster yet and why (a GitOps tool has still to apply
 * the commit): the object counts as Progressing with that message, whatever runs meanwhile.
 */
export type RolloutEntry =
  | KubeObject
  | undefined
  | { desired: KubeObject; live: KubeObject | undefined; applied?: AppliedRecord; awaiting?: string };

export interface RolloutInput {
  objects: readonly RolloutEntry[];
  /** Pods of the namespace (or of the release); those no workload of the release selects are ignored. */
  pods: readonly KubeObject[];
  now: Date;
  /**
   * When the release began applying (Slipway's clock). Given, or given an entry's `applied`,
   * status the cluster recorded before the release's apply does not count (see sinceApply).
   */
  startedAt?: Date;
  /** How long pod failures may last before the rollout is failed. Default: the Deployments' progressDeadlineSeconds, else 600. */
  deadlineSeconds?: number;
  /** How long a running container may stay unready before it counts as failing. Default 120. */
  readinessThresholdSeconds?: number;
  /**
   * Whether routes (Ingress) must have an address published by their controller before the
   * release is Healthy. Off by default: on clusters whose controller never publishes one, a
   * release would otherwise never finish; the route's own status still says it has none.
   */
  awaitRouteAddresses?: boolean;
}

export interface ResourceHealth {
  key: string;
  kind: string;
  name: string;
  status: HealthStatus;
  message: string;
}

export interface RolloutProgress {
  desired: number;
  updated: number;
  ready: number;
  available: number;
}

export interface RolloutAssessment {
  status: HealthStatus;
  message: string;
  resources: ResourceHealth[];
  failures: PodFailure[];
  progress: RolloutProgress;
}

/** Reasons no amount of waiting fixes: the rollout fails at once instead of at the deadline. */
const neverRecovers = new Set<PodFailure['reason']>(['InvalidImageName']);

export function assessRollout(input: RolloutInput): RolloutAssessment {
  const entries = input.objects.map((entry) => sinceRelease(entry, input.startedAt));
  const resources = entries.map((entry, i) => resourceHealth(entry, i, input.awaitRouteAddresses ?? false));
  const workloads = entries.map(liveOf).filter((o): o is KubeObject => o !== undefined && isWorkload(o));
  const pods = input.pods.filter((pod) => workloads.some((w) => podsOf(w, [pod]).length > 0));
  const failures = detectPodFailures(pods, input.now, readinessOption(input));
  const worst = resources.reduce<ResourceHealth | undefined>(
    (w, r) => (!w || isWorse(w.status, r.status) ? r : w),
    undefined,
  );
  const status = escalate(worst?.status ?? 'Healthy', failures, pods, input, deadlineOf(input, workloads));
  const progress = sumProgress(workloads);
  return {
    status,
    message: summarize(status, worst, resources.length, failures, progress),
    resources,
    failures,
    progress,
  };
}

const readinessOption = (input: RolloutInput) =>
  input.readinessThresholdSeconds === undefined ? {} : { readinessThresholdSeconds: input.readinessThresholdSeconds };

type Pair = { desired: KubeObject; live: KubeObject | undefined; applied?: AppliedRecord; awaiting?: string };
const isPair = (entry: RolloutEntry): entry is Pair => !!entry && 'desired' in entry && !('kind' in entry);
const liveOf = (entry: RolloutEntry): KubeObject | undefined =>
  isPair(entry) ? (entry.awaiting === undefined ? entry.live : undefined) : entry;

/** The entry with its live object as the release may judge it. */
function sinceRelease(entry: RolloutEntry, startedAt: Date | undefined): RolloutEntry {
  if (!isPair(entry) || !entry.live || (!entry.applied && !startedAt)) return entry;
  return { ...entry, live: sinceApply(entry.live, entry.applied, startedAt) };
}

function resourceHealth(entry: RolloutEntry, index: number, awaitRouteAddresses: boolean): ResourceHealth {
  if (isPair(entry) && entry.awaiting !== undefined) {
    const { desired, awaiting } = entry;
    return {
      key: objectKey(desired),
      kind: desired.kind,
      name: desired.metadata.name,
      status: 'Progressing',
      message: awaiting,
    };
  }
  const live = liveOf(entry);
  const known = isPair(entry) ? entry.desired : live;
  let { status, message } = assessHealth(live);
  if (!awaitRouteAddresses && status === 'Progressing' && live && unclaimedRoute(live)) {
    status = 'Healthy';
    message = `Applied; ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
  }
  if (!known) return { key: `#${index}`, kind: '', name: '', status, message: 'An object of the release is missing' };
  return { key: objectKey(known), kind: known.kind, name: known.metadata.name, status, message };
}

/** A route no controller has acted on yet: an Ingress without an address, an HTTPRoute no Gateway has looked at. */
function unclaimedRoute(live: KubeObject): boolean {
  if (live.metadata.deletionTimestamp) return false;
  if (live.kind === 'Ingress') return true;
  return live.kind === 'HTTPRoute' && !(live.status?.parents as unknown[] | undefined)?.length;
}

/** Kinds that own pods through `spec.selector`: their pods' failures are the release's. */
const workloadKinds = new Set([
  'apps/Deployment',
  'apps/StatefulSet',
  'apps/DaemonSet',
  'apps/ReplicaSet',
  'batch/Job',
]);
const isWorkload = (o: KubeObject): boolean => workloadKinds.has(groupKind(o));

function deadlineOf(input: RolloutInput, workloads: KubeObject[]): number {
  if (input.deadlineSeconds !== undefined) return input.deadlineSeconds;
  const deadlines = workloads
    .filter((w) => w.kind === 'Deployment')
    .map((d) => num(d.spec?.progressDeadlineSeconds, 600));
  return deadlines.length ? Math.max(...deadlines) : 600;
}

/**
 * A rollout that is still Progressing but whose pods keep failing is failed once the failures
 * outlast the deadline: the same rule as the Deployment controller's ProgressDeadlineExceeded,
 * applied to every workload kind (StatefulSets and DaemonSets have no deadline of their own).
 * Failures of finished pods (evicted, a Job's failed attempt) do not count: they were replaced.
 */
function escalate(
  status: HealthStatus,
  failures: PodFailure[],
  pods: KubeObject[],
  input: RolloutInput,
  deadlineSeconds: number,
): HealthStatus {
  if (status !== 'Progressing' || failures.length === 0) return status;
  if (failures.some((f) => neverRecovers.has(f.reason))) return 'Degraded';
  const finished = new Set(
    pods.filter((p) => ['Failed', 'Succeeded'].includes(String(p.status?.phase))).map((p) => p.metadata.name),
  );
  const cutoff = input.now.getTime() - deadlineSeconds * 1000;
  const persisting = failures.some(
    (f) => !finished.has(f.pod) && (timeOf(f.since) ?? Number.POSITIVE_INFINITY) < cutoff,
  );
  return persisting ? 'Degraded' : 'Progressing';
}

const progressReaders: Readonly<Record<string, (o: KubeObject) => RolloutProgress>> = {
  'apps/Deployment': (o) => replicaCounts(o, num(o.status?.updatedReplicas)),
  'apps/ReplicaSet': (o) => replicaCounts(o, num(o.status?.replicas)),
  'apps/StatefulSet': (o) => ({
    ...replicaCounts(o, num(o.status?.updatedReplicas)),
    // availableReplicas is recent (1.22+); before it, ready was the best there was.
    available: num(o.status?.availableReplicas, num(o.status?.readyReplicas)),
  }),
  'apps/DaemonSet': (o) => ({
    desired: num(o.status?.desiredNumberScheduled),
    updated: num(o.status?.updatedNumberScheduled),
    ready: num(o.status?.numberReady),
    available: num(o.status?.numberAvailable),
  }),
};

function replicaCounts(o: KubeObject, updated: number): RolloutProgress {
  return {
    desired: desiredReplicas(o),
    updated,
    ready: num(o.status?.readyReplicas),
    available: num(o.status?.availableReplicas),
  };
}

function sumProgress(workloads: KubeObject[]): RolloutProgress {
  const total: RolloutProgress = { desired: 0, updated: 0, ready: 0, available: 0 };
  for (const w of workloads) {
    const p = progressReaders[groupKind(w)]?.(w);
    if (!p) continue;
    for (const k of Object.keys(total) as Array<keyof RolloutProgress>) total[k] += p[k];
  }
  return total;
}

const headlines: Record<HealthStatus, string> = {
  Healthy: 'Healthy',
  Progressing: 'Rolling out',
  Degraded: 'Failed',
  Suspended: 'Paused',
  Missing: 'Missing',
  Unknown: 'Unknown',
};

const period = (s: string): string => (/[.!?…]$/.test(s) ? s : `${s}.`);

function summarize(
  status: HealthStatus,
  worst: ResourceHealth | undefined,
  count: number,
  failures: PodFailure[],
  progress: RolloutProgress,
): string {
  const first = failures[0];
  const problems = first
    ? period(first.message) + (failures.length > 1 ? ` (and ${plural(failures.length - 1, 'more problem')})` : '')
    : undefined;
  const replicas = progress.desired > 0 ? `${progress.available} of ${progress.desired} replicas available` : '';
  if (!worst || status === 'Healthy') {
    return sentence(
      period(`All ${plural(count, 'resource')} healthy${replicas ? `; ${replicas}` : ''}`),
      problems && `Note: ${problems}`,
    );
  }
  // Escalated by pod failures: the failures are the story, the Deployment's count is not.
  if (status === 'Degraded' && worst.status !== 'Degraded') return sentence('Failed:', problems);
  const where = worst.name ? `${worst.kind} '${worst.name}': ${worst.message}` : worst.message;
  return sentence(period(`${headlines[status]}: ${where}`), problems && `Cause: ${problems}`);
}
