/**
 * A service's own verification checks (beside its environment types'): a list kept with the
 * service, applied to each release when its rollout is Healthy. Null: it declares none.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('services').addColumn('verification_checks', 'jsonb').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('services').dropColumn('verification_checks').execute();
}
