/**
 * Drift found by the periodic scan (docs/environments.md, "Drift"): per release, what the last
 * look at the cluster saw, and which drift was announced (`drift.found`), so replicas and
 * restarts announce each drift once and a release back in sync announces the next one again.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('release_drift')
    .addColumn('release_id', 'uuid', (c) => c.primaryKey().references('releases.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('in-sync', 'drifted')`))
    // Which objects and fields departed (not their values): a digest, and the list people read.
    .addColumn('fingerprint', 'text')
    .addColumn('objects', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('checked_at', 'timestamptz', (c) => c.notNull())
    // The fingerprint of the drift last announced; null once the release is back in sync.
    .addColumn('announced_fingerprint', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('release_drift').execute();
}
