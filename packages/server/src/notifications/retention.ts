import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { pruneNotifications } from '../db/stores/notifications.ts';
import type { Clock } from '../util/clock.ts';

const hourMs = 3_600_000;
const dayMs = 86_400_000;

export interface NotificationRetentionDeps {
  db: Kysely<Schema>;
  now: Clock;
  /** Events older than this go, with their deliveries and inbox rows, once none is still due. */
  retentionDays: number;
  log: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
  /** Between passes; default an hour. */
  intervalMs?: number;
}

/**
 * Keeps the outbox and the inbox from growing without end: every hour, on the leader only
 * (leader/singletons.ts), events past `notifications.retentionDays` whose deliveries all
 * finished are deleted. A delivery still due keeps its event, however old.
 */
export class NotificationRetention {
  readonly #deps: NotificationRetentionDeps;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;

  constructor(deps: NotificationRetentionDeps) {
    this.#deps = deps;
  }

  start(): void {
    this.#timer = setInterval(() => void this.pass(), this.#deps.intervalMs ?? hourMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }

  /** One pass: answers how many events went. A pass under way is joined rather than doubled. */
  pass(): Promise<number> {
    this.#running ??= this.#prune().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #prune(): Promise<number> {
    const before = new Date(this.#deps.now().getTime() - this.#deps.retentionDays * dayMs);
    try {
      const deleted = await pruneNotifications(this.#deps.db, before);
      if (deleted > 0) this.#deps.log.info({ deleted, before }, 'notification events past their retention deleted');
      return deleted;
    } catch (error) {
      this.#deps.log.warn({ err: error }, 'pruning notification events failed; tried again next hour');
      return 0;
    }
  }
}
