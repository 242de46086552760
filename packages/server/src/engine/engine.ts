import { EventEmitter } from 'node:events';
import type { KubeConfig } from '@kubernetes/client-node';
import {
  type KubeObject,
  pruneSet,
  type RolloutAssessment,
  refOf,
  SlipwayError,
  slipwayLabels,
  type Verification,
} from '@slipway/core';
import type { Kysely } from 'kysely';
import { type ClusterConnection, ClusterRegistry } from '../clusters/registry.ts';
import type { KeyRing } from '../crypto/keyring.ts';
import { openReleaseSecrets } from '../crypto/release-secrets.ts';
import type { Schema } from '../db/schema.ts';
import type { SessionLocks } from '../db/session-locks.ts';
import { type EnvironmentRecord, getEnvironmentById, lockPreviewEnvironment } from '../db/stores/environments.ts';
import { emitNotification } from '../db/stores/notifications.ts';
import {
  advanceRelease,
  createRelease,
  lastApplied,
  newestReleaseStatuses,
  pairsWithWork,
  type ReleaseProgress,
  type ReleaseRecord,
  unfinishedReleases,
  unfinishedStatuses,
} from '../db/stores/releases.ts';
import { releaseFrom } from '../deploy/lineage.ts';
import { awaitingGitOpsTool, type GitOpsWriter } from '../environments/gitops.ts';
import { describeFailure, isUnreachable } from '../kube/api-errors.ts';
import { createdNotification, previewReadyNotification, releaseNotification } from '../notifications/release-events.ts';
import { pause } from './pause.ts';
import { ReleaseChanges } from './release-changes.ts';
import { SampleWrites } from './sample-writes.ts';
import { trackRollout } from './tracker.ts';
import { unreachable } from './unreachable.ts';
import { beginVerifying, type CheckSampler, checksFor, verifyRelease } from './verify.ts';

/** Bounds of the backoff between applies while the cluster does not answer. */
const firstApplyRetryMs = 1000;
const maxApplyRetryMs = 10_000;

export interface EngineLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface EngineDeps {
  db: Kysely<Schema>;
  /** The clusters environments live on; or just `kube`, for a single cluster. */
  clusters?: ClusterRegistry;
  kube?: KubeConfig;
  /** Opens the sealed Secret values of releases on their way to the cluster. */
  keyRing?: KeyRing | null;
  log: EngineLogger;
  now?: () => Date;
  /** How often the engine looks for work others queued (other replicas, crashes). */
  tickMs?: number;
  /** Where release writes are announced; the engine makes its own when left out. */
  changes?: ReleaseChanges;
  /** Answers the metric checks of verifying releases; without it every sample is unknown. */
  sampler?: CheckSampler | null;
  /** Commits the releases of environments in GitOps mode; without it they fail to apply. */
  gitops?: GitOpsWriter | null;
  /**
   * Replicas on one PostgreSQL (Database.locks): a pair is driven only by the replica holding
   * its lock, so no two replicas apply or track the same release; a replica that dies lets go
   * with its session and another takes the pair over at its next tick. Left out: one process.
   */
  locks?: SessionLocks | null;
}

type Pair = { serviceId: string; environmentId: string };
const pairKey = (p: Pair) => `${p.serviceId}/${p.environmentId}`;
const lockKey = (key: string) => `slipway.release-pair:${key}`;
/** A pair being driven: its work, how to interrupt it, and which release it is on. */
type Run = { done: Promise<void>; abort: AbortController; number?: number };

/**
 * The reconcile loop. Desired state lives in the database (releases, stored before the
 * cluster is touched); the engine drives each service/environment pair towards its newest
 * release, one pair at a time per pair and many pairs at once. It keeps no state that a
 * restart would lose: after a crash it finds releases still `applying`, `progressing` or
 * `verifying` and finishes them (apply is idempotent; samples are stored), or ends them as
 * failed with the reason.
 */
/** What the engine reports as it drives a release, for live views (SSE, CLI) and metrics. */
export interface ReleaseEvent {
  releaseId: string;
  phase: 'applying' | 'applied' | 'progress' | ReleaseRecord['status'];
  message: string;
  at: Date;
}

