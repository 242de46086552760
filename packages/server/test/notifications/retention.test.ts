/**
 * Notification retention: events past `notifications.retentionDays` go with their deliveries and
 * inbox rows once every delivery finished; one still due stays however old. On both databases.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, it } from 'node:test';
import type { DeliveryStatus } from '../../src/db/schema.ts';
import { createSubscription, emitNotification, pruneNotifications } from '../../src/db/stores/notifications.ts';
import { ensureUser } from '../../src/db/stores/users.ts';
import { NotificationRetention } from '../../src/notifications/retention.ts';
import { describeEachDatabase } from '../harness/databases.ts';

const now = new Date('2026-06-30T12:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
const quiet = { info() {}, warn() {} };

describeEachDatabase('notification retention', (getDb) => {
  const events: Record<string, string> = {};

  before(async () => {
    const db = getDb().db;
    const reader = await ensureUser(db, 'ana');
    const subscription = (channel: 'webhook' | 'inbox') =>
      createSubscription(db, {
        id: randomUUID(),
        name: channel,
        channel,
        url: channel === 'webhook' ? 'https://hooks.example.com/x' : null,
        sealedSecret: null,
        inboxTeam: null,
        inboxUser: channel === 'inbox' ? reader.id : null,
        events: [],
        teams: [],
        services: [],
        environmentTypes: [],
        createdBy: 'ana',
      });
    await subscription('webhook');
    await subscription('inbox');
    const event = async (name: string, age: number, delivery: DeliveryStatus) => {
      const { id } = await emitNotification(db, { kind: 'release.healthy', at: daysAgo(age), title: name });
      events[name] = id;
      await db.updateTable('notification_deliveries').set({ status: delivery }).where('event_id', '=', id).execute();
    };
    await event('old, delivered', 120, 'delivered');
    await event('old, dead', 95, 'dead');
    await event('old, still due', 200, 'pending');
    await event('old, being sent', 100, 'delivering');
    await event('recent, delivered', 10, 'delivered');
  });

  const remaining = async (table: 'notification_events' | 'notification_deliveries' | 'notification_inbox') => {
    const column = table === 'notification_events' ? 'id' : 'event_id';
    const rows = await getDb().db.selectFrom(table).select(column).execute();
    const names = Object.fromEntries(Object.entries(events).map(([name, id]) => [id, name]));
    return rows.map((r) => names[(r as Record<string, string>)[column] ?? ''] ?? '?').sort();
  };

  it('deletes old events whose deliveries finished, with their deliveries and inbox rows', async () => {
    const retention = new NotificationRetention({ db: getDb().db, now: () => now, retentionDays: 90, log: quiet });
    assert.equal(await retention.pass(), 2);
    const kept = ['old, being sent', 'old, still due', 'recent, delivered'];
    assert.deepEqual(await remaining('notification_events'), kept);
    assert.deepEqual(await remaining('notification_deliveries'), kept);
    assert.deepEqual(await remaining('notification_inbox'), kept);
    assert.equal(await retention.pass(), 0, 'nothing more to do');
  });

  it('lets an old event go once its last delivery finishes, batch after batch', async () => {
    const db = getDb().db;
    await db
      .updateTable('notification_deliveries')
      .set({ status: 'delivered' })
      .where('event_id', 'in', [events['old, still due'] ?? '', events['old, being sent'] ?? ''])
      .execute();
    assert.equal(await pruneNotifications(db, daysAgo(90), 1), 2, 'one row a statement, until none is left');
    assert.deepEqual(await remaining('notification_events'), ['recent, delivered']);
  });
});
