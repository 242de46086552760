/**
 * What runs in an environment (each service's current release) is read on every deploy: the
 * services of an environment are walked on this index, one probe each, and each one's newest
 * releases read from it, instead of every release of the environment.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index releases_environment_service_idx on releases (environment_id, service_id, number)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index releases_environment_service_idx`.execute(db);
}
