/**
 * Catalog writes that queue while one transaction holds the catalog's turn are committed
 * together (db/stores/catalog-ingest.ts, CatalogWrites): each must see the ones before it as
 * if they had committed, one that fails must take none of the others with it, and a burst of
 * them waiting for the turn must not take the connection pool from everything else.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Kysely, sql } from 'kysely';
import { toCandidates } from '../../src/catalog/candidates.ts';
import { type Database, openDatabase } from '../../src/db/database.ts';
import type { Schema } from '../../src/db/schema.ts';
import { CatalogWrites, catalogWriteLock } from '../../src/db/stores/catalog-ingest.ts';
import { insertCatalogLocation } from '../../src/db/stores/catalog-locations.ts';
import { describeEachDatabase, type ProvisionedDatabase, provisionTestDatabase } from '../harness/databases.ts';

const component = (name: string, dependsOn: string[] = []) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a', dependsOn },
});

const location = async (db: Kysely<Schema>, name: string) =>
  (
    await insertCatalogLocation(db, {
      type: 'git',
      target: `file:///repos/${name}-${randomUUID()}`,
      ref: '',
      paths: [],
      createdBy: 'test',
    })
  ).id;

const refreshOf = async (locationId: string, ...entities: object[]) => {
  const { candidates, problems } = await toCandidates(
    entities.map((value, index) => ({ path: 'catalog-info.yaml', index, value })),
  );
  return { locationId, revision: 'r1', candidates, problems, now: new Date(0) };
};

const stored = async (db: Kysely<Schema>, names: string[]) =>
  (
    await sql<{ name: string; errors: Array<{ message: string }>; created_at: Date }>`
      select name, errors, created_at from catalog_entities where name = any(${names}::text[]) order by name`.execute(
      db,
    )
  ).rows;

describeEachDatabase('catalog writes committed in groups', (getDb) => {
  it('writes the refreshes that waited in one transaction, each seeing those before it', async () => {
    const { db } = getDb();
    const writes = new CatalogWrites(db);
    const inputs = await Promise.all([
      refreshOf(await location(db, 'a'), component('grp-a', ['component:grp-b'])),
      refreshOf(await location(db, 'b'), component('grp-b')),
      refreshOf(await location(db, 'c'), component('grp-c', ['component:grp-b'])),
    ]);
    // The first starts a transaction at once; the other two queue behind it and go together.
    const applied = await Promise.all(inputs.map((input) => writes.refresh(input)));
    assert.deepEqual(
      applied.map((a) => a.writes.inserted),
      [1, 1, 1],
    );
    const [a, b, c] = await stored(db, ['grp-a', 'grp-b', 'grp-c']);
    const missingB = (e: typeof a) => e?.errors.filter((i) => i.message.includes('grp-b')) ?? [];
    // grp-a was written before grp-b existed, and the recheck of grp-b's writer cleared it;
    // grp-c was written after grp-b in the same transaction, and saw it there.
    assert.deepEqual(missingB(a), []);
    assert.deepEqual(missingB(c), []);
    // One transaction: the same transaction time on both rows.
    assert.equal(b?.created_at.getTime(), c?.created_at.getTime());
  });

  it('rolls a failed group back and writes each of its refreshes again on its own', async () => {
    const { db } = getDb();
    const writes = new CatalogWrites(db);
    const good = await Promise.all(
      ['x', 'y', 'z'].map(async (n) => refreshOf(await location(db, n), component(`one-${n}`))),
    );
    // A location that is not there: its insert breaks the foreign key, and the group's transaction with it.
    const broken = await refreshOf(randomUUID(), component('one-broken'));
    const [x, y, z] = good;
    const results = await Promise.allSettled([x, y, broken, z].map((input) => writes.refresh(input as typeof broken)));
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'fulfilled', 'rejected', 'fulfilled'],
    );
    assert.deepEqual(
      (await stored(db, ['one-x', 'one-y', 'one-z', 'one-broken'])).map((e) => e.name),
      ['one-x', 'one-y', 'one-z'],
    );
    const locations = await sql<{ revision: string }>`
      select revision from catalog_locations where id = any(${good.map((g) => g.locationId)}::uuid[])`.execute(db);
    assert.deepEqual(
      locations.rows.map((l) => l.revision),
      ['r1', 'r1', 'r1'],
    );
  });
});

describe('catalog writes waiting for another replica [postgres]', () => {
  let provisioned: ProvisionedDatabase;
  let mine: Database;
  let other: Database;

  before(async () => {
    provisioned = await provisionTestDatabase('postgres', { migrated: true });
    const { config } = provisioned;
    if (config.engine !== 'postgres') throw new Error('a PostgreSQL database was asked for');
    // A pool of two, and more refreshes than that waiting.
    mine = await openDatabase({ ...config, poolSize: 2 });
    other = await openDatabase(config);
  });
  after(async () => {
    await mine?.close();
    await other?.close();
    await provisioned?.dispose();
  });

  const waitingForTurn = async () =>
    (
      await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock' and wait_event = 'advisory'`.execute(other.db)
    ).rows[0]?.n ?? 0;

  it('holds one pooled connection while its writes wait, and writes those that queued together', async () => {
    const inputs = await Promise.all(
      ['p', 'q', 'r', 's', 't'].map(async (n) => refreshOf(await location(mine.db, n), component(`turn-${n}`))),
    );
    // Another replica holds the catalog's turn until it is told to let go.
    let letGo = () => {};
    let holding = () => {};
    const held = new Promise<void>((resolve) => {
      holding = resolve;
    });
    const otherWrite = other.db.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(${catalogWriteLock})`.execute(tx);
      holding();
      await new Promise<void>((resolve) => {
        letGo = resolve;
      });
    });
    await held;

    const writes = new CatalogWrites(mine.db);
    const applied = Promise.all(inputs.map((input) => writes.refresh(input)));
    for (let i = 0; i < 200 && (await waitingForTurn()) === 0; i++) await sleep(25);
    // One transaction waits, not five: the pool's other connection still answers at once.
    // (One transaction per refresh took both connections, and this query waited for the turn too.)
    const answered = await Promise.race([
      sql`select 1`.execute(mine.db).then(() => true),
      sleep(10_000, false, { ref: false }),
    ]);
    assert.equal(answered, true);
    assert.equal(await waitingForTurn(), 1);

    letGo();
    await otherWrite;
    assert.deepEqual(
      (await applied).map((a) => a.writes.inserted),
      [1, 1, 1, 1, 1],
    );
    // The first went alone; the four that queued behind it, in one transaction.
    const times = (await stored(mine.db, ['turn-q', 'turn-r', 'turn-s', 'turn-t'])).map((e) => e.created_at.getTime());
    assert.equal(new Set(times).size, 1);
  });
});
