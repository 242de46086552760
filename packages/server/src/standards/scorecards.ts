import {
  type CompiledScorecard,
  compileScorecard,
  evaluateScorecard,
  isLevelDrop,
  type ScorecardOutcome,
  type ScorecardSpec,
} from '@slipway/core';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { appendAudit } from '../db/stores/audit.ts';
import { emitNotification } from '../db/stores/notifications.ts';
import {
  insertScorecardResult,
  latestScorecardResults,
  listScorecards,
  putScorecard,
  type ScorecardRecord,
  type ScorecardResultRecord,
  scoredServices,
} from '../db/stores/scorecards.ts';
import { serviceRow } from '../db/stores/service-facts.ts';
import { getServiceById } from '../db/stores/services.ts';
import type { ReleaseChanges } from '../engine/release-changes.ts';
import type { Clock } from '../util/clock.ts';
import { scorecardSubject } from './scorecard-context.ts';

/** A service's level on a scorecard went down: what notifications hang on. */
export interface LevelDrop {
  scorecard: string;
  service: string;
  from: string | null;
  to: string | null;
  score: number;
  at: Date;
}

export type LevelDropListener = (drop: LevelDrop) => void | Promise<void>;

export interface ScorecardServiceDeps {
  db: Kysely<Schema>;
  now: Clock;
  /** Releases that moved: a service whose release finished is evaluated again. */
  releaseChanges?: ReleaseChanges;
  log: { warn(obj: object, msg?: string): void };
  /** How long a burst of changes to one service is gathered before evaluating it once. */
  debounceMs?: number;
  /** Every service is evaluated this often while this replica leads (a day by default). */
  intervalMs?: number;
  /**
   * The first pass after this replica starts leading (a minute by default): a leader that
   * changes more often than daily still runs one, and a result a day apart still gets its row.
   */
  firstPassMs?: number;
}

const dayMs = 86_400_000;

/**
 * Evaluates scorecards and keeps their history (docs/scorecards.md). A result is stored when it
 * differs from the service's last one, and once a day besides, so a drop shows in the history
 * and a steady service adds one row a day. Evaluation is asked for when a service's inputs change
 * (a release of it moved, its catalog entity or docs were refreshed), gathered for `debounceMs`
 * and evaluated together; the daily pass runs on the leader only (a Singleton, leader/singletons.ts).
 */
export class ScorecardService {
  readonly #deps: ScorecardServiceDeps;
  /** Services asked for and not yet evaluated, and the timer that will evaluate them. */
  readonly #requested = new Set<string>();
  #gathering: NodeJS.Timeout | undefined;
  readonly #running = new Set<Promise<unknown>>();
  readonly #dropListeners = new Set<LevelDropListener>();
  /** The evaluation of each service under way: the next one waits for it (no two rows for one change). */
  readonly #queues = new Map<string, Promise<unknown>>();
  #unsubscribe: (() => void) | undefined;
  #timer: NodeJS.Timeout | undefined;
  #firstPass: NodeJS.Timeout | undefined;

  constructor(deps: ScorecardServiceDeps) {
    this.#deps = deps;
  }

