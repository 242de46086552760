/**
 * The per-destination rate limit of deliveries: a token bucket per destination in the database,
 * so two replicas share one budget. Driven with a clock of the test's own; on both databases.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DestinationRateLimit } from '../../src/notifications/rate-limit.ts';
import { describeEachDatabase } from '../harness/databases.ts';

const t0 = new Date('2026-04-01T10:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const settings = { perSecond: 2, burst: 3 };

describeEachDatabase('the per-destination rate limit', (getDb) => {
  it('lets a burst through, then one request per 1/perSecond, and says how long to wait', async () => {
    const limit = new DestinationRateLimit(getDb().db, settings);
    const hook = 'https://hooks.example.com/burst';
    const first = [];
    for (let i = 0; i < 4; i++) first.push(await limit.take(hook, t0));
    assert.deepEqual(first, [0, 0, 0, 500], 'three at once, the fourth waits half a second');
    assert.equal(await limit.take(hook, at(250)), 250, 'a quarter of a token after 250 ms');
    assert.equal(await limit.take(hook, at(500)), 0);
    assert.equal(await limit.take(hook, at(500)), 500);
    assert.equal(await limit.take('https://hooks.example.com/other', at(500)), 0, 'each destination its own');
    // Idle for a minute: the bucket holds the burst, no more.
    const later = [];
    for (let i = 0; i < 4; i++) later.push(await limit.take(hook, at(60_500)));
    assert.deepEqual(later, [0, 0, 0, 500]);
  });

  it('answers a take while the bucket is known to be empty without asking the database', async () => {
    const db = getDb().db;
    const limit = new DestinationRateLimit(db, settings);
    const hook = 'https://hooks.example.com/known-empty';
    for (let i = 0; i < 3; i++) await limit.take(hook, t0);
    assert.equal(await limit.take(hook, t0), 500);
    await db.deleteFrom('notification_destination_buckets').where('destination', '=', hook).execute();
    // A full bucket in the database now, but this limiter knows none is due before t0 + 500 ms.
    assert.equal(await limit.take(hook, at(100)), 400);
    assert.equal(await limit.take(hook, at(500)), 0, 'then it asks again');
  });

  it('is one budget for every replica: two limiters on one database share it', async () => {
    const a = new DestinationRateLimit(getDb().db, settings);
    const b = new DestinationRateLimit(getDb().db, settings);
    const hook = 'https://hooks.example.com/shared';
    const taken = [await a.take(hook, t0), await b.take(hook, t0), await a.take(hook, t0), await b.take(hook, t0)];
    assert.deepEqual(taken, [0, 0, 0, 500]);
  });

  it('counts takes at the same moment once each (the row is locked by the upsert)', async () => {
    const limits = Array.from({ length: 4 }, () => new DestinationRateLimit(getDb().db, settings));
    const hook = 'https://hooks.example.com/race';
    const waits = await Promise.all(Array.from({ length: 12 }, (_, i) => limits[i % 4]?.take(hook, t0)));
    assert.equal(waits.filter((w) => w === 0).length, 3, `exactly the burst got through: ${waits.join(' ')}`);
  });

  it('takes nothing back when a replica whose clock is behind takes', async () => {
    const limit = new DestinationRateLimit(getDb().db, settings);
    const hook = 'https://hooks.example.com/skew';
    for (let i = 0; i < 3; i++) assert.equal(await limit.take(hook, at(1000)), 0);
    assert.equal(await limit.take(hook, at(900)), 500, 'no refill from a clock 100 ms behind, and no debt');
    assert.equal(await limit.take(hook, at(1500)), 0, 'the refill counts from the latest take');
  });
});
