import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { assemblePlatform, type Platform } from '../../src/assemble.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createToken } from '../../src/db/stores/api-tokens.ts';
import { ensureGlobalRole } from '../../src/db/stores/role-bindings.ts';
import { ensureUser } from '../../src/db/stores/users.ts';
import { buildApp } from '../../src/http/app.ts';
import { nextUtc, TestClock } from '../harness/clock.ts';
import { describeEachDatabase } from '../harness/databases.ts';
import { day, seedHistory } from './history.ts';

/**
 * GET /analytics/dora on the seeded history of history.ts, on both databases. Every expected
 * number is the one worked out by hand in packages/core/test/analytics/dora.test.ts (the same
 * history, days counted from a Monday): see the arithmetic there; the comments here say which.
 */
describeEachDatabase('GET /analytics/dora', (getDb) => {
  const clock = new TestClock();
  // Week 1 of the history starts on a Monday after today; the clock then moves to d18 12:00.
  const monday = nextUtc(clock.now(), 'Monday', '00:00');
  const date = (d: number) => day(monday, d).toISOString().slice(0, 10);
  let platform: Platform;
  let app: FastifyInstance;
  let headers: { authorization: string };

  before(async () => {
    const db = getDb().db;
    await seedHistory(db, monday);
    // The answer is as of one moment: the server is handed it standing still (the engine is not
    // started), so the per-day rates are exact.
    const now = clock.advanceTo(day(monday, 18, '12:00'));
    const config = loadConfig({ env: { SLIPWAY_DATA_DIR: 'memory://' } });
    platform = await assemblePlatform({ config, db, kube: null, keyRing: null, now: () => now });
    app = await buildApp({ config, database: getDb(), kube: null, platform });
    const user = await ensureUser(db, 'lead');
    await ensureGlobalRole(db, 'lead', 'viewer', 'test');
    const { secret } = await createToken(db, { userId: user.id, name: 'ro', scopes: ['read'] });
    headers = { authorization: `Bearer ${secret}` };
  });
  after(async () => {
    await app.close();
    await platform.stop();
  });

  const get = async (query: string) => app.inject({ url: `/api/v1/analytics/dora?${query}`, headers });

  it('the last 3 weeks of production: the four figures and their bands', async () => {
    const res = await get('weeks=3');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual([body.from, body.to], [day(monday, 0).toISOString(), day(monday, 21).toISOString()]);
    assert.deepEqual(body.environmentTypes, ['production']);
    assert.equal(body.fixWindowHours, 1);
    assert.deepEqual(body.figures, {
      deployments: 7,
      deploymentsPerDay: 7 / 18.5,
      leadTime: { medianSeconds: 9000, count: 6, withoutCommitTime: 1 }, // (7200 + 10800) / 2
      changeFailure: { rate: 6 / 11, changes: 11, failed: 6 },
      timeToRestore: { medianSeconds: 177300, restored: 2, open: 1 }, // (1800 + 352800) / 2
    });
    assert.deepEqual(body.bands, {
      deploymentFrequency: 'high',
      leadTime: 'elite',
      changeFailureRate: 'low',
      timeToRestore: 'medium',
    });
    assert.deepEqual(
      body.weeks.map((w: { start: string; figures: { deployments: number; changeFailure: { failed: number } } }) => [
        w.start,
        w.figures.deployments,
        w.figures.changeFailure.failed,
      ]),
      [
        [day(monday, 0).toISOString(), 2, 1],
        [day(monday, 7).toISOString(), 3, 3],
        [day(monday, 14).toISOString(), 2, 2],
      ],
    );
    assert.match(body.weeks[0].week, /^\d{4}-W\d\d$/);
  });

  it('the same days given as from … to give the same figures', async () => {
    const weeks = (await get('weeks=3')).json();
    const res = await get(`from=${date(0)}&to=${date(20)}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().figures, weeks.figures);
    assert.deepEqual(res.json().weeks, weeks.weeks);
  });

  it('one week: an outage that began the week before counts with its whole length', async () => {
    // W3 alone: cart's outage d10 06:00 → d14 08:00 = 352800 s, read back past the window's start
    const res = await get('weeks=1');
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().figures, {
      deployments: 2,
      deploymentsPerDay: 2 / 4.5,
      leadTime: { medianSeconds: 7200, count: 1, withoutCommitTime: 1 },
      changeFailure: { rate: 2 / 3, changes: 3, failed: 2 },
      timeToRestore: { medianSeconds: 352800, restored: 1, open: 1 },
    });
  });

  it('per team, by filter and grouped', async () => {
    const payments = {
      deployments: 6,
      deploymentsPerDay: 6 / 18.5,
      leadTime: { medianSeconds: 7200, count: 5, withoutCommitTime: 1 },
      changeFailure: { rate: 5 / 9, changes: 9, failed: 5 },
      timeToRestore: { medianSeconds: 177300, restored: 2, open: 0 },
    };
    const filtered = await get('weeks=3&team=payments');
    assert.equal(filtered.statusCode, 200, filtered.body);
    assert.deepEqual(filtered.json().figures, payments);
    const grouped = (await get('weeks=3&groupBy=team')).json();
    assert.deepEqual(
      grouped.groups.map((g: { key: string }) => g.key),
      ['discovery', 'payments'],
    );
    assert.deepEqual(grouped.groups[1].figures, payments);
    assert.equal(grouped.groups[0].bands.leadTime, 'high'); // search #1: exactly 7 days
  });

  it('one service, and another environment type', async () => {
    const search = (await get('weeks=3&service=search')).json();
    assert.deepEqual(search.figures.changeFailure, { rate: 1 / 2, changes: 2, failed: 1 });
    // shop/staging: #1 healthy d1 10:00 (lead 1 h), #2 failed d2 09:00, never restored
    const staging = (await get('weeks=3&environmentType=staging')).json();
    assert.deepEqual(staging.figures, {
      deployments: 1,
      deploymentsPerDay: 1 / 18.5,
      leadTime: { medianSeconds: 3600, count: 1, withoutCommitTime: 0 },
      changeFailure: { rate: 1 / 2, changes: 2, failed: 1 },
      timeToRestore: { medianSeconds: null, restored: 0, open: 1 },
    });
  });

  it('the fix window is the caller’s: 0 hours counts no fix', async () => {
    const res = await get('weeks=3&fixWindowHours=0');
    assert.deepEqual(res.json().figures.changeFailure, { rate: 5 / 11, changes: 11, failed: 5 });
  });

  it('bad input is a 400 naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['weeks=0', '/weeks'],
      [`weeks=3&from=${date(0)}&to=${date(6)}`, '/weeks'],
      [`from=${date(0)}`, '/to'],
      [`from=${date(6)}&to=${date(0)}`, '/to'],
      [`from=${date(0)}&to=${date(800)}`, '/to'],
      ['from=yesterday&to=today', '/from'],
      ['service=nope', '/service'],
      ['team=nobody', '/team'],
      ['groupBy=color', '/groupBy'],
      ['fixWindowHours=-1', '/fixWindowHours'],
      ['colour=red', '/colour'],
    ];
    for (const [query, path] of cases) {
      const res = await get(query);
      assert.equal(res.statusCode, 400, `${query}: ${res.body}`);
      const paths = res.json().error.fields.map((f: { path: string }) => f.path);
      assert.ok(paths.includes(path), `${query}: ${res.body}`);
    }
  });
});
