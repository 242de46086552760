import {
  type AppliedRecord,
  appliedAt,
  assessRollout,
  isCommittedRelease,
  type KubeObject,
  objectKey,
  type RolloutAssessment,
} from '@slipway/core';
import { describeFailure } from '../kube/api-errors.ts';
import type { WatchHub } from '../kube/watch-hub.ts';
import { unreachable } from './unreachable.ts';

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
   * The objects as the API server answered this release's apply. Their generation and the
   * time the server recorded the apply tell this rollout's status from what earlier ones left
   * behind (see core's sinceApply). Unknown after a restart: the live objects' own record of
   * Slipway's apply stands in.
   */
  applied?: readonly KubeObject[];
  /**
   * GitOps mode: someone else applies the release (a GitOps tool, from the commit). Until an
   * object carries this release's label it counts as Progressing with this message, whatever
   * the release before it left running.
   */
  awaiting?: string;
  /** Called whenever the assessment's status or message changes. */
  onProgress?: (assessment: RolloutAssessment) => void;
}

export type TrackOutcome =
  | { outcome: 'healthy' | 'degraded'; assessment: RolloutAssessment }
  | { outcome: 'aborted'; assessment?: RolloutAssessment };

/** Between reads while the watches cannot reach the cluster but reads can. */
const pollMs = 2000;
/** Bounds of the backoff between reads that failed. */
const firstRetryMs = 1000;
const maxRetryMs = 5000;

type Kind = { apiVersion: string; kind: string };
type Lookup = (kind: string, name: string) => KubeObject | undefined;

/**
 * Follows a rollout until it is Healthy or Degraded, or aborted. Shared watches drive it:
 * every event about the release's objects or pods re-assesses it (coalesced per tick), so
 * the verdict follows the cluster within milliseconds rather than a polling interval.
 *
 * Only an observation of the cluster gives a verdict, and a failure is confirmed by one made
 * for the purpose: a Degraded assessment, and any assessment once the deadline has passed,
 * is checked against the state read from the API server there and then (a watch that hangs
 * would otherwise show an old state as the current one). While the watches cannot reach the
 * cluster, the tracker reads the state itself; while reads fail too, the release stays in
 * progress with the reason and the tracker keeps retrying, past the deadline if need be:
 * being unable to see the cluster says nothing about the rollout.
 */
export function trackRollout(hub: WatchHub, options: TrackOptions): Promise<TrackOutcome> {
  return new Promise((resolve) => new RolloutTracker(hub, options, resolve).start());
}

class RolloutTracker {
  readonly #hub: WatchHub;
  readonly #options: TrackOptions;
  readonly #resolve: (outcome: TrackOutcome) => void;
  readonly #kinds = new Map<string, Kind>();
  readonly #applied = new Map<string, AppliedRecord>();
  /** Objects and pods of this release: events about anything else need no new verdict. */
  readonly #own: Set<string>;
  readonly #reads = new AbortController();
  #subscriptions: Array<{ key: string; sub: ReturnType<WatchHub['subscribe']> }> = [];
  #settled = false;
  #scheduled = false;
  #deadlinePassed = false;
  #reading = false;
  #retry: NodeJS.Timeout | undefined;
  #retryMs = firstRetryMs;
  #deadlineTimer: NodeJS.Timeout | undefined;
  /** The latest assessment of what the cluster showed, and the latest one reported. */
  #observed: RolloutAssessment | undefined;
  #reported: RolloutAssessment | undefined;
  /** Since when reads have failed (undefined while the cluster answers). */
  #unreachableSince: Date | undefined;

  constructor(hub: WatchHub, options: TrackOptions, resolve: (outcome: TrackOutcome) => void) {
    this.#hub = hub;
    this.#options = options;
    this.#resolve = resolve;
    for (const o of options.objects) this.#kinds.set(kindKey(o), { apiVersion: o.apiVersion, kind: o.kind });
    this.#kinds.set('v1/Pod', { apiVersion: 'v1', kind: 'Pod' });
    for (const o of options.applied ?? []) {
      const at = appliedAt(o);
      this.#applied.set(objectKey(o), { generation: o.metadata.generation ?? 0, ...(at ? { at } : {}) });
    }
    this.#own = new Set(options.objects.map((o) => `${o.kind}/${o.metadata.name}`));
  }

