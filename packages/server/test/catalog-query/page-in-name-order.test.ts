import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { sql } from 'kysely';
import { decodeCursor } from '../../src/db/catalog-query/cursor.ts';
import type { EntityFilter } from '../../src/db/catalog-query/filter.ts';
import { type EntitySummary, queryEntitySummaries } from '../../src/db/catalog-query/query-entities.ts';
import { insertEntities, insertLocation, type TestEntity } from '../harness/catalog-rows.ts';
import { describeEachDatabase } from '../harness/databases.ts';

// 600 entities whose names cluster by word, as real catalogs' do: the `payments` tag is on the
// components named payments-…, which all sort together. Every lifecycle is `production`, which
// PostgreSQL, having no statistics on lower(lifecycle), guesses at a few rows.
const words = ['audit', 'billing', 'catalog', 'ledger', 'payments', 'search'];
const entities: TestEntity[] = Array.from({ length: 600 }, (_, i) => {
  const word = words[i % words.length] as string;
  return {
    kind: i % 5 === 0 ? 'API' : 'Component',
    name: `${word}-${String(i).padStart(3, '0')}`,
    tags: [word],
    spec: { type: 'service', lifecycle: 'production', owner: `team-${i % 4}` },
  };
});

describeEachDatabase('catalog pages in name order, read either way', (getDb) => {
  before(async () => {
    const db = getDb().db;
    await insertEntities(db, await insertLocation(db), entities);
    await sql`analyze catalog_entities`.execute(db);
  });

  /** Every page through the cursors, and the totals each answered. */
  const pageThrough = async (filter: EntityFilter, limit: number) => {
    const seen: EntitySummary[] = [];
    const totals = new Set<number>();
    let page = await queryEntitySummaries(getDb().db, { filter, limit, offset: 0 });
    for (;;) {
      seen.push(...page.items);
      totals.add(page.totalItems);
      if (!page.nextCursor) break;
      const state = decodeCursor(page.nextCursor);
      page = await queryEntitySummaries(getDb().db, {
        filter,
        limit,
        offset: state.offset,
        after: state.after,
        totalItems: state.totalItems,
      });
    }
    return { names: seen.map((e) => e.name), totals: [...totals] };
  };
  const expected = (keep: (e: TestEntity) => boolean) =>
    entities
      .filter(keep)
      .map((e) => e.name)
      .sort();

  const cases: Array<[string, EntityFilter, (e: TestEntity) => boolean]> = [
    ['most of the catalog (the name index walked)', [{ kind: ['component'] }], (e) => e.kind === 'Component'],
    ['everything', [], () => true],
    [
      'a few, clustered in name order (read through the tags index)',
      [{ 'metadata.tags': ['payments'], kind: ['api'] }],
      (e) => e.kind === 'API' && e.tags?.[0] === 'payments',
    ],
    ['a team (read through the owner index)', [{ 'spec.owner': ['team-1'] }], (e) => e.spec?.owner === 'team-1'],
    ['all of it where PostgreSQL guesses a few', [{ 'spec.lifecycle': ['production'] }], () => true],
  ];
  for (const [title, filter, keep] of cases) {
    it(`${title}: every match once, in name order, with one total`, async () => {
      const want = expected(keep);
      const { names, totals } = await pageThrough(filter, 40);
      assert.deepEqual(names, want);
      assert.deepEqual(totals, [want.length]);
    });
  }

  it('an offset without a cursor, and one past the end', async () => {
    const want = expected((e) => e.spec?.owner === 'team-1');
    const page = await queryEntitySummaries(getDb().db, {
      filter: [{ 'spec.owner': ['team-1'] }],
      limit: 10,
      offset: 20,
    });
    assert.deepEqual(
      page.items.map((e) => e.name),
      want.slice(20, 30),
    );
    const past = await queryEntitySummaries(getDb().db, { filter: [{ kind: ['component'] }], limit: 10, offset: 5000 });
    assert.deepEqual(past.items, []);
    assert.equal(past.totalItems, 480);
  });
});
