import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { type BucketSettings, takeDestinationToken } from '../db/stores/destination-buckets.ts';

/**
 * A token bucket per destination: at most `perSecond` requests a second on average, `burst` at
 * once, so an event storm (a hundred releases failing together) does not flood one receiver.
 * The buckets live in the database, so the limit holds for the destination whatever the number
 * of replicas sending to it.
 */
export class DestinationRateLimit {
  /**
   * Per destination, when its bucket was last found empty to hold a token again. Replicas only
   * take tokens, never add them, so none is there sooner: until then a take is answered here,
   * without a statement (a burst put back again and again would otherwise cost one each time).
   */
  readonly #emptyUntil = new Map<string, number>();

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly settings: BucketSettings,
  ) {}

  /** Takes a token for the destination at `now`; answers 0, or how many ms until one is there. */
  async take(destination: string, now: Date): Promise<number> {
    const at = now.getTime();
    const empty = this.#emptyUntil.get(destination);
    if (empty !== undefined && empty > at) return empty - at;
    this.#emptyUntil.delete(destination);
    const waitMs = await takeDestinationToken(this.db, destination, now, this.settings);
    if (waitMs > 0) this.#emptyUntil.set(destination, at + waitMs);
    return waitMs;
  }
}
