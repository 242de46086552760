import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { dueUpkeep } from '../../src/db/pglite-autovacuum.ts';
import { describeEachDatabase } from '../harness/databases.ts';

describe("autovacuum's triggers", () => {
  const table = { table: 't', tuples: 0, dead: 0, insertedSinceVacuum: 0, changedSinceAnalyze: 0 };

  it('vacuum after 1,000 inserts into an empty table, then after a fifth of its rows more', () => {
    assert.deepEqual(dueUpkeep([{ ...table, insertedSinceVacuum: 1000 }]), []);
    assert.deepEqual(dueUpkeep([{ ...table, insertedSinceVacuum: 1001 }]), [
      { table: 't', vacuumed: true, analyzed: false },
    ]);
    assert.deepEqual(dueUpkeep([{ ...table, tuples: 100_000, insertedSinceVacuum: 21_000 }]), []);
    assert.equal(dueUpkeep([{ ...table, tuples: 100_000, insertedSinceVacuum: 21_001 }]).length, 1);
  });

  it('vacuum for dead rows past 50 and a fifth; analyze for changes past 50 and a tenth', () => {
    assert.deepEqual(dueUpkeep([{ ...table, tuples: 1000, dead: 251 }]), [
      { table: 't', vacuumed: true, analyzed: false },
    ]);
    assert.deepEqual(dueUpkeep([{ ...table, tuples: 1000, dead: 250, changedSinceAnalyze: 151 }]), [
      { table: 't', vacuumed: false, analyzed: true },
    ]);
    // Never vacuumed nor analyzed: pg_class says -1 rows, which counts as none.
    assert.deepEqual(dueUpkeep([{ ...table, tuples: -1, changedSinceAnalyze: 51 }]), [
      { table: 't', vacuumed: false, analyzed: true },
    ]);
  });
});

describeEachDatabase('upkeep of the tables', (getDb) => {
  it('PGlite vacuums and analyzes a table filled past the thresholds, once; PostgreSQL leaves it to its autovacuum', async () => {
    const database = getDb();
    const { db } = database;
    await sql`create table upkeep_probe (n int primary key)`.execute(db);
    await sql`insert into upkeep_probe select generate_series(1, 1500)`.execute(db);
    const done = await database.upkeep();
    if (database.engine === 'postgres') {
      assert.deepEqual(done, []);
      return;
    }
    assert.deepEqual(
      done.find((t) => t.table === 'upkeep_probe'),
      { table: 'upkeep_probe', vacuumed: true, analyzed: true },
    );
    const { rows } = await sql<{ tuples: number; vacuumed: boolean; analyzed: boolean }>`
      select c.reltuples as tuples, s.last_vacuum is not null as vacuumed, s.last_analyze is not null as analyzed
      from pg_class c join pg_stat_user_tables s on s.relid = c.oid where c.relname = 'upkeep_probe'`.execute(db);
    assert.deepEqual(rows[0], { tuples: 1500, vacuumed: true, analyzed: true });
    // Counting from the index reads the visibility map the vacuum wrote, not the rows (a table
    // this small is scanned whole unless the planner is told not to).
    const plan = await db.transaction().execute(async (tx) => {
      await sql`set local enable_seqscan = off`.execute(tx);
      await sql`set local enable_bitmapscan = off`.execute(tx);
      return sql<{ 'QUERY PLAN': string }>`explain (analyze, costs off, timing off, summary off)
        select count(*) from upkeep_probe where n > 0`.execute(tx);
    });
    assert.match(plan.rows.map((r) => r['QUERY PLAN']).join('\n'), /Index Only Scan[\s\S]*Heap Fetches: 0/);
    assert.equal(
      (await database.upkeep()).find((t) => t.table === 'upkeep_probe'),
      undefined,
    );
  });
});
