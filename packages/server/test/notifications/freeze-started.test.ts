/**
 * `freeze.started`: each deploy freeze is announced once, when its start has come (at the
 * controller's pass or when it is declared), to the subscriptions whose filters it passes. On
 * both databases; the outbox is read directly (no dispatcher runs).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, it } from 'node:test';
import type { NotificationEvent } from '@slipway/core';
import { createFreeze } from '../../src/db/stores/freezes.ts';
import { createSubscription } from '../../src/db/stores/notifications.ts';
import { announceStartedFreezes } from '../../src/notifications/freeze-events.ts';
import { describeEachDatabase } from '../harness/databases.ts';

const start = new Date('2026-03-02T09:00:00Z');
const minutes = (n: number) => new Date(start.getTime() + n * 60_000);

describeEachDatabase('freeze.started', (getDb) => {
  const subscriptions: Record<string, string> = {};

  before(async () => {
    const db = getDb().db;
    const subscribe = async (name: string, filter: { environmentTypes?: string[]; teams?: string[] }) => {
      const id = randomUUID();
      subscriptions[name] = id;
      await createSubscription(db, {
        id,
        name,
        channel: 'webhook',
        url: `https://hooks.example.com/${name}`,
        sealedSecret: null,
        inboxTeam: null,
        inboxUser: null,
        events: ['freeze.started'],
        teams: filter.teams ?? [],
        services: [],
        environmentTypes: filter.environmentTypes ?? [],
        createdBy: 'ana',
      });
    };
    await subscribe('everything', {});
    await subscribe('production', { environmentTypes: ['production'] });
    await subscribe('development', { environmentTypes: ['development'] });
    await subscribe('payments team', { teams: ['payments'] });
    const freeze = (name: string, from: number, types: string[], mode: 'block' | 'warn' = 'block') =>
      createFreeze(db, {
        name,
        startsAt: minutes(from),
        endsAt: minutes(120),
        mode,
        reason: 'quarter close',
        environmentTypes: types,
        environments: [],
        createdBy: 'ana',
      });
    await freeze('prod-and-staging', -1, ['production', 'staging']);
    await freeze('everywhere', 10, [], 'warn');
  });

  const events = async () =>
    (await getDb().db.selectFrom('notification_events').select('payload').orderBy('created_at').execute()).map(
      (r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as NotificationEvent,
    );
  const deliveredTo = async (eventId: string) => {
    const rows = await getDb()
      .db.selectFrom('notification_deliveries')
      .select('subscription_id')
      .where('event_id', '=', eventId)
      .execute();
    const names = Object.fromEntries(Object.entries(subscriptions).map(([name, id]) => [id, name]));
    return rows.map((r) => names[r.subscription_id]).sort();
  };

  it('announces a freeze once its start has come, once', async () => {
    assert.equal(await announceStartedFreezes(getDb().db, start), 1);
    assert.equal(await announceStartedFreezes(getDb().db, minutes(5)), 0, 'not twice');
    const [event, ...more] = await events();
    assert.deepEqual(more, []);
    assert.equal(event?.kind, 'freeze.started');
    assert.equal(event?.at, start.toISOString());
    assert.equal(
      event?.title,
      'Deploy freeze "prod-and-staging" started: deploys to production environments, staging environments ' +
        `are refused until ${minutes(120).toISOString()}: quarter close`,
    );
    assert.deepEqual(event?.environmentTypes, ['production', 'staging']);
    assert.equal(event?.team, null);
    assert.deepEqual(event?.data, {
      freeze: 'prod-and-staging',
      mode: 'block',
      reason: 'quarter close',
      startsAt: minutes(-1).toISOString(),
      endsAt: minutes(120).toISOString(),
      environmentTypes: ['production', 'staging'],
      environments: [],
    });
    // A type filter naming one of its types gets it; a team filter does not (a freeze has no team).
    assert.deepEqual(await deliveredTo(event?.id ?? ''), ['everything', 'production']);
  });

  it('announces a later freeze at its start, to every type filter when it covers everything', async () => {
    assert.equal(await announceStartedFreezes(getDb().db, minutes(9)), 0, 'not before it starts');
    assert.equal(await announceStartedFreezes(getDb().db, minutes(10)), 1);
    const event = (await events()).at(-1);
    assert.equal(event?.data.freeze, 'everywhere');
    assert.match(
      event?.title ?? '',
      /deploys to every environment go through with a warning until \S+: quarter close$/,
    );
    assert.deepEqual(event?.environmentTypes, []);
    assert.deepEqual(await deliveredTo(event?.id ?? ''), ['development', 'everything', 'production']);
    assert.equal(await announceStartedFreezes(getDb().db, minutes(60)), 0);
  });
});
