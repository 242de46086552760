/**
 * Refreshes of different locations run at once (catalog.concurrency, webhooks, several
 * replicas), and each decides which of its relation targets are missing from what the others
 * have committed. On PostgreSQL, two at once used to miss each other's entities: measured at
 * 100,000 entities with 4 refreshes at a time, 25,779 entities kept a "… is not in the
 * catalog" issue for a target that was there (PGlite, one connection, never showed it). Here
 * every repository depends on the next one's component, and all are registered at once.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { assemblePlatform, type Platform } from '../../src/assemble.ts';
import { loadConfig } from '../../src/config/load.ts';
import { describeEachDatabase } from '../harness/databases.ts';
import { entityYaml as e, type FixtureRepo, fixtureRepos } from '../harness/git-repos.ts';

const count = 16;
const name = (i: number) => `ring-${i % count}`;
const files = (i: number) => ({
  'catalog-info.yaml': [
    e('Component', name(i), {
      type: 'service',
      lifecycle: 'production',
      owner: 'team-a',
      dependsOn: [`component:${name(i + 1)}`],
    }),
    e('API', `${name(i)}-api`, { type: 'openapi', lifecycle: 'production', owner: 'team-a', definition: '{}' }),
  ].join('\n---\n'),
});

describeEachDatabase('catalog refreshes at once', (getDb) => {
  let repos: Awaited<ReturnType<typeof fixtureRepos>>;
  let ring: FixtureRepo[];
  let cacheDir: string;
  let platform: Platform;

  before(async () => {
    repos = await fixtureRepos();
    ring = await Promise.all(Array.from({ length: count }, (_, i) => repos.create(name(i), files(i))));
    cacheDir = await mkdtemp(join(tmpdir(), 'slipway-catalog-at-once-'));
    const base = loadConfig({ env: {} });
    const config = {
      ...base,
      catalog: { ...base.catalog, allowFileUrls: true, fileRoots: [tmpdir()], refreshIntervalSeconds: 0 },
    };
    platform = await assemblePlatform({ config, db: getDb().db, kube: null, keyRing: null, catalogCacheDir: cacheDir });
  });
  after(async () => {
    await platform.stop();
    await repos.dispose();
    await rm(cacheDir, { recursive: true, force: true });
  });

  const withIssues = async () =>
    (
      await sql<{ ref: string; errors: unknown }>`select ref, errors from catalog_entities
        where errors <> '[]'::jsonb order by ref`.execute(getDb().db)
    ).rows;

  it('no entity keeps an issue for a target another refresh wrote at the same time', async () => {
    const org = await repos.create('org', {
      'catalog-info.yaml': e('Group', 'team-a', { type: 'team', children: [] }),
    });
    await platform.catalog.registerLocation({ type: 'git', target: org.url }, 'test');
    const registered = await Promise.all(
      ring.map((repo) => platform.catalog.registerLocation({ type: 'git', target: repo.url }, 'test')),
    );
    assert.deepEqual(
      registered.map((r) => r.outcome.result),
      ring.map(() => 'refreshed'),
    );
    const total = await sql<{ n: number }>`select count(*)::int as n from catalog_entities`.execute(getDb().db);
    assert.equal(total.rows[0]?.n, count * 2 + 1);
    assert.deepEqual(await withIssues(), []);

    // Two removed at once, while two others are refreshed: the ones depending on them say so.
    const [first, second] = registered;
    await Promise.all([
      platform.catalog.deleteLocation(first?.location.id as string),
      platform.catalog.deleteLocation(second?.location.id as string),
      platform.catalog.refreshLocation(registered[2]?.location.id as string, { force: true }),
      platform.catalog.refreshLocation(registered[count - 1]?.location.id as string, { force: true }),
    ]);
    // ring-15 depends on ring-0, ring-0 (gone) on ring-1 (gone too): only ring-15 misses its target.
    assert.deepEqual(
      (await withIssues()).map((r) => r.ref),
      [`component:default/${name(count - 1)}`],
    );
  });
});
