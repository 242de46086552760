import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import { openTestPglite } from '../harness/databases.ts';

describe('queries on PGlite, which answers in this thread', () => {
  let database: Database;
  before(async () => {
    database = await openTestPglite();
  });
  after(() => database.close());

  it('let the event loop turn during a long chain of them: a timer fires before the chain ends', async () => {
    let firedAt: number | undefined;
    let query = 0;
    const timer = setTimeout(() => {
      firedAt = query;
    }, 0);
    // Without turns the timer waits for the whole chain, however long (2,000 queries: 2.2 s).
    while (firedAt === undefined && query < 5000) {
      await sql`select 1`.execute(database.db);
      query++;
    }
    clearTimeout(timer);
    assert.ok(firedAt !== undefined, `the timer did not fire during ${query} queries`);
  });

  it('let it turn while many chains wait for the connection: an immediate runs before they all end', async () => {
    // Those waiting are handed the connection in one run of microtasks (the engine, requests
    // and watches at once, as in a burst of deploys); the loop must still turn among them.
    const chains = 40;
    const each = 50;
    let done = 0;
    let doneAtFirstTurn: number | undefined;
    setImmediate(() => {
      doneAtFirstTurn = done;
    });
    await Promise.all(
      Array.from({ length: chains }, async () => {
        for (let i = 0; i < each; i++) {
          await sql`select ${i}::int as i`.execute(database.db);
          done += 1;
        }
      }),
    );
    assert.equal(done, chains * each);
    assert.ok(
      doneAtFirstTurn !== undefined && doneAtFirstTurn < chains * each,
      `${doneAtFirstTurn} of ${chains * each} queries ran before the event loop turned`,
    );
  });

  it('a transaction keeps its connection throughout', async () => {
    await database.db.transaction().execute(async (tx) => {
      await sql`create temporary table t (n int) on commit drop`.execute(tx);
      for (let i = 0; i < 200; i++) await sql`insert into t values (${i})`.execute(tx);
      const { rows } = await sql<{ count: number }>`select count(*)::int as count from t`.execute(tx);
      assert.equal(rows[0]?.count, 200);
    });
  });
});
