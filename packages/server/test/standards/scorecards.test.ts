import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { parse } from 'yaml';
import { assemblePlatform, type Platform } from '../../src/assemble.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createToken } from '../../src/db/stores/api-tokens.ts';
import { queryAudit } from '../../src/db/stores/audit.ts';
import { ensureGlobalRole } from '../../src/db/stores/role-bindings.ts';
import { ensureUser } from '../../src/db/stores/users.ts';
import { buildApp } from '../../src/http/app.ts';
import { type LevelDrop, ScorecardService } from '../../src/standards/scorecards.ts';
import { TestClock } from '../harness/clock.ts';
import { describeEachDatabase } from '../harness/databases.ts';
import { entityYaml as e, type FixtureRepo, fixtureRepos } from '../harness/git-repos.ts';

const documentation = parse(
  await readFile(new URL('../../../../scorecards/documentation.yaml', import.meta.url), 'utf8'),
) as Record<string, unknown>;

const catalogInfo = e(
  'Component',
  'web',
  { type: 'website', lifecycle: 'production', owner: 'web-team' },
  { description: 'The shop front' },
);

describeEachDatabase('scorecards', (getDb) => {
  let repos: Awaited<ReturnType<typeof fixtureRepos>>;
  let cacheDir: string;
  let platform: Platform;
  let app: FastifyInstance;
  let auth: { authorization: string };
  let shop: FixtureRepo;
  let locationId: string;
  const clock = new TestClock();
  const drops: LevelDrop[] = [];

  before(async () => {
    repos = await fixtureRepos();
    cacheDir = await mkdtemp(join(tmpdir(), 'slipway-scorecards-cache-'));
    shop = await repos.create('shop', { 'catalog-info.yaml': catalogInfo });
    const loaded = loadConfig({ env: {} });
    const config = {
      ...loaded,
      catalog: { ...loaded.catalog, allowFileUrls: true, fileRoots: [tmpdir()], refreshIntervalSeconds: 0 },
    };
    platform = await assemblePlatform({
      config,
      db: getDb().db,
      kube: null,
      keyRing: null,
      catalogCacheDir: cacheDir,
      now: clock.now,
      scorecardDebounceMs: 20,
    });
    platform.scorecards.onLevelDropped((drop) => {
      drops.push(drop);
    });
    app = await buildApp({ config, database: getDb(), kube: null, platform });
    const user = await ensureUser(getDb().db, 'lead');
    await ensureGlobalRole(getDb().db, 'lead', 'admin', 'test');
    const { secret } = await createToken(getDb().db, { userId: user.id, name: 't', scopes: ['read', 'write'] });
    auth = { authorization: `Bearer ${secret}` };
  });
  after(async () => {
    await platform.stop();
    await app.close();
    await repos.dispose();
    await rm(cacheDir, { recursive: true, force: true });
  });

  const call = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url: `/api/v1${url}`, headers: auth, ...(payload ? { payload } : {}) });
  const docsResult = async () => {
    const res = await call('GET', '/services/web/scorecards');
    assert.equal(res.statusCode, 200, res.body);
    return res.json().items.find((i: { scorecard: string }) => i.scorecard === 'documentation');
  };
  /** Waits until the evaluation the change asked for has run and stored a result at `level`. */
  const untilLevel = async (level: string) => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      await platform.scorecards.settled();
      const [latest] = (await call('GET', '/services/web/scorecards/documentation/history?limit=1')).json().items;
      if (latest?.level === level && !platform.scorecards.busy) return latest;
      if (Date.now() > deadline) throw new Error(`still at ${latest?.level}, waiting for ${level}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const refresh = async () => {
    const res = await call('POST', `/catalog/locations/${locationId}/refresh`);
    assert.equal(res.statusCode, 200, res.body);
  };

  it('refuses a rule that does not compile, naming the field and the line:column', async () => {
    const bad = structuredClone(documentation);
    (bad.rules as { expression: string }[])[2] = {
      ...(bad.rules as object[])[2],
      expression: 'facts.docsPresent &&\n  service.metadata.name ==',
    } as never;
    (bad.rules as { expression: string }[])[3] = {
      ...(bad.rules as object[])[3],
      expression: '"shop" + 1 == "shop1"',
    } as never;
    const res = await call('PUT', '/scorecards/documentation', bad);
    assert.equal(res.statusCode, 400, res.body);
    const { error } = res.json();
    assert.equal(error.code, 'invalid_input');
    assert.deepEqual(
      error.fields.map((f: { path: string }) => f.path),
      ['/rules/2/expression', '/rules/3/expression'],
    );
    assert.match(error.fields[0].message, /^2:\d+: /);
    assert.match(error.fields[1].message, /^1:\d+: /);
    assert.equal((await call('GET', '/scorecards/documentation')).statusCode, 404);
  });

  it('a documented service without docs is at bronze, each failed rule with its remedy', async () => {
    const registered = await call('POST', '/catalog/locations', { type: 'git', target: shop.url, ref: 'main' });
    assert.equal(registered.statusCode, 201, registered.body);
    locationId = registered.json().location.id;
    const saved = await call('PUT', '/scorecards/documentation', documentation);
    assert.equal(saved.statusCode, 201, saved.body);
    await platform.scorecards.settled();
    const result = await docsResult();
    assert.equal(result.level, 'bronze');
    const docs = result.rules.find((r: { id: string }) => r.id === 'docs-present');
    assert.equal(docs.status, 'fail');
    assert.match(docs.remedy, /docs\/ folder/);
    assert.equal(result.rules.find((r: { id: string }) => r.id === 'has-description').status, 'pass');
  });

  it('moves to silver when docs are added to the repository and the catalog reads them', async () => {
    const before = (await docsResult()).score;
    await shop.commit({ 'docs/index.md': '# Web shop\n\nHow the shop front works.\n' }, 'add docs');
    // Only the refresh: the catalog tells the scorecards which Components it read, and they evaluate them.
    await refresh();
    const latest = await untilLevel('silver');
    assert.ok(latest.score > before, `${latest.score} > ${before}`);
    const result = await docsResult();
    assert.equal(result.rules.find((r: { id: string }) => r.id === 'docs-present').status, 'pass');
  });

  it('keeps history: a drop shows, is audited and handed to onLevelDropped', async () => {
    await shop.commit({ 'docs/index.md': null }, 'remove docs');
    await refresh();
    await untilLevel('bronze');
    const history = (await call('GET', '/services/web/scorecards/documentation/history')).json().items;
    assert.deepEqual(
      history.map((h: { level: string }) => h.level),
      ['bronze', 'silver', 'bronze'],
    );
    assert.deepEqual(history[0].failed.includes('docs-present'), true);
    assert.deepEqual(
      drops.map((d) => [d.service, d.scorecard, d.from, d.to]),
      [['web', 'documentation', 'silver', 'bronze']],
    );
    const audit = await queryAudit(getDb().db, {});
    const entry = audit.find((a) => a.action === 'scorecardLevelDropped');
    assert.equal(entry?.target, 'services/web/scorecards/documentation');
    assert.deepEqual(entry?.detail, { from: 'silver', to: 'bronze', score: history[0].score });
    const events = await getDb()
      .db.selectFrom('notification_events')
      .select('payload')
      .where('kind', '=', 'scorecard.level_dropped')
      .execute();
    assert.deepEqual(
      events.map((e) => (e.payload as { data: Record<string, unknown> }).data),
      [{ scorecard: 'documentation', from: 'silver', to: 'bronze', score: history[0].score }],
    );
  });

  it('writes a row when the result changes, and one a day besides: not on every evaluation', async () => {
    const count = async () =>
      (await call('GET', '/services/web/scorecards/documentation/history')).json().items.length as number;
    const rows = await count();
    assert.equal((await call('POST', '/scorecards/documentation/evaluate', { service: 'web' })).statusCode, 200);
    assert.equal(await count(), rows);
    clock.advanceTo(new Date(clock.now().getTime() + 86_400_000));
    const all = await call('POST', '/scorecards/documentation/evaluate', {});
    assert.equal(all.statusCode, 200, all.body);
    assert.equal(all.json().services, 1);
    assert.equal(await count(), rows + 1);
  });

  it('the leader runs a pass soon after it starts leading: a new day gets its row, one only', async () => {
    const count = async () =>
      (await call('GET', '/services/web/scorecards/documentation/history')).json().items.length as number;
    const rows = await count();
    clock.advanceTo(new Date(clock.now().getTime() + 86_400_000));
    const leader = new ScorecardService({ db: getDb().db, now: clock.now, log: console, firstPassMs: 0 });
    leader.start();
    try {
      const deadline = Date.now() + 20_000;
      while ((await count()) === rows) {
        if (Date.now() > deadline) throw new Error('no daily pass ran');
        await new Promise((r) => setTimeout(r, 50));
      }
      await leader.settled();
      assert.equal(await count(), rows + 1, 'one row for the day, however many passes');
    } finally {
      await leader.stop();
    }
  });

  it('counts a rule that errors at run time as failed, with the message', async () => {
    const card = {
      levels: ['one'],
      rules: [
        { id: 'lookup', level: 'one', expression: 'service.spec.tier == "critical"', remedy: 'Set spec.tier' },
        { id: 'owned', level: 'one', expression: 'facts.owner != null' },
      ],
    };
    assert.equal((await call('PUT', '/scorecards/brittle', card)).statusCode, 201);
    await platform.scorecards.settled();
    const brittle = (await call('GET', '/services/web/scorecards'))
      .json()
      .items.find((i: { scorecard: string }) => i.scorecard === 'brittle');
    const [lookup, owned] = brittle.rules;
    assert.equal(lookup.status, 'error');
    assert.match(lookup.message, /tier/);
    assert.equal(lookup.remedy, 'Set spec.tier');
    assert.equal(owned.status, 'pass');
    assert.equal(brittle.level, null);
    assert.equal(brittle.score, 50);
  });

  it('shows the grid of services × rules, filtered by team', async () => {
    const grid = (await call('GET', '/scorecards/documentation/grid?team=web-team')).json();
    assert.deepEqual(
      grid.rules.map((r: { id: string }) => r.id),
      ['in-catalog', 'has-description', 'docs-present', 'has-links', 'api-definition', 'runbook'],
    );
    assert.equal(grid.services.length, 1);
    const [row] = grid.services;
    assert.equal(row.service, 'web');
    assert.equal(row.level, 'bronze');
    assert.deepEqual(row.cells, ['pass', 'pass', 'fail', 'fail', 'fail', 'fail']);
    const other = (await call('GET', '/scorecards/documentation/grid?team=payments')).json();
    assert.deepEqual(other.services, []);
  });

  it('lists, reads and deletes scorecards; a body naming another scorecard is refused', async () => {
    const names = (await call('GET', '/scorecards')).json().items.map((s: { name: string }) => s.name);
    assert.deepEqual(names, ['brittle', 'documentation']);
    const mismatch = await call('PUT', '/scorecards/brittle', { ...documentation });
    assert.equal(mismatch.statusCode, 400);
    assert.equal(mismatch.json().error.fields[0].path, '/name');
    assert.equal((await call('DELETE', '/scorecards/brittle')).statusCode, 204);
    assert.equal((await call('DELETE', '/scorecards/brittle')).statusCode, 404);
    assert.equal((await call('GET', '/services/no-such-service/scorecards')).statusCode, 404);
  });
});