export class DeployEngine {
  /** Emits `release` with a ReleaseEvent at every step of every release. */
  readonly events = new EventEmitter<{ release: [ReleaseEvent] }>();
  /** Announces every release row the engine (or anyone holding it) wrote, once it is stored. */
  readonly changes: ReleaseChanges;
  readonly #db: Kysely<Schema>;
  readonly #log: EngineLogger;
  readonly #now: () => Date;
  readonly #clusters: ClusterRegistry;
  readonly #ownsClusters: boolean;
  readonly #keyRing: KeyRing | null;
  readonly #running = new Map<string, Run>();
  readonly #tickMs: number;
  readonly #sampler: CheckSampler | null;
  readonly #samples: SampleWrites;
  readonly #gitops: GitOpsWriter | null;
  readonly #locks: SessionLocks | null;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #ticking: Promise<void> | undefined;
  #again = false;

  constructor(deps: EngineDeps) {
    this.#db = deps.db;
    this.#log = deps.log;
    this.#now = deps.now ?? (() => new Date());
    this.#ownsClusters = !deps.clusters;
    this.#keyRing = deps.keyRing ?? null;
    this.#clusters =
      deps.clusters ??
      new ClusterRegistry({
        db: deps.db,
        defaultKube: deps.kube ?? null,
        keyRing: null,
        onWatchError: (error) => this.#log.warn({ err: error }, 'watch failed'),
      });
    this.#tickMs = deps.tickMs ?? 2000;
    this.#sampler = deps.sampler ?? null;
    this.#gitops = deps.gitops ?? null;
    this.#samples = new SampleWrites(deps.db);
    this.changes = deps.changes ?? new ReleaseChanges();
    this.#locks = deps.locks ?? null;
    this.#locks?.onLost(() => {
      // Another replica may take these pairs from now on: stop driving them here.
      this.#log.warn({ pairs: this.#running.size }, 'lost the database session holding the release locks');
      for (const run of this.#running.values()) run.abort.abort();
    });
  }

  get clusters(): ClusterRegistry {
    return this.#clusters;
  }

  start(): void {
    this.#timer = setInterval(() => this.wake(), this.#tickMs);
    this.#timer.unref();
    this.wake();
  }

  /**
   * Takes a release the API has just stored or moved (created, approved, rejected): announces
   * it to live views and, when it is queued, starts driving it now rather than at the next
   * tick. Whether it was dry-run already is in the row (validatedAt), not told here.
   */
  accept(release: ReleaseRecord): void {
    this.changes.notify(release);
    if (release.status === 'queued') this.wake();
  }

  /** Looks for work now (called after a deploy is stored). */
  wake(): void {
    if (this.#stopped) return;
    if (this.#ticking) {
      this.#again = true;
      return;
    }
    this.#ticking = this.#tick()
      .catch((error) => this.#log.error({ err: error }, 'engine tick failed'))
      .finally(() => {
        this.#ticking = undefined;
        if (this.#again) {
          this.#again = false;
          this.wake();
        }
      });
  }

  /** Stops driving releases; unfinished ones stay as they are and resume at the next start. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    for (const run of this.#running.values()) run.abort.abort();
    await this.#ticking;
    await Promise.all([...this.#running.values()].map((r) => r.done));
    if (this.#ownsClusters) await this.#clusters.close();
  }

  /**
   * Stops driving the releases of an environment (it is being deleted); waits until they let
   * go, so nothing is applied into a namespace that is going away.
   */
  async cancelEnvironment(environmentId: string): Promise<void> {
    const runs = [...this.#running.entries()].filter(([key]) => key.endsWith(`/${environmentId}`));
    for (const [, run] of runs) run.abort.abort();
    await Promise.all(runs.map(([, run]) => run.done));
  }

  async #tick(): Promise<void> {
    for (const pair of await pairsWithWork(this.#db)) {
      const key = pairKey(pair);
      const running = this.#running.get(key);
      if (running) {
        // A newer release queued while one is rolling out takes over: stop tracking the old one.
        if (running.number !== undefined && pair.newest > running.number) running.abort.abort();
        continue;
      }
      // The compare-and-set on a queued release decides who starts it; the pair's lock decides
      // who carries on one already applying or progressing (there is no row state to claim).
      if (this.#locks && !(await this.#locks.tryLock(lockKey(key)))) continue;
      if (this.#stopped || this.#running.has(key)) {
        await this.#unlock(key);
        continue;
      }
      const entry: Run = { done: Promise.resolve(), abort: new AbortController() };
      entry.done = this.#drive(pair, entry)
        .catch((error) => this.#log.error({ err: error, pair: key }, 'driving releases failed'))
        .finally(() => {
          this.#running.delete(key);
          return this.#unlock(key);
        });
      this.#running.set(key, entry);
    }
  }

  async #unlock(key: string): Promise<void> {
    await this.#locks
      ?.unlock(lockKey(key))
      .catch((error) => this.#log.warn({ err: error, pair: key }, 'could not let go of a release lock'));
  }

  /** Drives one pair until it has no unfinished release left (or its lock went with the session). */
  async #drive(pair: Pair, entry: Run): Promise<void> {
    const key = lockKey(pairKey(pair));
    while (!this.#stopped && (!this.#locks || this.#locks.holds(key))) {
      const unfinished = await unfinishedReleases(this.#db, pair.serviceId, pair.environmentId);
      const target = unfinished.at(-1);
      if (!target) return;
      for (const older of unfinished.slice(0, -1)) {
        await this.#finish(older, unfinishedStatuses, 'superseded', `Superseded by release #${target.number}`);
      }
      if (entry.abort.signal.aborted) entry.abort = new AbortController();
      entry.number = target.number;
      await this.#run(target, entry.abort.signal);
    }
  }

  async #run(release: ReleaseRecord, signal: AbortSignal): Promise<void> {
    const environment = await getEnvironmentById(this.#db, release.environmentId);
    if (environment.status === 'deleting' || environment.status === 'deleted') {
      await this.#finish(release, unfinishedStatuses, 'superseded', 'The environment was deleted');
      return;
    }
    if (release.status === 'verifying') {
      // Resumed after a restart; a row with no checks stored (edited by hand) has nothing to verify.
      if (release.verification) await this.#verify(release, environment, release.verification, signal);
      else await this.#finish(release, ['verifying'], 'healthy', 'Healthy; no checks were stored with it');
      return;
    }
    if (release.status !== 'queued')
      this.#log.info({ release: release.id, status: release.status }, 'carrying on a release already under way');
    const cluster = await this.#clusters.connect(environment.clusterId);
    const startedAt = release.startedAt ?? this.#now();
    if (release.status === 'queued') {
      if (!(await this.#advance(release, ['queued'], { status: 'applying', startedAt, message: 'Applying' }))) return;
    }
    this.#emit(release.id, 'applying', 'Applying');
    let applied: KubeObject[] | undefined;
    if (release.status === 'queued' || release.status === 'applying') {
      const applyStarted = performance.now();
      applied = await this.#apply(release, environment, cluster, signal);
      if (!applied) return;
      // One line per completed apply: what the failover test counts per release.
      const applyMs = Math.round(performance.now() - applyStarted);
      this.#log.info(
        { release: release.id, number: release.number, objects: applied.length, applyMs },
        'release applied',
      );
      const done = environment.settings.gitops ? 'Committed for the GitOps tool' : `Applied ${applied.length} objects`;
      this.#emit(release.id, 'applied', done);
      await this.#advance(release, ['applying'], { status: 'progressing', message: 'Rolling out' });
    }
    // The progress deadline runs from the apply that started the rollout in the cluster: a
    // release resumed after a crash mid-apply is applied again now and gets its full time, while
    // one resumed mid-rollout kept rolling out meanwhile and keeps the deadline it had.
    const rolloutFrom = applied ? this.#now() : startedAt;
    const deadline = new Date(rolloutFrom.getTime() + environment.context.defaults.progressDeadlineSeconds * 1000);
    const progress = new ProgressWriter<RolloutAssessment>((a) =>
      this.#advance(release, ['progressing'], { message: a.message, health: a }).then(() => {}),
    );
    const gitops = environment.settings.gitops;
    const result = await trackRollout(cluster.hub, {
      ...(gitops ? { awaiting: awaitingGitOpsTool(gitops, environment.name, release.number) } : {}),
      namespace: environment.context.namespace,
      objects: release.objects,
      podLabels: { [slipwayLabels.service]: serviceLabelOf(release) },
      startedAt,
      deadline,
      failureToleranceSeconds: environment.context.defaults.progressDeadlineSeconds,
      ...(applied ? { applied } : {}),
      now: this.#now,
      signal,
      onProgress: (a) => {
        progress.push(a);
        this.#emit(release.id, 'progress', a.message);
      },
    });
    await progress.flush(true);
    if (result.outcome === 'aborted') return; // superseded or stopping: the next pass decides
    const { assessment } = result;
    if (result.outcome === 'healthy') {
      await this.#healthy(release, environment, assessment, signal);
      return;
    }
    await this.#finish(release, ['progressing'], 'degraded', assessment.message, assessment);
    await this.#rollBack(release, assessment.message);
  }

  /** A Healthy rollout is done, or goes on verifying when its environment type has checks. */
  async #healthy(
    release: ReleaseRecord,
    environment: EnvironmentRecord,
    assessment: RolloutAssessment,
    signal: AbortSignal,
  ): Promise<void> {
    const checks = await checksFor(this.#db, release, environment);
    if (checks.length === 0) {
      await this.#finish(release, ['progressing'], 'healthy', assessment.message, assessment);
      return;
    }
    const advance = (progress: ReleaseProgress) => this.#advance(release, ['progressing'], progress);
    const verification = await beginVerifying({ advance, now: this.#now }, checks, assessment);
    if (!verification) return;
    this.#emit(release.id, 'verifying', `Verifying ${checks.length} checks`);
    await this.#verify(release, environment, verification, signal);
  }

  /** Runs the checks; a failed one fails the release and rolls it back like a failed rollout. */
  async #verify(
    release: ReleaseRecord,
    environment: EnvironmentRecord,
    verification: Verification,
    signal: AbortSignal,
  ): Promise<void> {
    const deps = {
      db: this.#db,
      sampler: this.#sampler,
      now: this.#now,
      record: async (samples: Verification, message: string) => {
        const moved = await this.#samples.write(release.id, samples, message);
        if (moved) this.changes.notify(release);
        return moved;
      },
      onProgress: (message: string) => this.#emit(release.id, 'progress', message),
    };
    const outcome = await verifyRelease(deps, release, environment, verification, signal);
    if (outcome.state === 'aborted') return; // superseded or stopping: the next pass decides
    if (outcome.state === 'passed') {
      await this.#finish(release, ['verifying'], 'healthy', outcome.message);
      return;
    }
    await this.#finish(release, ['verifying'], 'failed', outcome.message);
    await this.#rollBack(release, outcome.message);
  }

  /**
   * Validates, applies and prunes; a refusal ends the release as failed with its reason. A
   * cluster that does not answer is no refusal: the release stays `applying`, saying so, and
   * the apply is tried again (it is idempotent) until the cluster answers, a newer release
   * takes over, or the engine stops.
   */
  async #apply(
    release: ReleaseRecord,
    environment: EnvironmentRecord,
    cluster: ClusterConnection,
    signal: AbortSignal,
  ): Promise<KubeObject[] | undefined> {
    let outage: { since: Date; retryMs: number } | undefined;
    for (;;) {
      try {
        if (environment.settings.gitops) return await this.#commit(release, environment, cluster, outage !== undefined);
        return await this.#applyOnce(release, cluster, outage !== undefined);
      } catch (error) {
        if (!isUnreachable(error)) return this.#failApply(release, error);
        outage ??= { since: this.#now(), retryMs: firstApplyRetryMs };
        const { message } = unreachable(undefined, outage.since, describeFailure(error));
        this.#log.warn({ release: release.id, err: error }, 'cluster unreachable while applying; retrying');
        await this.#advance(release, ['applying'], { message });
        this.#emit(release.id, 'applying', message);
        if (!(await pause(outage.retryMs, signal))) return undefined;
        outage.retryMs = Math.min(outage.retryMs * 2, maxApplyRetryMs);
      }
    }
  }

  /** One attempt; after an outage the dry run is made again, whatever the row says. */
  async #applyOnce(release: ReleaseRecord, cluster: ClusterConnection, retrying: boolean): Promise<KubeObject[]> {
    const objects = openReleaseSecrets(this.#keyRing, release.objects);
    if (retrying || !dryRunHolds(release, this.#now())) await cluster.applier.validate(objects);
    const applied = await cluster.applier.apply(objects);
    const previous = await lastApplied(this.#db, release.serviceId, release.environmentId, {
      beforeNumber: release.number,
      status: ['progressing', 'verifying', 'healthy', 'degraded', 'failed', 'superseded'],
    });
    if (previous) await cluster.applier.delete(pruneSet(previous.objects.map(refOf), release.objects.map(refOf)));
    return applied;
  }

  /**
   * GitOps mode: the release is dry-run like any other, its Secrets applied (they never go to
   * Git) and the rest committed for the GitOps tool; nothing else is applied or pruned here
   * (the tool prunes what the commit removed). Nothing was applied, so no apply records.
   */
  async #commit(
    release: ReleaseRecord,
    environment: EnvironmentRecord,
    cluster: ClusterConnection,
    retrying: boolean,
  ): Promise<KubeObject[]> {
    if (!this.#gitops)
      throw new SlipwayError(
        'not_configured',
        `Environment ${environment.name} is in GitOps mode, which this server cannot write`,
      );
    const objects = openReleaseSecrets(this.#keyRing, release.objects);
    if (retrying || !dryRunHolds(release, this.#now())) await cluster.applier.validate(objects);
    const secrets = objects.filter((o) => o.kind === 'Secret');
    if (secrets.length) await cluster.applier.apply(secrets);
    const previous = await lastApplied(this.#db, release.serviceId, release.environmentId, {
      beforeNumber: release.number,
      status: ['progressing', 'verifying', 'healthy', 'degraded', 'failed', 'superseded'],
    });
    const secretRefs = (list: readonly KubeObject[]) => list.filter((o) => o.kind === 'Secret').map(refOf);
    if (previous) await cluster.applier.delete(pruneSet(secretRefs(previous.objects), secretRefs(release.objects)));
    const committed = await this.#gitops.commit(environment, release);
    const message = `Committed ${committed.commit.slice(0, 12)} to ${committed.repository} (${committed.branch}, ${committed.folder}/)`;
    await this.#advance(release, ['applying'], { message });
    this.#emit(release.id, 'applying', message);
    return [];
  }

  async #failApply(release: ReleaseRecord, error: unknown): Promise<undefined> {
    const message = error instanceof SlipwayError ? error.message : `Applying failed: ${String(error)}`;
    this.#log.warn({ release: release.id, err: error }, 'release failed to apply');
    await this.#finish(
      release,
      ['applying'],
      'failed',
      message,
      error instanceof SlipwayError ? error.toBody() : undefined,
    );
    return undefined;
  }

  /** After a failed rollout, goes back to the last healthy release (unless turned off). */
  async #rollBack(release: ReleaseRecord, why: string): Promise<void> {
    if (!release.autoRollback) return;
    const healthy = await lastApplied(this.#db, release.serviceId, release.environmentId, {
      beforeNumber: release.number,
      status: ['healthy'],
    });
    if (!healthy) return;
    // The same step as a rollback someone asks for; it restores a healthy state, so no approval.
    const rollback = await createRelease(
      this.#db,
      releaseFrom(
        healthy,
        { kind: 'rollback' },
        {
          createdBy: 'slipway',
          reason: `Automatic rollback to release #${healthy.number}: release #${release.number} failed: ${why}`,
          approvalExpiresAt: null,
        },
      ),
      (tx, created) => this.#notifyCreated(tx, created),
    );
    this.changes.notify(rollback);
    this.#log.info({ release: release.id, rollback: rollback.id, to: healthy.number }, 'rolling back automatically');
  }

  async #finish(
    release: ReleaseRecord,
    from: readonly ReleaseRecord['status'][],
    status: ReleaseRecord['status'],
    message: string,
    health?: unknown,
  ) {
    const moved = await this.#advance(release, from, {
      status,
      message,
      finishedAt: this.#now(),
      ...(health !== undefined ? { health } : {}),
    });
    // Written once the status is stored: an operator's record of every outcome, and what
    // `bench deploy` reads its verdict times from (its server runs in a process of its own).
    if (moved) this.#log.info({ release: release.id, number: release.number, status }, 'release finished');
    this.#emit(release.id, status, message);
  }

  /**
   * Moves a release along (compare-and-set) and announces it when it did move. A move people
   * are told about writes its notification in the same transaction: moved ⇔ notified.
   */
  async #advance(release: ReleaseRecord, from: readonly ReleaseRecord['status'][], progress: ReleaseProgress) {
    const notification = progress.status
      ? releaseNotification(release, { from, to: progress.status, message: progress.message ?? '' }, this.#now())
      : null;
    const moved = notification
      ? await this.#db.transaction().execute(async (tx) => {
          // Locked before the move: two releases of one preview turning healthy at once on two
          // replicas would each see the other unfinished, and neither would say it is ready.
          const preview =
            progress.status === 'healthy' ? await lockPreviewEnvironment(tx, release.environmentId) : null;
          const done = await advanceRelease(tx, release.id, from, progress);
          if (!done) return done;
          await emitNotification(tx, notification);
          const ready =
            preview &&
            previewReadyNotification(
              release,
              preview,
              await newestReleaseStatuses(tx, release.environmentId),
              this.#now(),
            );
          if (ready) await emitNotification(tx, ready);
          return done;
        })
      : await advanceRelease(this.#db, release.id, from, progress);
    if (moved) this.changes.notify(release);
    return moved;
  }

  async #notifyCreated(tx: Kysely<Schema>, release: ReleaseRecord): Promise<void> {
    const notification = createdNotification(release, this.#now());
    if (notification) await emitNotification(tx, notification);
  }

  #emit(releaseId: string, phase: ReleaseEvent['phase'], message: string) {
    this.events.emit('release', { releaseId, phase, message, at: this.#now() });
  }
}

/**
 * Writes a release's progress at most every 500 ms (the latest state wins), so a busy
 * rollout does not queue writes ahead of the verdict the user is waiting for.
 */
class ProgressWriter<T> {
  #pending: T | undefined;
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();

  constructor(private readonly write: (value: T) => Promise<void>) {}

  push(value: T): void {
    this.#pending = value;
    this.#timer ??= setTimeout(() => void this.flush(), 500);
  }

  /** Writes what is pending now (or drops it: the verdict that follows supersedes it). */
  async flush(drop = false): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const value = this.#pending;
    this.#pending = undefined;
    if (value !== undefined && !drop) this.#writing = this.#writing.then(() => this.write(value)).catch(() => {});
    await this.#writing;
  }
}

/**
 * How long the API server's dry run at deploy time vouches for a release's objects. A dry run
 * says the API server accepted exactly these objects (they never change) at that moment; what
 * can change afterwards is the cluster (a CRD or an admission policy removed or added, a quota
 * tightened). A release the engine takes from the queue within a tick or two of its deploy —
 * the usual case, on any replica and after a restart alike, since the time is in the row — is
 * applied against practically the cluster that just accepted it, so a second dry run would
 * only repeat the first. One that waited longer (for an approval, for a stopped engine) is
 * dry-run again: a refusal then still leaves nothing half-applied.
 */
export const dryRunTrustMs = 60_000;

/**
 * Whether applying may skip the dry run: the release was dry-run recently (the clocks of two
 * replicas may differ a little either way), and this is its first attempt. One resumed as
 * `applying` after a crash is dry-run again: its cut-short attempt changed the cluster since.
 */
function dryRunHolds(release: ReleaseRecord, now: Date): boolean {
  if (!release.validatedAt || release.status !== 'queued') return false;
  return Math.abs(now.getTime() - release.validatedAt.getTime()) <= dryRunTrustMs;
}

/** The service label the release's pods carry (set by rendering on every pod template). */
function serviceLabelOf(release: ReleaseRecord): string {
  const workload = release.objects.find((o: KubeObject) => o.metadata.labels?.[slipwayLabels.service]);
  return workload?.metadata.labels?.[slipwayLabels.service] ?? '';
}
