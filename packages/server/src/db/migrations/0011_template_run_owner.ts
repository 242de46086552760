/**
 * A template run records the server instance running it (a `server_instances` id), so that a
 * server starting up, and every replica as it heartbeats, can tell a run still under way from
 * one a restart or crash cut short, and end the latter as failed instead of leaving it
 * `running` for ever. Runs from before this migration have none. The partial index keeps
 * finding the unfinished runs cheap however long the history grows. Frozen once released.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('template_runs').addColumn('instance_id', 'text').execute();
  await db.schema
    .createIndex('template_runs_unfinished_idx')
    .on('template_runs')
    .column('created_at')
    .where(sql.ref('finished_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('template_runs_unfinished_idx').execute();
  await db.schema.alterTable('template_runs').dropColumn('instance_id').execute();
}
