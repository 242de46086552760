/**
 * A release records when the commit it deploys was made (null: nobody said), for the lead time
 * of the delivery analytics (docs/analytics.md). Given with the deploy (`--commit-time`), taken
 * from a GitHub webhook's payload for previews, copied by rollbacks, promotions and redeploys of
 * the same commit. Frozen once released.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('releases').addColumn('commit_time', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('releases').dropColumn('commit_time').execute();
}
