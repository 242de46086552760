import { type Kysely, sql } from 'kysely';
import type { Schema } from '../schema.ts';

export interface BucketSettings {
  /** Tokens added a second. */
  perSecond: number;
  /** Tokens a bucket holds at most: the burst a destination may get at once. */
  burst: number;
}

/**
 * Takes a token from the destination's bucket at `now`: answers 0 when there was one, else how
 * many ms until there is. One statement, so replicas taking at once each see the other's take
 * (the upsert locks the row). A new destination starts with a full bucket. A clock behind the
 * last take's refills nothing rather than taking tokens back.
 */
export async function takeDestinationToken(
  db: Kysely<Schema>,
  destination: string,
  now: Date,
  settings: BucketSettings,
): Promise<number> {
  const { perSecond, burst } = settings;
  // In ON CONFLICT's SET, the table's name is the row as it was (every expression sees the same).
  const was = sql.table('notification_destination_buckets');
  const refilled = sql<number>`least(${burst}::float8, ${was}.tokens + greatest(0, extract(epoch from (${now}::timestamptz - ${was}.refilled_at)))::float8 * ${perSecond}::float8)`;
  const row = await db
    .insertInto('notification_destination_buckets')
    .values({ destination, tokens: burst - 1, refilled_at: now, taken: true })
    .onConflict((c) =>
      c.column('destination').doUpdateSet({
        tokens: sql`case when ${refilled} >= 1 then ${refilled} - 1 else ${refilled} end`,
        taken: sql`${refilled} >= 1`,
        refilled_at: sql`greatest(${was}.refilled_at, ${now}::timestamptz)`,
      }),
    )
    .returning(['tokens', 'taken'])
    .executeTakeFirstOrThrow();
  return row.taken ? 0 : Math.ceil(((1 - Number(row.tokens)) / perSecond) * 1000);
}