  start(): void {
    const { signal, deadline, now, namespace } = this.#options;
    signal.addEventListener('abort', this.#onAbort, { once: true });
    this.#subscriptions = [...this.#kinds.entries()].map(([key, kind]) => ({
      key,
      sub: this.#hub.subscribe({ ...kind, namespace }, (changed) => {
        if (this.#relevant(changed)) this.#schedule();
      }),
    }));
    this.#deadlineTimer = setTimeout(this.#onDeadline, Math.max(0, deadline.getTime() - now().getTime()));
    if (signal.aborted) this.#onAbort();
    else this.#schedule(); // a shared watch may already be out: find out now, not at its next retry
  }

  // With many releases sharing one watch, re-assessing on every event would cost O(releases × pods).
  #relevant(changed: KubeObject | undefined): boolean {
    if (!changed) return true;
    if (changed.kind === 'Pod') return matches(changed, this.#options.podLabels);
    return this.#own.has(`${changed.kind}/${changed.metadata.name}`);
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#fromWatches();
    });
  }

  /** Judges what the watches hold; a failure, or anything past the deadline, is confirmed by a read. */
  #fromWatches(): void {
    if (this.#settled) return;
    if (this.#subscriptions.some(({ sub }) => sub.outage())) {
      this.#read(); // the watches cannot tell: ask the API server directly
      return;
    }
    if (!this.#subscriptions.every(({ sub }) => sub.isSynced())) return;
    const assessment = this.#assess(
      (kind, name) => this.#collection(kind)?.objects.get(name),
      [...(this.#collection('v1/Pod')?.objects.values() ?? [])],
    );
    if (!assessment) return;
    if (assessment.status === 'Healthy') this.#finish({ outcome: 'healthy', assessment });
    else if (assessment.status === 'Degraded' || this.#deadlinePassed) this.#read();
    else this.#report(assessment);
  }

  #onDeadline = (): void => {
    this.#deadlinePassed = true;
    this.#read();
  };

  /** Reads the release's kinds from the API server now, unless a read is under way or due. */
  #read(): void {
    if (this.#settled || this.#reading || this.#retry) return;
    this.#reading = true;
    void this.#readNow().finally(() => {
      this.#reading = false;
    });
  }

  async #readNow(): Promise<void> {
    const { namespace } = this.#options;
    let lists: KubeObject[][];
    try {
      lists = await Promise.all(
        [...this.#kinds.values()].map((k) => this.#hub.read({ ...k, namespace }, this.#reads.signal)),
      );
    } catch (error) {
      if (!this.#settled) this.#cannotRead(error);
      return;
    }
    if (this.#settled) return;
    this.#unreachableSince = undefined;
    this.#retryMs = firstRetryMs;
    const read = new Map([...this.#kinds.keys()].map((key, i) => [key, lists[i] ?? []]));
    const assessment = this.#assess(
      (kind, name) => read.get(kind)?.find((o) => o.metadata.name === name),
      read.get('v1/Pod') ?? [],
    );
    if (!assessment) return;
    this.#judge(assessment);
  }

  /** A verdict from state read just now: the one place a rollout is found Degraded. */
  #judge(assessment: RolloutAssessment): void {
    if (assessment.status === 'Healthy') this.#finish({ outcome: 'healthy', assessment });
    else if (assessment.status === 'Degraded') this.#finish({ outcome: 'degraded', assessment });
    else if (this.#deadlinePassed) this.#finish({ outcome: 'degraded', assessment: pastDeadline(assessment) });
    else {
      this.#report(assessment);
      // The watches are still down: keep reading, or the release would stand still.
      if (this.#subscriptions.some(({ sub }) => sub.outage())) this.#retryIn(pollMs);
    }
  }

  #cannotRead(error: unknown): void {
    const { now } = this.#options;
    const watchOutage = this.#subscriptions.map(({ sub }) => sub.outage()?.since).find((d) => d !== undefined);
    this.#unreachableSince ??= watchOutage ?? now();
    this.#report(unreachable(this.#observed, this.#unreachableSince, describeFailure(error)));
    this.#retryIn(this.#retryMs);
    this.#retryMs = Math.min(this.#retryMs * 2, maxRetryMs);
  }

  #retryIn(ms: number): void {
    clearTimeout(this.#retry);
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      this.#read();
    }, ms);
  }

  /**
   * Assesses the release against live objects. A bug in assessing must not leave a release
   * in progress forever: past the deadline it ends the release with the error.
   */
  #assess(lookup: Lookup, pods: readonly KubeObject[]): RolloutAssessment | undefined {
    const options = this.#options;
    try {
      const assessment = assessRollout({
        objects: options.objects.map((desired) => {
          const applied = this.#applied.get(objectKey(desired));
          const live = lookup(kindKey(desired), desired.metadata.name);
          if (options.awaiting !== undefined && !isCommittedRelease(desired, live))
            return { desired, live: undefined, awaiting: options.awaiting };
          return { desired, live, ...(applied ? { applied } : {}) };
        }),
        pods: pods.filter((p) => matches(p, options.podLabels)),
        now: options.now(),
        startedAt: options.startedAt,
        deadlineSeconds: options.failureToleranceSeconds,
      });
      this.#observed = assessment;
      return assessment;
    } catch (error) {
      if (this.#deadlinePassed) this.#finish({ outcome: 'degraded', assessment: unassessable(options, error) });
      return undefined;
    }
  }

  #collection(key: string) {
    return this.#subscriptions.find((s) => s.key === key)?.sub;
  }

  #report(assessment: RolloutAssessment): void {
    const last = this.#reported;
    this.#reported = assessment;
    if (!last || last.status !== assessment.status || last.message !== assessment.message)
      this.#options.onProgress?.(assessment);
  }

  #onAbort = (): void => {
    this.#finish({ outcome: 'aborted', ...(this.#observed ? { assessment: this.#observed } : {}) });
  };

  #finish(result: TrackOutcome): void {
    if (this.#settled) return;
    this.#settled = true;
    clearTimeout(this.#deadlineTimer);
    clearTimeout(this.#retry);
    this.#reads.abort();
    this.#options.signal.removeEventListener('abort', this.#onAbort);
    for (const s of this.#subscriptions) s.sub.unsubscribe();
    this.#resolve(result);
  }
}

const kindKey = (o: Pick<KubeObject, 'apiVersion' | 'kind'>) => `${o.apiVersion}/${o.kind}`;

function matches(pod: KubeObject, labels: Record<string, string>): boolean {
  const own = pod.metadata.labels ?? {};
  return Object.entries(labels).every(([k, v]) => own[k] === v);
}

function unassessable(options: TrackOptions, error: unknown): RolloutAssessment {
  return {
    status: 'Degraded',
    message: `The rollout could not be assessed: ${(error as Error).message ?? error}`,
    resources: [],
    failures: [],
    progress: { desired: options.objects.length, updated: 0, ready: 0, available: 0 },
  };
}

/** A rollout still not Healthy at its deadline is Degraded, whatever else it reports. */
function pastDeadline(assessment: RolloutAssessment): RolloutAssessment {
  return { ...assessment, status: 'Degraded', message: `Not healthy by its deadline: ${assessment.message}` };
}
