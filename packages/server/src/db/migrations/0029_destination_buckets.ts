/**
 * The per-destination rate limit of notification deliveries is shared by every replica: one
 * token bucket per destination URL, in the database, taken from in one statement.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table notification_destination_buckets (
    destination text primary key,
    tokens double precision not null,
    refilled_at timestamptz not null,
    -- Whether the last take got a token: what the statement answers.
    taken boolean not null
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notification_destination_buckets').execute();
}
