/**
 * Rate-limit counters in the database, so every replica counts against the same limit. A
 * window starts at a key's first request and lasts `windowMs`; the next request after it
 * ends starts a new one. Each request is one statement (`countRequest`), atomic under
 * concurrency thanks to the row lock `on conflict do update` takes.
 */
import { type Kysely, sql } from 'kysely';
import type { Schema } from '../schema.ts';

export interface RateLimitCount {
  /** Requests counted in the current window, this one included. */
  count: number;
  /** When the current window ends. */
  expiresAt: Date;
}

/** Counts one request under `key` at `now`: a new window if there is none or it ended. */
export async function countRequest(
  db: Kysely<Schema>,
  key: string,
  now: Date,
  windowMs: number,
): Promise<RateLimitCount> {
  const expiresAt = new Date(now.getTime() + windowMs);
  // Every SET expression reads the row as it was, so "ended" means the same in all three.
  const ended = sql<boolean>`rate_limit_windows.expires_at <= excluded.window_start`;
  const row = await db
    .insertInto('rate_limit_windows')
    .values({ key, window_start: now, expires_at: expiresAt, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql`case when ${ended} then 1 else rate_limit_windows.count + 1 end`,
        window_start: sql`case when ${ended} then excluded.window_start else rate_limit_windows.window_start end`,
        expires_at: sql`case when ${ended} then excluded.expires_at else rate_limit_windows.expires_at end`,
      }),
    )
    .returning(['count', 'expires_at'])
    .executeTakeFirstOrThrow();
  return { count: row.count, expiresAt: row.expires_at };
}

/** The current window of `key` without counting; null when it has none running at `now`. */
export async function readRequestCount(db: Kysely<Schema>, key: string, now: Date): Promise<RateLimitCount | null> {
  const row = await db
    .selectFrom('rate_limit_windows')
    .select(['count', 'expires_at'])
    .where('key', '=', key)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row ? { count: row.count, expiresAt: row.expires_at } : null;
}

/** Deletes the windows that ended before `now`; returns how many. */
export async function sweepRateLimits(db: Kysely<Schema>, now: Date): Promise<number> {
  const result = await db.deleteFrom('rate_limit_windows').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
