/**
 * A registered cluster may name the Prometheus its metrics are read from: its settings (URL,
 * credentials, CA) sealed with the key ring like the cluster's own credentials, or null.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('clusters').addColumn('prometheus', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('clusters').dropColumn('prometheus').execute();
}
