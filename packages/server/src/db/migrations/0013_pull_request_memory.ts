/**
 * What Slipway last acted on for each pull request that has a preview: the pull request's own
 * `updated_at` and whether it was closed. A webhook carrying an older (or the same) state is
 * acknowledged and ignored, so a replayed `opened` or `synchronize` — even with a new delivery
 * id — never brings back a preview that was closed. Repositories are kept lowercase, as GitHub
 * treats their names. Frozen once released. (0012 belongs to another change.)
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('preview_pull_requests')
    .addColumn('repository', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed', 'boolean', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('acted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('preview_pull_requests_pkey', ['repository', 'number'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('preview_pull_requests').execute();
}
