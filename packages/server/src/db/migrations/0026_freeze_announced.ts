/**
 * A deploy freeze is announced once, when it starts (`freeze.started`): `announced_at` says it
 * was, so replicas and restarts never announce it twice.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE deploy_freezes ADD COLUMN announced_at timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE deploy_freezes DROP COLUMN announced_at`.execute(db);
}
