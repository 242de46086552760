import { assessRollout, type KubeObject, objectKey, type RolloutAssessment } from '@slipway/core';
import type { WatchHub } from '../kube/watch-hub.ts';

export interface TrackOptions {
  namespace: string;
  /** The release's objects as applied (desired); their live twins are looked up by name. */
  objects: readonly KubeObject[];
  /** Labels every pod of the release's workloads carries. */
  podLabels: Record<string, string>;
  /** When the release began applying: conditions older than that describe earlier rollouts. */
  startedAt: Date;
  /** When the rollout counts as failed if it is not Healthy by then. */
  deadline: Date;
  /** How long pod failures may last before the rollout is Degraded even before the deadline. */
  failureToleranceSeconds: number;
  now: () => Date;
  signal: AbortSignal;
  /**
   * The generation each object had when this release applied it (by objectKey). A cached
   * object older than that predates the apply, and judging it would report the previous
   * rollout's verdict; the tracker waits for the watch to deliver the new one.
   */
  appliedGenerations?: ReadonlyMap<string, number>;
  /** Called whenever the assessment's status or message changes. */
  onProgress?: (assessment: RolloutAssessment) => void;
}

export type TrackOutcome =
  | { outcome: 'healthy' | 'degraded'; assessment: RolloutAssessment }
  | { outcome: 'aborted'; assessment?: RolloutAssessment };

/**
 * Follows a rollout through shared watches until it is Healthy, Degraded, past its deadline,
 * or aborted. Every watch event re-assesses the release (coalesced per tick), so the verdict
 * follows the cluster within milliseconds rather than a polling interval.
 */
export function trackRollout(hub: WatchHub, options: TrackOptions): Promise<TrackOutcome> {
  const kinds = new Map<string, { apiVersion: string; kind: string }>();
  for (const o of options.objects) kinds.set(`${o.apiVersion}/${o.kind}`, { apiVersion: o.apiVersion, kind: o.kind });
  kinds.set('v1/Pod', { apiVersion: 'v1', kind: 'Pod' });

  return new Promise((resolve) => {
    let scheduled = false;
    let last: RolloutAssessment | undefined;
    let settled = false;
    // Only events about this release's own objects and pods call for a new verdict: with many
    // releases sharing one watch, re-assessing on every event would cost O(releases × pods).
    const own = new Set(options.objects.map((o) => `${o.kind}/${o.metadata.name}`));
    const relevant = (changed?: KubeObject) =>
      !changed ||
      (changed.kind === 'Pod'
        ? matches(changed, options.podLabels)
        : own.has(`${changed.kind}/${changed.metadata.name}`));
    const subscriptions = [...kinds.entries()].map(([key, k]) => ({
      key,
      sub: hub.subscribe({ ...k, namespace: options.namespace }, (changed) => {
        if (relevant(changed)) schedule();
      }),
    }));
    const collection = (key: string) => subscriptions.find((s) => s.key === key)?.sub;

    const finish = (result: TrackOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      for (const s of subscriptions) s.sub.unsubscribe();
      resolve(result);
    };
    const evaluate = (final: boolean) => {
      scheduled = false;
      if (settled) return;
      if (!subscriptions.every((s) => s.sub.isSynced())) {
        if (final) finish({ outcome: 'degraded', assessment: unobserved(options.objects.length) });
        return;
      }
      const objects = options.objects.map((desired) => {
        const live = collection(`${desired.apiVersion}/${desired.kind}`)?.objects.get(desired.metadata.name);
        return { desired, live: live && withoutStaleDeadline(live, options.startedAt) };
      });
      if (!final && objects.some(({ desired, live }) => predatesApply(desired, live, options.appliedGenerations)))
        return;
      const pods = [...(collection('v1/Pod')?.objects.values() ?? [])].filter((p) => matches(p, options.podLabels));
      const assessment = assessRollout({
        objects,
        pods,
        now: options.now(),
        deadlineSeconds: options.failureToleranceSeconds,
      });
      if (!last || last.status !== assessment.status || last.message !== assessment.message)
        options.onProgress?.(assessment);
      last = assessment;
      if (assessment.status === 'Healthy') finish({ outcome: 'healthy', assessment });
      else if (assessment.status === 'Degraded' || final)
        finish({ outcome: 'degraded', assessment: pastDeadline(assessment, final) });
    };
    // A bug in assessing must not leave a release Progressing forever: report it at the deadline.
    const safely = (final: boolean) => {
      try {
        evaluate(final);
      } catch (error) {
        scheduled = false;
        if (final) finish({ outcome: 'degraded', assessment: unassessable(options.objects.length, error) });
      }
    };
    const schedule = () => {
      if (scheduled) return;
      scheduled = true;
      setImmediate(() => safely(false));
    };
    const onAbort = () => finish({ outcome: 'aborted', ...(last ? { assessment: last } : {}) });
    options.signal.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => safely(true), Math.max(0, options.deadline.getTime() - options.now().getTime()));
    if (options.signal.aborted) onAbort();
  });
}

/**
 * The Deployment controller keeps a ProgressDeadlineExceeded condition until the replica
 * counts show progress, so after a rollback to a ReplicaSet that still has its ready pods the
 * previous rollout's timeout lingers until the rollout completes. A timeout recorded before
 * this release started is not this release's: it is set aside, and the release's own deadline
 * governs.
 */
function withoutStaleDeadline(live: KubeObject, startedAt: Date): KubeObject {
  const conditions = live.status?.conditions as
    | Array<{ type: string; reason?: string; lastUpdateTime?: string }>
    | undefined;
  const stale = conditions?.find(
    (c) =>
      c.type === 'Progressing' &&
      c.reason === 'ProgressDeadlineExceeded' &&
      Date.parse(c.lastUpdateTime ?? '') < startedAt.getTime() - 1000,
  );
  if (!stale || !conditions) return live;
  return { ...live, status: { ...live.status, conditions: conditions.filter((c) => c !== stale) } };
}

function predatesApply(desired: KubeObject, live: KubeObject | undefined, applied?: ReadonlyMap<string, number>) {
  const generation = applied?.get(objectKey(desired));
  return generation !== undefined && live !== undefined && (live.metadata.generation ?? 0) < generation;
}

function matches(pod: KubeObject, labels: Record<string, string>): boolean {
  const own = pod.metadata.labels ?? {};
  return Object.entries(labels).every(([k, v]) => own[k] === v);
}

function unassessable(count: number, error: unknown): RolloutAssessment {
  return { ...unobserved(count), message: `The rollout could not be assessed: ${(error as Error).message ?? error}` };
}

function unobserved(count: number): RolloutAssessment {
  return {
    status: 'Degraded',
    message: 'The cluster could not be watched before the deadline, so the rollout could not be confirmed',
    resources: [],
    failures: [],
    progress: { desired: count, updated: 0, ready: 0, available: 0 },
  };
}

/** A rollout still not Healthy at its deadline is Degraded, whatever else it reports. */
function pastDeadline(assessment: RolloutAssessment, final: boolean): RolloutAssessment {
  if (!final || assessment.status === 'Degraded') return assessment;
  return { ...assessment, status: 'Degraded', message: `Not healthy by its deadline: ${assessment.message}` };
}
