/**
 * A list of services is filtered by what the caller may read (their teams' services and the
 * ones named in their bindings) inside the query: the team's services are found by this index
 * instead of a read of the whole table, in list order for a page.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index services_owner_team_name_idx on services (owner_team, name)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index services_owner_team_name_idx`.execute(db);
}
