/**
 * A release records when the API server dry-ran its objects, in the insert that stores it (null:
 * never — a rollback re-applies objects rendered earlier without a new dry run). The engine
 * reads it to decide whether applying needs a dry run of its own; being in the row, the answer
 * is the same on every replica and after a restart. Frozen once released.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('releases').addColumn('validated_at', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('releases').dropColumn('validated_at').execute();
}
