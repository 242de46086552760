import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { createService } from '../../src/db/stores/services.ts';

describe('PGlite in a thread of its own', () => {
  let database: Database;
  before(async () => {
    database = await openDatabase({ engine: 'pglite', dataDir: 'memory://' });
  });
  after(() => database.close());

  it('lets the event loop turn while a statement runs: a timer fires before a long one answers', async () => {
    const order: string[] = [];
    const long = sql`select count(*) from generate_series(1, 2000000)`.execute(database.db).then(() => {
      order.push('statement');
    });
    // In the server's thread the statement ran to its end before any timer; now it runs beside it.
    await new Promise((resolve) => setTimeout(resolve, 0)).then(() => order.push('timer'));
    await long;
    assert.deepEqual(order, ['timer', 'statement']);
  });

  it('lets the event loop turn during a long chain of statements', async () => {
    let firedAt: number | undefined;
    let query = 0;
    const timer = setTimeout(() => {
      firedAt = query;
    }, 0);
    while (firedAt === undefined && query < 5000) {
      await sql`select 1`.execute(database.db);
      query++;
    }
    clearTimeout(timer);
    assert.ok(firedAt !== undefined, `the timer did not fire during ${query} queries`);
  });

  it('keeps a transaction on its one session throughout, and others wait for its end', async () => {
    const outside = database.db.transaction().execute(async (tx) => {
      await sql`create temporary table t (n int) on commit drop`.execute(tx);
      for (let i = 0; i < 200; i++) await sql`insert into t values (${i})`.execute(tx);
      const { rows } = await sql<{ count: number }>`select count(*)::int as count from t`.execute(tx);
      return rows[0]?.count;
    });
    // Started while the transaction is open: it must not see the temporary table mid-way.
    const meanwhile = sql<{ n: number }>`select count(*)::int as n from pg_tables where tablename = 't'`.execute(
      database.db,
    );
    assert.equal(await outside, 200);
    assert.equal((await meanwhile).rows[0]?.n, 0);
  });

  it("carries the database's error fields across, so stores map them as on PostgreSQL", async () => {
    await createService(database.db, 'twice', null);
    await assert.rejects(createService(database.db, 'twice', null), { code: 'already_exists' });
    await assert.rejects(sql`select * from no_such_table`.execute(database.db), { code: '42P01' });
    // The session is fine afterwards, and so is a rolled-back transaction's.
    await assert.rejects(
      database.db.transaction().execute(async (tx) => {
        await sql`insert into teams (name) values ('gone')`.execute(tx);
        throw new Error('changed my mind');
      }),
      /changed my mind/,
    );
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from teams where name = 'gone'`.execute(
      database.db,
    );
    assert.equal(rows[0]?.n, 0);
  });

  it('keeps rows in a data directory across a close and a reopen; a closed one refuses statements', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'slipway-pglite-thread-'));
    try {
      const first = await openDatabase({ engine: 'pglite', dataDir: join(dir, 'data') });
      await createService(first.db, 'kept', null);
      await first.close();
      await first.close(); // twice is fine
      await assert.rejects(sql`select 1`.execute(first.db), /destroyed|closed/);
      const second = await openDatabase({ engine: 'pglite', dataDir: join(dir, 'data') });
      const names = await second.db.selectFrom('services').select('name').execute();
      await second.close();
      assert.deepEqual(
        names.map((r) => r.name),
        ['kept'],
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
