/**
 * Rate limits every replica shares (docs/operator-guide.md "Rate limits"): one row per counted
 * key (a route or limiter, and the caller), holding the window it counts in and how many
 * requests came in it. A request is one upsert that starts a window or adds one to it and
 * returns the count, atomically, so replicas on one PostgreSQL hit one limit together.
 * Windows that ended are deleted by a periodic sweep, along `expires_at`.
 *
 * And indexes for the hot queries that still read `releases` whole at scale (1,000 services ×
 * 3 environments, 10,000 releases: test/db/query-plans.test.ts EXPLAINs them):
 * - a page of every release, newest first (an admin's history), and of one environment's,
 *   the page after a cursor included (id breaks ties);
 * - the releases waiting for approval whose time ran out (the controller asks every tick).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table rate_limit_windows (
    key text primary key,
    window_start timestamptz not null,
    expires_at timestamptz not null,
    count integer not null
  )`.execute(db);
  await sql`create index rate_limit_windows_expiry_idx on rate_limit_windows (expires_at)`.execute(db);
  await sql`create index releases_created_idx on releases (created_at, number, id)`.execute(db);
  await sql`create index releases_environment_created_idx on releases (environment_id, created_at, number, id)`.execute(
    db,
  );
  await sql`create index releases_pending_approval_idx on releases (approval_expires_at)
    where status = 'pending_approval'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index releases_pending_approval_idx`.execute(db);
  await sql`drop index releases_environment_created_idx`.execute(db);
  await sql`drop index releases_created_idx`.execute(db);
  await sql`drop table rate_limit_windows`.execute(db);
}
