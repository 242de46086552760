/**
 * Metric-gated rollouts: a release whose rollout is Healthy may go on `verifying` while its
 * environment type's checks sample Prometheus. The checks, when they began and every sample
 * are kept with the release (`verification`), so a restart resumes the window where it was;
 * `verifying` is unfinished work, so the engine's index of unfinished releases includes it.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('releases').addColumn('verification', 'jsonb').execute();
  await db.schema.dropIndex('releases_unfinished_idx').execute();
  await db.schema
    .createIndex('releases_unfinished_idx')
    .on('releases')
    .columns(['service_id', 'environment_id', 'number'])
    .where(sql.ref('status'), 'in', sql`('queued', 'applying', 'progressing', 'verifying')`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('releases_unfinished_idx').execute();
  await db.schema
    .createIndex('releases_unfinished_idx')
    .on('releases')
    .columns(['service_id', 'environment_id', 'number'])
    .where(sql.ref('status'), 'in', sql`('queued', 'applying', 'progressing')`)
    .execute();
  await db.schema.alterTable('releases').dropColumn('verification').execute();
}
