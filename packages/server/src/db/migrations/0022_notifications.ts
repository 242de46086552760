/**
 * Notifications (docs/notifications.md): subscriptions, the outbox and the inbox.
 *
 * - `notification_subscriptions`: who wants which events (filters as text arrays: empty = any)
 *   and where: a signed webhook, a Slack-compatible incoming webhook, or the portal's inbox of
 *   a team or a user. A webhook's signing secret is sealed with the key ring.
 * - `notification_events`: each event once, written in the same transaction as the change it
 *   reports (a release turning healthy…), so an event exists exactly when its change does.
 * - `notification_deliveries`: the outbox, one row per event and webhook subscription, written
 *   in that same transaction. Its id is the `webhook-id` of every attempt (receivers
 *   de-duplicate on it). pending → delivering (claimed, with a lease) → delivered | dead; a
 *   failed attempt goes back to pending with a later `next_attempt_at`.
 * - `notification_inbox`: one row per event and inbox subscription, with its read time.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table notification_subscriptions (
    id uuid primary key default gen_random_uuid(),
    name text not null,
    channel text not null check (channel in ('webhook', 'slack', 'inbox')),
    url text,
    sealed_secret text,
    inbox_team text,
    inbox_user uuid references users (id) on delete cascade,
    events text[] not null default '{}',
    teams text[] not null default '{}',
    services text[] not null default '{}',
    environment_types text[] not null default '{}',
    created_by text not null,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create table notification_events (
    id uuid primary key default gen_random_uuid(),
    kind text not null,
    payload jsonb not null,
    created_at timestamptz not null
  )`.execute(db);
  await sql`create table notification_deliveries (
    id uuid primary key default gen_random_uuid(),
    event_id uuid not null references notification_events (id) on delete cascade,
    subscription_id uuid not null references notification_subscriptions (id) on delete cascade,
    status text not null default 'pending' check (status in ('pending', 'delivering', 'delivered', 'dead')),
    attempts integer not null default 0,
    next_attempt_at timestamptz not null,
    lease_until timestamptz,
    last_error text,
    last_status integer,
    created_at timestamptz not null,
    delivered_at timestamptz
  )`.execute(db);
  // The dispatcher's question, "what is due", reads only the unfinished rows.
  await sql`create index notification_deliveries_due_idx on notification_deliveries (next_attempt_at)
    where status in ('pending', 'delivering')`.execute(db);
  await sql`create index notification_deliveries_status_idx on notification_deliveries (status, created_at)`.execute(
    db,
  );
  await sql`create table notification_inbox (
    id uuid primary key default gen_random_uuid(),
    event_id uuid not null references notification_events (id) on delete cascade,
    team text,
    user_id uuid references users (id) on delete cascade,
    created_at timestamptz not null,
    read_at timestamptz
  )`.execute(db);
  await sql`create index notification_inbox_team_idx on notification_inbox (team, created_at)`.execute(db);
  await sql`create index notification_inbox_user_idx on notification_inbox (user_id, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notification_inbox').execute();
  await db.schema.dropTable('notification_deliveries').execute();
  await db.schema.dropTable('notification_events').execute();
  await db.schema.dropTable('notification_subscriptions').execute();
}
