/**
 * Session locks on a real PostgreSQL, two handles standing for two replicas: a lock one holds
 * the other cannot take; it is free again when let go, when its holder closes, and when its
 * holder's session is cut from the server's side, which the holder hears about (onLost) and
 * after which it no longer counts the lock as its own.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { type ProvisionedDatabase, provisionTestDatabase } from '../harness/databases.ts';

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('session locks on PostgreSQL', () => {
  let provisioned: ProvisionedDatabase;
  let a: Database;
  let b: Database;
  before(async () => {
    provisioned = await provisionTestDatabase('postgres', { migrated: true });
    a = await openDatabase(provisioned.config);
    b = await openDatabase(provisioned.config, { migrate: false });
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await provisioned?.dispose();
  });

  it('one holder at a time; free again once let go', async () => {
    assert.ok(a.locks && b.locks);
    assert.equal(await a.locks.tryLock('pair-1'), true);
    assert.equal(await a.locks.tryLock('pair-1'), true, 'the holder asking again still holds it');
    assert.equal(await b.locks.tryLock('pair-1'), false);
    assert.equal(await b.locks.tryLock('pair-2'), true, 'another key is another lock');
    await a.locks.unlock('pair-1');
    assert.equal(a.locks.holds('pair-1'), false);
    assert.equal(await b.locks.tryLock('pair-1'), true);
    await b.locks.unlock('pair-1');
    await b.locks.unlock('pair-2');
  });

  it('a session cut from the server side frees its locks and tells its holder', async () => {
    assert.ok(a.locks && b.locks);
    let lost = 0;
    a.locks.onLost(() => lost++);
    assert.equal(await a.locks.tryLock('pair-3'), true);
    assert.equal(await b.locks.tryLock('pair-3'), false);
    // What a replica's death looks like to PostgreSQL: its backend goes away.
    // Only this suite's database: other suites share the server.
    await sql`
      select pg_terminate_backend(pid) from pg_locks
      where locktype = 'advisory' and granted
        and database = (select oid from pg_database where datname = current_database())`.execute(b.db);
    await until('the holder to hear its session is gone', () => lost === 1);
    assert.equal(a.locks.holds('pair-3'), false);
    assert.equal(await b.locks.tryLock('pair-3'), true);
    // The holder takes locks again on a new session.
    assert.equal(await a.locks.tryLock('pair-4'), true);
    await b.locks.unlock('pair-3');
    await a.locks.unlock('pair-4');
  });
});
