/**
 * Notification events are kept for `notifications.retentionDays`: the pruning pass looks them
 * up by age, asks whether a delivery of each is still due, and its delete cascades to the
 * deliveries and inbox rows, found by their event.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index notification_events_created_idx on notification_events (created_at)`.execute(db);
  await sql`create index notification_deliveries_event_idx on notification_deliveries (event_id)`.execute(db);
  await sql`create index notification_inbox_event_idx on notification_inbox (event_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index notification_inbox_event_idx`.execute(db);
  await sql`drop index notification_deliveries_event_idx`.execute(db);
  await sql`drop index notification_events_created_idx`.execute(db);
}
