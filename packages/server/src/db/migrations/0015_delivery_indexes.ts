/**
 * Indexes for the delivery analytics (docs/analytics.md), so a DORA query reads index entries
 * instead of the releases' wide rows (their workload and rendered objects): 100,000 releases
 * are some 150 MB of table.
 *
 * - The applied releases (healthy, degraded, failed) per environment, status and finish time,
 *   with every column the figures read: the window's releases, and the failed and degraded
 *   ones before it, are a range of it.
 * - The healthy releases per service and environment in order: whether a failure before the
 *   window was followed by a healthy release before it (then it cannot matter).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index releases_delivery_idx on releases (environment_id, status, finished_at)
    include (service_id, number, commit_time, rollback_of, id)
    where status in ('healthy', 'degraded', 'failed') and finished_at is not null`.execute(db);
  await sql`create index releases_healthy_idx on releases (service_id, environment_id, finished_at, number)
    where status = 'healthy' and finished_at is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('releases_healthy_idx').execute();
  await db.schema.dropIndex('releases_delivery_idx').execute();
}
