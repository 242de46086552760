import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { assemblePlatform, type Platform } from '../../src/assemble.ts';
import { loadConfig } from '../../src/config/load.ts';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { createToken } from '../../src/db/stores/api-tokens.ts';
import { ensureGlobalRole } from '../../src/db/stores/role-bindings.ts';
import { ensureUser } from '../../src/db/stores/users.ts';
import { buildApp } from '../../src/http/app.ts';
import { type OwnPostgres, startOwnPostgres } from '../harness/own-postgres.ts';

interface Answer {
  at: number;
  ms: number;
  status: number;
  code?: string;
  message?: string;
}

/**
 * PostgreSQL restarted under load: requests fail fast with 503 and say the database is
 * unavailable, then succeed again without restarting Slipway. Timings go to the log
 * (docs/operator-guide.md quotes them).
 */
describe('PostgreSQL restarted under load', () => {
  let postgres: OwnPostgres;
  let database: Database;
  let platform: Platform;
  let app: FastifyInstance;
  let auth: { authorization: string };

  before(async () => {
    postgres = await startOwnPostgres();
    database = await openDatabase({ engine: 'postgres', url: postgres.url, poolSize: 4 });
    const config = loadConfig({ env: {} });
    platform = await assemblePlatform({ config, db: database.db, kube: null, keyRing: null, pubsub: database.pubsub });
    app = await buildApp({ config, database, kube: null, platform });
    platform.start();
    const user = await ensureUser(database.db, 'steady');
    await ensureGlobalRole(database.db, 'steady', 'admin', 'test');
    const token = await createToken(database.db, { userId: user.id, name: 't', scopes: ['read', 'write'] });
    auth = { authorization: `Bearer ${token.secret}` };
  });
  after(async () => {
    await app?.close();
    await platform?.stop();
    await database?.close();
    await postgres?.dispose();
  });

  it('answers 503 unavailable within seconds while it is down, and serves again once it is back', async () => {
    const answers: Answer[] = [];
    let running = true;
    // Two callers at once, one request after another each: load, not a flood.
    const caller = async () => {
      while (running) {
        const at = performance.now();
        const res = await app.inject({ url: '/api/v1/environments', headers: auth });
        const error = res.statusCode === 200 ? undefined : res.json().error;
        answers.push({
          at,
          ms: performance.now() - at,
          status: res.statusCode,
          code: error?.code,
          message: error?.message,
        });
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const until = async (what: string, test: () => boolean, timeoutMs = 30_000) => {
      const deadline = performance.now() + timeoutMs;
      while (!test()) {
        assert.ok(performance.now() < deadline, `timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const heard: string[] = [];
    let resyncs = 0;
    const pubsub = database.pubsub;
    assert.ok(pubsub);
    const unsubscribe = await pubsub.subscribe(
      'restart_test',
      (m) => heard.push(m),
      () => resyncs++,
    );
    const callers = [caller(), caller()];
    try {
      await until('answers before the stop', () => answers.filter((a) => a.status === 200).length >= 10);

      const stopping = performance.now();
      await postgres.stop();
      const down = performance.now();
      await until('a 503', () => answers.some((a) => a.at >= down && a.status === 503));
      const first503 = answers.find((a) => a.at >= stopping && a.status === 503) as Answer;
      const ready = await app.inject('/readyz');
      assert.equal(ready.statusCode, 503);
      assert.equal(ready.json().checks.database.ok, false);
      // Keep it down a while: every request in that time must fail the same way, and fast.
      await new Promise((r) => setTimeout(r, 3000));

      const starting = performance.now();
      await postgres.start();
      const up = performance.now();
      await until('a 200 after the start', () => answers.some((a) => a.at >= up && a.status === 200));
      const recovered = answers.find((a) => a.at >= up && a.status === 200) as Answer;
      running = false;
      await Promise.all(callers);

      // Answers given while it was down for sure (starting it takes a moment, in which either is right).
      const outage = answers.filter((a) => a.at >= down && a.at + a.ms <= starting);
      assert.ok(outage.length > 10, `only ${outage.length} requests while it was down`);
      for (const a of outage) {
        assert.equal(a.status, 503, JSON.stringify(a));
        assert.equal(a.code, 'unavailable');
        assert.match(a.message ?? '', /^The database is unavailable/);
        assert.ok(a.ms < 5000, `a request took ${Math.round(a.ms)} ms while the database was down`);
      }
      // Never an internal error, not even while it was stopping or starting.
      const odd = answers.filter((a) => a.status !== 200 && (a.status !== 503 || a.code !== 'unavailable'));
      assert.deepEqual(odd, []);
      const after = answers.filter((a) => a.at > recovered.at);
      assert.deepEqual(
        after.filter((a) => a.status !== 200),
        [],
        'once one succeeds, all do',
      );
      const slowest = Math.max(...outage.map((a) => a.ms));
      console.log(
        `postgres restart: first 503 ${Math.round(first503.at + first503.ms - stopping)} ms after the stop began ` +
          `(${Math.round(down - stopping)} ms to stop it); ` +
          `slowest failed request ${Math.round(slowest)} ms (${outage.length} requests while down); ` +
          `first 200 ${Math.round(recovered.at + recovered.ms - up)} ms after the start returned ` +
          `(${Math.round(up - starting)} ms to start it)`,
      );
      assert.equal((await app.inject('/readyz')).json().checks.database.ok, true);

      // The LISTEN connection came back too: live feeds of other replicas follow again.
      await until('the subscription to resync', () => resyncs > 0);
      await pubsub.publish('restart_test', 'after');
      await until('a message after the restart', () => heard.includes('after'), 10_000);
    } finally {
      running = false;
      await Promise.all(callers);
      await unsubscribe();
    }
  });
});