  /** Compiles (refusing it with every problem's path and line:column) and saves, then scores every service on it. */
  async save(input: unknown, by: string): Promise<{ record: ScorecardRecord; created: boolean }> {
    const { spec } = compileScorecard(input);
    const saved = await putScorecard(this.#deps.db, spec, by, this.#deps.now());
    this.#track(this.evaluateAll());
    return saved;
  }

  /** The hook point for a level drop (notifications); returns the function that stops listening. */
  onLevelDropped(listener: LevelDropListener): () => void {
    this.#dropListeners.add(listener);
    return () => this.#dropListeners.delete(listener);
  }

  /** Evaluates one service on every scorecard (or one) now, recording what changed; one at a time per service. */
  evaluateService(service: string, only?: string, cards?: CompiledScorecard[]): Promise<ScorecardOutcome[]> {
    const next = (this.#queues.get(service) ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => this.#evaluate(service, only, cards));
    this.#queues.set(service, next);
    const forget = () => {
      if (this.#queues.get(service) === next) this.#queues.delete(service);
    };
    next.then(forget, forget);
    return next;
  }

  async #evaluate(service: string, only?: string, compiled?: CompiledScorecard[]): Promise<ScorecardOutcome[]> {
    const cards = (compiled ?? (await this.#compiled())).filter((c) => only === undefined || c.spec.name === only);
    if (cards.length === 0) return [];
    const now = this.#deps.now();
    const { context } = await scorecardSubject(this.#deps.db, service, now);
    const outcomes: ScorecardOutcome[] = [];
    for (const card of cards) {
      const outcome = evaluateScorecard(card, context);
      await this.#record(card.spec, service, outcome, now);
      outcomes.push(outcome);
    }
    return outcomes;
  }

  /** Evaluates every service the scorecards judge, one after another (the database sets the pace). */
  async evaluateAll(only?: string): Promise<number> {
    const services = await scoredServices(this.#deps.db);
    for (const service of services) await this.evaluateService(service.name, only);
    return services.length;
  }

  /**
   * Asks for a service to be evaluated soon. Asks are gathered for `debounceMs` from the first,
   * then evaluated together: a service asked for twice once, and the scorecards read once for
   * all. A catalog ingestion asks for every component it writes (70,000 at 100,000 entities):
   * a timer and a read of the scorecards each, as this was until 2026-12-07, were a fifth of
   * the server's CPU during ingestion, most of it to find there was no scorecard at all.
   */
  requestEvaluation(service: string): void {
    this.#requested.add(service);
    if (this.#gathering) return;
    this.#gathering = setTimeout(() => {
      this.#gathering = undefined;
      const services = [...this.#requested];
      this.#requested.clear();
      this.#track(this.#evaluateRequested(services));
    }, this.#deps.debounceMs ?? 1000);
    this.#gathering.unref();
  }

  async #evaluateRequested(services: readonly string[]): Promise<void> {
    const cards = await this.#compiled();
    if (cards.length === 0) return;
    for (const service of services) {
      // One service failing is logged; the others are still evaluated.
      await this.evaluateService(service, undefined, cards).catch((error: unknown) =>
        this.#deps.log.warn({ service, err: String(error) }, 'scorecard evaluation failed'),
      );
    }
  }

  /** Leader-only work: follow releases, and the daily pass. */
  start(): void {
    this.#unsubscribe = this.#deps.releaseChanges?.onReleaseChanged((change) => {
      this.#track(getServiceById(this.#deps.db, change.serviceId).then((s) => this.requestEvaluation(s.name)));
    });
    const pass = () => this.#track(this.evaluateAll());
    this.#firstPass = setTimeout(pass, this.#deps.firstPassMs ?? 60_000);
    this.#firstPass.unref();
    this.#timer = setInterval(pass, this.#deps.intervalMs ?? dayMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    this.#unsubscribe?.();
    clearInterval(this.#timer);
    clearTimeout(this.#firstPass);
    clearTimeout(this.#gathering);
    this.#gathering = undefined;
    this.#requested.clear();
    await this.settled();
  }

  /** Waits for evaluations under way (not those still gathering changes). */
  async settled(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }

  /** Whether an evaluation is asked for or under way: for tests waiting on a trigger. */
  get busy(): boolean {
    return this.#requested.size > 0 || this.#running.size > 0;
  }

  async #compiled(): Promise<CompiledScorecard[]> {
    const records = await listScorecards(this.#deps.db);
    // Saved scorecards compiled when saved; compiling again is cheap and follows a newer CEL library.
    return records.flatMap((r) => {
      try {
        return [compileScorecard(r.spec)];
      } catch (error) {
        this.#deps.log.warn({ scorecard: r.spec.name, err: String(error) }, 'saved scorecard no longer compiles');
        return [];
      }
    });
  }

  async #record(spec: ScorecardSpec, service: string, outcome: ScorecardOutcome, now: Date): Promise<void> {
    const { db } = this.#deps;
    const [last] = await latestScorecardResults(db, { scorecard: spec.name, service });
    const result: ScorecardResultRecord = { ...outcome, service, evaluatedAt: now };
    if (last && !changed(last, result) && sameDay(last.evaluatedAt, now)) return;
    const drop: LevelDrop | null =
      last && isLevelDrop(spec.levels, last.level, result.level)
        ? { scorecard: spec.name, service, from: last.level, to: result.level, score: result.score, at: now }
        : null;
    // The result and its notification commit together (the outbox pattern).
    await db.transaction().execute(async (tx) => {
      await insertScorecardResult(tx, result);
      if (drop) await notifyDrop(tx, spec, drop);
    });
    if (drop) await this.#dropped(drop);
  }

  /** Recorded in the audit log, then handed to the listeners (whose failures are theirs). */
  async #dropped(drop: LevelDrop): Promise<void> {
    await appendAudit(this.#deps.db, {
      at: drop.at,
      actor: 'slipway',
      via: 'scorecards',
      action: 'scorecardLevelDropped',
      method: '',
      route: '',
      target: `services/${drop.service}/scorecards/${drop.scorecard}`,
      status: 0,
      result: 'success',
      requestId: '',
      ip: '',
      detail: { from: drop.from, to: drop.to, score: drop.score },
    });
    for (const listener of this.#dropListeners) {
      try {
        await listener(drop);
      } catch (error) {
        this.#deps.log.warn({ ...drop, err: String(error) }, 'a scorecard level-drop listener failed');
      }
    }
  }

  #track(work: Promise<unknown>): void {
    const tracked = work
      .catch((error: unknown) => this.#deps.log.warn({ err: String(error) }, 'scorecard evaluation failed'))
      .finally(() => this.#running.delete(tracked));
    this.#running.add(tracked);
  }
}

/** Level, score, or any rule's status or message differ. */
function changed(a: ScorecardResultRecord, b: ScorecardResultRecord): boolean {
  if (a.level !== b.level || a.score !== b.score || a.rules.length !== b.rules.length) return true;
  return a.rules.some((r, i) => {
    const o = b.rules[i];
    return !o || o.id !== r.id || o.status !== r.status || (o.message ?? '') !== (r.message ?? '');
  });
}

function sameDay(a: Date, b: Date): boolean {
  return a.toISOString().slice(0, 10) === b.toISOString().slice(0, 10);
}

/** A `scorecard.level_dropped` event in the outbox, for the subscriptions that want it. */
async function notifyDrop(tx: Kysely<Schema>, spec: ScorecardSpec, drop: LevelDrop): Promise<void> {
  const service = await serviceRow(tx, drop.service);
  await emitNotification(tx, {
    kind: 'scorecard.level_dropped',
    at: drop.at,
    title: `${drop.service} dropped from ${drop.from} to ${drop.to ?? 'no level'} on ${spec.title ?? spec.name}`,
    serviceId: service?.id ?? null,
    link: `/services/${drop.service}`,
    data: { scorecard: drop.scorecard, from: drop.from, to: drop.to, score: drop.score },
  });
}
