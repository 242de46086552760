import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { SlipwayError } from '@slipway/core';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/database.ts';
import { latestMigration } from '../../src/db/migrations/index.ts';
import { closedPort } from '../harness/closed-port.ts';
import { postgresAdminUrl, provisionTestDatabase, withAdminClient } from '../harness/databases.ts';

function everythingSaidAbout(error: SlipwayError): string {
  return [error.message, error.hint, JSON.stringify(error.toBody()), String(error.cause), error.stack].join('\n');
}

describe('openDatabase: PostgreSQL that cannot be used', () => {
  test('a closed port rejects quickly with unavailable, naming host:port but not the password', async () => {
    const port = await closedPort();
    const password = 'Sup3r-Secret-pw';
    const started = Date.now();
    await assert.rejects(
      openDatabase({ engine: 'postgres', url: `postgres://slipway:${password}@127.0.0.1:${port}/slipway` }),
      (error: unknown) => {
        assert.ok(error instanceof SlipwayError);
        assert.equal(error.code, 'unavailable');
        assert.match(error.message, new RegExp(`^Cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`));
        assert.match(error.hint ?? '', /testbed\/postgres\.sh start/);
        assert.ok(!everythingSaidAbout(error).includes(password), 'the password leaked into the error');
        return true;
      },
    );
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
  });

  test('a URL-encoded password does not leak either, encoded or decoded', async () => {
    const port = await closedPort();
    await assert.rejects(
      openDatabase({ engine: 'postgres', url: `postgres://slipway:p%40ss%2Fw0rd@localhost:${port}/slipway` }),
      (error: unknown) => {
        assert.ok(error instanceof SlipwayError);
        assert.equal(error.code, 'unavailable');
        assert.match(error.message, new RegExp(`^Cannot reach PostgreSQL at localhost:${port}: \\S`));
        const said = everythingSaidAbout(error);
        assert.ok(!said.includes('p%40ss%2Fw0rd') && !said.includes('p@ss/w0rd'), 'the password leaked');
        return true;
      },
    );
  });

  test('a malformed URL is invalid_config and is not echoed', async () => {
    await assert.rejects(openDatabase({ engine: 'postgres', url: 'slipway:hunter2@nowhere' }), (error: unknown) => {
      assert.ok(error instanceof SlipwayError);
      assert.equal(error.code, 'invalid_config');
      assert.ok(!everythingSaidAbout(error).includes('hunter2'));
      return true;
    });
  });

  test('a wrong password is unavailable, with a hint about credentials and no password', async () => {
    const admin = new URL(postgresAdminUrl());
    admin.password = 'definitely-wrong-pw';
    await assert.rejects(openDatabase({ engine: 'postgres', url: admin.toString() }), (error: unknown) => {
      assert.ok(error instanceof SlipwayError);
      assert.equal(error.code, 'unavailable');
      assert.match(error.message, /password authentication failed/);
      assert.match(error.hint ?? '', /user name and password/);
      assert.ok(!everythingSaidAbout(error).includes('definitely-wrong-pw'));
      return true;
    });
  });
});

describe('openDatabase: PGlite', () => {
  test('creates a missing data directory, parents included', async () => {
    const root = await mkdtemp(join(tmpdir(), 'slipway-open-'));
    try {
      const dataDir = join(root, 'a', 'b', 'data');
      const database = await openDatabase({ engine: 'pglite', dataDir });
      try {
        assert.equal(database.engine, 'pglite');
        assert.ok(existsSync(join(dataDir, 'PG_VERSION')), 'no cluster in the data directory');
        assert.equal((await database.ping()).migration, latestMigration);
      } finally {
        await database.close();
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  test('memory:// keeps nothing on disk; migrate: false leaves the database empty', async () => {
    const database = await openDatabase({ engine: 'pglite', dataDir: 'memory://' }, { migrate: false });
    try {
      assert.equal(existsSync('memory:'), false);
      assert.equal((await database.ping()).migration, null);
    } finally {
      await database.close();
    }
  });

  test('close releases the engine: later queries fail, closing again is harmless', async () => {
    const database = await openDatabase({ engine: 'pglite', dataDir: 'memory://' }, { migrate: false });
    await database.close();
    await database.close();
    await assert.rejects(sql`select 1`.execute(database.db));
  });
});

describe('openDatabase: PostgreSQL', () => {
  test('close ends every pooled connection, whether or not a query ran', async () => {
    const provisioned = await provisionTestDatabase('postgres');
    const connections = () =>
      withAdminClient(postgresAdminUrl(), async (c) => {
        const { rows } = await c.query<{ n: number }>(
          "select count(*)::int as n from pg_stat_activity where datname = $1 and application_name = 'slipway'",
          [provisioned.name],
        );
        return rows[0]?.n ?? -1;
      });
    // A backend leaves pg_stat_activity a moment after its client hangs up.
    const settledConnections = async () => {
      let n = await connections();
      for (let i = 0; i < 40 && n > 0; i++) {
        await sleep(50);
        n = await connections();
      }
      return n;
    };
    try {
      const busy = await openDatabase(provisioned.config);
      assert.equal(busy.engine, 'postgres');
      // Several queries at once, so the pool opens more than one connection.
      await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(busy.db)));
      assert.ok((await connections()) >= 2, 'the pool should have opened connections');
      await busy.close();
      assert.equal(await settledConnections(), 0, 'connections remain after close');

      // Only the start-up probe has connected: Kysely never touched the pool.
      const idle = await openDatabase(provisioned.config, { migrate: false });
      assert.equal(await connections(), 1, 'the probe connection should be pooled');
      await idle.close();
      assert.equal(await settledConnections(), 0, 'the probe connection remains after close');
    } finally {
      await provisioned.dispose();
    }
  });
});
