/**
 * Facet counts are remembered between catalog changes (catalog/facet-cache.ts), yet every
 * change is seen at once where it is made, however it was written (a Kysely statement, the raw
 * SQL of ingestion, a location's deletion cascading to its entities), and within moments on
 * another replica.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { assemblePlatform, type Platform } from '../../src/assemble.ts';
import { catalogTables } from '../../src/catalog/facet-cache.ts';
import { loadConfig } from '../../src/config/load.ts';
import { ChangeCache } from '../../src/db/change-cache.ts';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { createToken } from '../../src/db/stores/api-tokens.ts';
import { ensureGlobalRole } from '../../src/db/stores/role-bindings.ts';
import { ensureUser } from '../../src/db/stores/users.ts';
import { buildApp } from '../../src/http/app.ts';
import { insertEntities, insertLocation } from '../harness/catalog-rows.ts';
import { describeEachDatabase } from '../harness/databases.ts';
import { entityYaml as e, type FixtureRepo, fixtureRepos } from '../harness/git-repos.ts';

const component = (name: string, tags: string[]) =>
  e('Component', name, { type: 'service', lifecycle: 'production', owner: 'team-a' }, { tags });

const documents = (items: string[]) => items.join('\n---\n');
const first = [component('ledger', ['java']), component('till', ['java', 'kotlin'])];

/** Asks until `check` holds: another replica hears of a change over LISTEN/NOTIFY, not at once. */
async function eventually(what: string, check: () => Promise<boolean>) {
  const deadline = performance.now() + 10_000;
  while (!(await check())) {
    if (performance.now() > deadline) assert.fail(`${what} within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describeEachDatabase('facet counts between catalog changes', (getDb, context) => {
  let repos: Awaited<ReturnType<typeof fixtureRepos>>;
  let repo: FixtureRepo;
  let cacheDir: string;
  let platform: Platform;
  let app: FastifyInstance;
  let auth: { authorization: string };
  /** A second replica on the same database (PostgreSQL only: PGlite is one process). */
  let replica: { app: FastifyInstance; platform: Platform; database: Database } | undefined;

  before(async () => {
    repos = await fixtureRepos();
    repo = await repos.create('facets', { 'catalog-info.yaml': documents(first) });
    cacheDir = await mkdtemp(join(tmpdir(), 'slipway-facet-cache-'));
    const base = loadConfig({ env: {} });
    const config = {
      ...base,
      catalog: { ...base.catalog, allowFileUrls: true, fileRoots: [tmpdir()], refreshIntervalSeconds: 0 },
    };
    const serve = async (database: Database) => {
      const platform = await assemblePlatform({
        config,
        db: database.db,
        kube: null,
        keyRing: null,
        catalogCacheDir: cacheDir,
      });
      return { platform, app: await buildApp({ config, database, kube: null, platform }) };
    };
    ({ platform, app } = await serve(getDb()));
    const user = await ensureUser(getDb().db, 'cataloguer');
    await ensureGlobalRole(getDb().db, 'cataloguer', 'admin', 'test');
    const { secret } = await createToken(getDb().db, { userId: user.id, name: 't', scopes: ['read', 'write'] });
    auth = { authorization: `Bearer ${secret}` };
    if (context.engine === 'postgres') {
      const database = await openDatabase(context.provisioned().config);
      replica = { ...(await serve(database)), database };
    }
  });
  after(async () => {
    for (const server of [{ app, platform }, ...(replica ? [replica] : [])]) {
      await server.platform.stop();
      await server.app.close();
    }
    await replica?.database.close();
    await repos.dispose();
    await rm(cacheDir, { recursive: true, force: true });
  });

  const tagCounts = async (on: FastifyInstance) => {
    const res = await on.inject({ url: '/api/v1/catalog/entities?kind=component&facets=tag&limit=1', headers: auth });
    assert.equal(res.statusCode, 200, res.body);
    const facets = res.json().facets.tag as Array<{ value: string; count: number }>;
    return Object.fromEntries(facets.map((f) => [f.value, f.count]));
  };

  it("a cache reads again only after this process's write to its tables, however it was written", async () => {
    const db = getDb().db;
    const cache = new ChangeCache<number>({ ttlMs: 60_000, maxEntries: 10 });
    // This process's own writes only: another replica's come later, over NOTIFY (the last test).
    const stop = getDb().writes.watch({
      tables: catalogTables,
      cascadingFrom: ['catalog_locations'],
      onWrite: () => cache.invalidate(),
    });
    let loads = 0;
    const read = () => cache.get('k', 0, async () => ++loads);
    try {
      assert.equal(await read(), 1);
      assert.equal(await read(), 1, 'the second read comes from memory');
      const location = await insertLocation(db);
      assert.equal(await read(), 1, 'a new location has no entities: nothing to forget');
      await insertEntities(db, location, [{ kind: 'Component', name: 'kysely-written', tags: ['go'] }]);
      assert.equal(await read(), 2, 'a Kysely insert');
      await sql`update catalog_entities set tags = ${['rust']} where name = 'kysely-written'`.execute(db);
      assert.equal(await read(), 3, 'raw SQL, as ingestion writes');
      await sql`with gone as (select 1) ${sql`delete from ${sql.table('catalog_relations')} where false`}`.execute(db);
      assert.equal(await read(), 4, 'raw SQL nested in another, naming its table through sql.table');
      await db.updateTable('catalog_locations').set({ status: 'ready' }).where('id', '=', location).execute();
      assert.equal(await read(), 4, "a location's own state is not the entities'");
      await db.deleteFrom('catalog_locations').where('id', '=', location).execute();
      assert.equal(await read(), 5, "a location's deletion takes its entities with it");
      await db.selectFrom('catalog_entities').select('id').execute();
      assert.equal(await read(), 5, 'a read is no write');
    } finally {
      stop();
    }
  });

  it('a value read while a write went on is not kept', async () => {
    const cache = new ChangeCache<string>({ ttlMs: 60_000, maxEntries: 10 });
    let release = () => {};
    const slow = cache.get('k', 0, () => new Promise<string>((resolve) => (release = () => resolve('before'))));
    cache.invalidate();
    release();
    assert.equal(await slow, 'before', 'the reader gets what it read');
    assert.equal(await cache.get('k', 0, async () => 'after'), 'after', 'but it was not remembered');
  });

  it('bounds the entries by their number and their summed weight, oldest out first', async () => {
    const cache = new ChangeCache<number>({ ttlMs: 60_000, maxEntries: 3, weigh: (n) => n, maxWeight: 10 });
    const held = async (key: string) => (await cache.get(key, 0, async () => -1)) !== -1;
    for (const [key, weight] of [
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['d', 1],
    ] as const)
      await cache.get(key, 0, async () => weight);
    assert.deepEqual([await held('b'), await held('c'), await held('d')], [true, true, true]);
    const lost = new ChangeCache<number>({ ttlMs: 60_000, maxEntries: 3, weigh: (n) => n, maxWeight: 10 });
    for (const [key, weight] of [
      ['a', 4],
      ['b', 4],
      ['c', 4],
    ] as const)
      await lost.get(key, 0, async () => weight);
    assert.equal(await lost.get('a', 0, async () => 0), 0, 'a went to make room for c');
    assert.equal(await lost.get('c', 0, async () => 0), 4);
    assert.equal(await lost.get('big', 0, async () => 11), 11);
    assert.equal(await lost.get('big', 0, async () => 0), 0, 'a value heavier than the whole bound is never kept');
    const expired = new ChangeCache<number>({ ttlMs: 1_000, maxEntries: 3 });
    await expired.get('k', 0, async () => 1);
    assert.equal(await expired.get('k', 999, async () => 2), 1);
    assert.equal(await expired.get('k', 1_000, async () => 2), 2, 'past its age, read again');
  });

  it('the counts follow a refresh and a deletion at once, and on another replica within moments', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/catalog/locations',
      headers: auth,
      payload: { type: 'git', target: repo.url },
    });
    assert.equal(res.statusCode, 201, res.body);
    const id = res.json().location.id as string;
    assert.deepEqual(await tagCounts(app), { java: 2, kotlin: 1 });
    assert.deepEqual(await tagCounts(app), { java: 2, kotlin: 1 }, 'asked again, the same');
    if (replica) assert.deepEqual(await tagCounts(replica.app), { java: 2, kotlin: 1 });

    await repo.commit({ 'catalog-info.yaml': documents([...first, component('abacus', ['java', 'cobol'])]) });
    const refreshed = await app.inject({
      method: 'POST',
      url: `/api/v1/catalog/locations/${id}/refresh`,
      headers: auth,
    });
    assert.equal(refreshed.statusCode, 200, refreshed.body);
    assert.deepEqual(await tagCounts(app), { java: 3, cobol: 1, kotlin: 1 });
    const other = replica?.app;
    if (other) await eventually('the replica counts the new entity', async () => (await tagCounts(other)).java === 3);

    const deleted = await app.inject({ method: 'DELETE', url: `/api/v1/catalog/locations/${id}`, headers: auth });
    assert.equal(deleted.statusCode, 204, deleted.body);
    assert.deepEqual(await tagCounts(app), {});
    if (other)
      await eventually(
        'the replica forgets the deleted entities',
        async () => (await tagCounts(other)).java === undefined,
      );
  });
});
