import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { assemblePlatform } from '../../src/assemble.ts';
import { loadConfig } from '../../src/config/load.ts';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { createToken } from '../../src/db/stores/api-tokens.ts';
import { countRequest, sweepRateLimits } from '../../src/db/stores/rate-limits.ts';
import { ensureGlobalRole } from '../../src/db/stores/role-bindings.ts';
import { ensureUser } from '../../src/db/stores/users.ts';
import { buildApp } from '../../src/http/app.ts';
import { TestClock } from '../harness/clock.ts';
import { describeEachDatabase } from '../harness/databases.ts';

describeEachDatabase('rate limits shared by replicas', (getDb, context) => {
  const clock = new TestClock();
  const apps: FastifyInstance[] = [];
  let second: Database | undefined;
  let auth: { authorization: string };

  /** A replica: its own app, and on PostgreSQL its own connection pool, on the one database. */
  const replica = async (database: Database) => {
    const config = loadConfig({ env: {} });
    const platform = await assemblePlatform({ config, db: database.db, kube: null, keyRing: null, now: clock.now });
    const app = await buildApp({ config, database, kube: null, platform });
    apps.push(app);
    return app;
  };

  before(async () => {
    // PGlite is one process: its "replicas" share the engine, as they would share the server.
    second = context.engine === 'postgres' ? await openDatabase(context.provisioned().config) : undefined;
    const user = await ensureUser(getDb().db, 'limited');
    await ensureGlobalRole(getDb().db, 'limited', 'admin', 'test');
    const token = await createToken(getDb().db, { userId: user.id, name: 't', scopes: ['read', 'write'] });
    auth = { authorization: `Bearer ${token.secret}` };
  });
  after(async () => {
    for (const app of apps) await app.close();
    await second?.close();
  });

  it('counts one budget across two replicas: the eleventh token in a minute is refused on either', async () => {
    const a = await replica(getDb());
    const b = await replica(second ?? getDb());
    const create = (app: FastifyInstance, i: number) =>
      app.inject({ method: 'POST', url: '/api/v1/tokens', headers: auth, payload: { name: `t-${i}` } });
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) codes.push((await create(i % 2 === 0 ? a : b, i)).statusCode);
    assert.deepEqual(codes, Array(10).fill(201), 'five on each replica: ten in all, the limit');
    for (const app of [a, b]) {
      const refused = await create(app, 99);
      assert.equal(refused.statusCode, 429);
      const error = refused.json().error;
      assert.equal(error.code, 'rate_limited');
      assert.match(error.message, /the limit of 10 in this time window is used up/);
      // What is left of the window, rounded up: a minute when the eleventh came within a second.
      assert.match(error.hint, /Try again in (\d+ seconds|1 minute)\./);
      assert.ok(Number(refused.headers['retry-after']) > 0);
    }

    // A minute later the window has ended: a fresh budget, and the sweep forgets the old one.
    clock.advanceTo(new Date(clock.now().getTime() + 61_000));
    assert.ok((await sweepRateLimits(getDb().db, clock.now())) >= 1);
    assert.equal((await create(b, 100)).statusCode, 201);
    assert.equal((await create(a, 101)).statusCode, 201);
  });

  it('counts concurrent requests exactly: one statement, atomic', async () => {
    const now = clock.now();
    const dbs = [getDb(), second ?? getDb()];
    const counts = await Promise.all(
      Array.from({ length: 40 }, (_, i) => countRequest((dbs[i % 2] as Database).db, 'race', now, 60_000)),
    );
    assert.deepEqual(
      counts.map((c) => c.count).sort((x, y) => x - y),
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    assert.ok(counts.every((c) => c.expiresAt.getTime() === now.getTime() + 60_000));
    const later = new Date(now.getTime() + 60_000);
    assert.equal((await countRequest(getDb().db, 'race', later, 60_000)).count, 1, 'the ended window starts afresh');
  });
});
