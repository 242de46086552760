import { scheduledState } from '@slipway/core';
import type { Kysely } from 'kysely';
import type { ClusterService } from '../clusters/service.ts';
import type { Schema } from '../db/schema.ts';
import { recordApproval } from '../db/stores/approvals.ts';
import {
  expiredEnvironments,
  listEnvironments,
  markScheduleApplied,
  scheduledEnvironments,
} from '../db/stores/environments.ts';
import { advanceRelease, lapsedApprovals } from '../db/stores/releases.ts';
import type { ReleaseChanges } from '../engine/release-changes.ts';
import { announceStartedFreezes } from '../notifications/freeze-events.ts';
import type { EnvironmentService } from './service.ts';

export interface ControllerDeps {
  db: Kysely<Schema>;
  environments: EnvironmentService;
  clusterService: ClusterService;
  intervalMs: number;
  /** How often registered clusters are checked (their status and version). */
  clusterCheckMs?: number;
  now?: () => Date;
  log: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
  /** Where an expired approval is announced to live views. */
  releaseChanges?: ReleaseChanges;
}

/**
 * The time-driven half of environment management, one pass every interval: environments
 * whose time-to-live ran out are deleted, deletions under way are carried on (they survive a
 * restart), pause schedules are followed, approvals that waited too long expire, deploy
 * freezes that began are announced, and registered clusters are checked. Every step is idempotent, so a pass may repeat one.
 */
export class EnvironmentController {
  readonly #deps: ControllerDeps;
  readonly #now: () => Date;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #lastClusterCheck = 0;

  constructor(deps: ControllerDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? (() => new Date());
  }

  start(): void {
    this.#timer = setInterval(() => void this.pass(), this.#deps.intervalMs);
    this.#timer.unref();
    void this.pass();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }

  /** One pass; a pass already under way is joined rather than doubled. */
  pass(): Promise<void> {
    this.#running ??= this.#pass().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #pass(): Promise<void> {
    for (const step of [
      this.#expire,
      this.#finishDeletions,
      this.#followSchedules,
      this.#lapseApprovals,
      this.#announceFreezes,
      this.#checkClusters,
    ]) {
      try {
        await step.call(this);
      } catch (error) {
        this.#deps.log.warn({ err: error, step: step.name }, 'environment controller step failed');
      }
    }
  }

  async #expire(): Promise<void> {
    for (const environment of await expiredEnvironments(this.#deps.db, this.#now())) {
      this.#deps.log.info({ environment: environment.name }, 'time-to-live ran out; deleting the environment');
      await this.#deps.environments.delete(environment.name);
    }
  }

  async #finishDeletions(): Promise<void> {
    for (const environment of await listEnvironments(this.#deps.db, { status: ['deleting'] })) {
      await this.#deps.environments.finishDeletion(environment);
    }
  }

  /** Acts on each schedule firing once: a person who resumes at night is not overruled until the next. */
  async #followSchedules(): Promise<void> {
    const now = this.#now();
    for (const environment of await scheduledEnvironments(this.#deps.db)) {
      if (!environment.schedule) continue;
      const wanted = scheduledState(environment.schedule, now);
      if (!wanted.since) continue;
      if (environment.scheduleAppliedAt && environment.scheduleAppliedAt >= wanted.since) continue;
      if (wanted.state === 'paused' && environment.status === 'active') {
        await this.#deps.environments.pause(environment.name);
        this.#deps.log.info({ environment: environment.name, since: wanted.since }, 'paused by its schedule');
      } else if (wanted.state === 'running' && environment.status === 'paused') {
        await this.#deps.environments.resume(environment.name);
        this.#deps.log.info({ environment: environment.name, since: wanted.since }, 'resumed by its schedule');
      }
      await markScheduleApplied(this.#deps.db, environment.id, wanted.since);
    }
  }

  async #lapseApprovals(): Promise<void> {
    const now = this.#now();
    for (const release of await lapsedApprovals(this.#deps.db, now)) {
      const message = 'Nobody approved it in time';
      if (
        await advanceRelease(this.#deps.db, release.id, ['pending_approval'], {
          status: 'expired',
          message,
          finishedAt: now,
        })
      ) {
        this.#deps.releaseChanges?.notify(release);
        await recordApproval(this.#deps.db, {
          releaseId: release.id,
          decision: 'expired',
          actor: 'slipway',
          comment: message,
        });
      }
    }
  }

  /** `freeze.started` once for each deploy freeze whose start has come. */
  async #announceFreezes(): Promise<void> {
    const announced = await announceStartedFreezes(this.#deps.db, this.#now());
    if (announced > 0) this.#deps.log.info({ announced }, 'deploy freezes started');
  }

  async #checkClusters(): Promise<void> {
    const every = this.#deps.clusterCheckMs ?? 60_000;
    if (Date.now() - this.#lastClusterCheck < every) return;
    this.#lastClusterCheck = Date.now();
    await this.#deps.clusterService.checkAll(this.#now());
  }
}
