/**
 * Catalog writes that queue while one transaction holds the catalog's turn are committed
 * together (db/stores/catalog-ingest.ts, CatalogWrites): each must see the ones before it as
 * if they had committed, and one that fails must take none of the others with it.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { sql } from 'kysely';
import { toCandidates } from '../../src/catalog/candidates.ts';
import { CatalogWrites } from '../../src/db/stores/catalog-ingest.ts';
import { insertCatalogLocation } from '../../src/db/stores/catalog-locations.ts';
import { describeEachDatabase } from '../harness/databases.ts';

const component = (name: string, dependsOn: string[] = []) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a', dependsOn },
});

describeEachDatabase('catalog writes committed in groups', (getDb) => {
  const location = async (name: string) =>
    (
      await insertCatalogLocation(getDb().db, {
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

  const stored = async (names: string[]) =>
    (
      await sql<{ name: string; errors: Array<{ message: string }>; created_at: Date }>`
        select name, errors, created_at from catalog_entities where name = any(${names}::text[]) order by name`.execute(
        getDb().db,
      )
    ).rows;

  it('writes the refreshes that waited in one transaction, each seeing those before it', async () => {
    const writes = new CatalogWrites(getDb().db);
    // The first starts a transaction at once; the other two queue behind it and go together.
    const inputs = await Promise.all([
      refreshOf(await location('a'), component('grp-a', ['component:grp-b'])),
      refreshOf(await location('b'), component('grp-b')),
      refreshOf(await location('c'), component('grp-c', ['component:grp-b'])),
    ]);
    const applied = await Promise.all(inputs.map((input) => writes.refresh(input)));
    assert.deepEqual(
      applied.map((a) => a.writes.inserted),
      [1, 1, 1],
    );
    const [a, b, c] = await stored(['grp-a', 'grp-b', 'grp-c']);
    const missingB = (e: typeof a) => e?.errors.filter((i) => i.message.includes('grp-b')) ?? [];
    // grp-a was written before grp-b existed, and the recheck of grp-b's writer cleared it;
    // grp-c was written after grp-b in the same transaction, and saw it there.
    assert.deepEqual(missingB(a), []);
    assert.deepEqual(missingB(c), []);
    // One transaction: the same transaction time on both rows.
    assert.equal(b?.created_at.getTime(), c?.created_at.getTime());
  });

  it('rolls a failed group back and writes each of its refreshes again on its own', async () => {
    const writes = new CatalogWrites(getDb().db);
    const good = await Promise.all(
      ['x', 'y', 'z'].map(async (n) => refreshOf(await location(n), component(`one-${n}`))),
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
      (await stored(['one-x', 'one-y', 'one-z', 'one-broken'])).map((e) => e.name),
      ['one-x', 'one-y', 'one-z'],
    );
    const locations = await sql<{ revision: string }>`
      select revision from catalog_locations where id = any(${good.map((g) => g.locationId)}::uuid[])`.execute(
      getDb().db,
    );
    assert.deepEqual(
      locations.rows.map((l) => l.revision),
      ['r1', 'r1', 'r1'],
    );
  });
});
