import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { assemblePlatform, type Platform } from '../../src/assemble.ts';
import { sanitiseDocsHtml } from '../../src/catalog-docs/sanitise.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createToken } from '../../src/db/stores/api-tokens.ts';
import { ensureGlobalRole } from '../../src/db/stores/role-bindings.ts';
import { ensureUser } from '../../src/db/stores/users.ts';
import { buildApp } from '../../src/http/app.ts';
import { describeEachDatabase } from '../harness/databases.ts';
import { entityYaml as e, type FixtureRepo, fixtureRepos } from '../harness/git-repos.ts';

const base = '/api/v1/catalog/entities/component/default/web/docs';

const hostile = [
  '# Hostile',
  '<script>alert("x")</script>',
  '<img src="x" onerror="alert(1)">',
  '<iframe src="https://evil.example"></iframe>',
  '[click](javascript:alert(1)) and ![pic](javascript:alert(2)) and [ok](https://example.com/a)',
  '![remote](http://insecure.example/p.png) ![local](img/p.png)',
].join('\n\n');

const files = {
  'catalog-info.yaml': e(
    'Component',
    'web',
    { type: 'website', lifecycle: 'production', owner: 'web-team' },
    { annotations: { 'backstage.io/techdocs-ref': 'dir:.' } },
  ),
  'services/bare/catalog-info.yaml': e('Component', 'bare', {
    type: 'service',
    lifecycle: 'production',
    owner: 'web-team',
  }),
  'docs/index.md': '# Web shop\n\nStart with the [setup guide](guides/setup.md#install).\n',
  'docs/guides/setup.md': '# Setting up\n\nRun the zanzibar installer, then go [home](../index.md).\n',
  'docs/hostile.md': hostile,
  'docs/notes.txt': 'not Markdown',
  'services/bare/README.md': '# not docs: no docs/ folder next to the bare entity',
};

describeEachDatabase('catalog entity docs', (getDb) => {
  let repos: Awaited<ReturnType<typeof fixtureRepos>>;
  let cacheDir: string;
  let platform: Platform;
  let app: FastifyInstance;
  let auth: { authorization: string };
  let shop: FixtureRepo;
  let locationId: string;

  before(async () => {
    repos = await fixtureRepos();
    cacheDir = await mkdtemp(join(tmpdir(), 'slipway-docs-cache-'));
    shop = await repos.create('shop', files);
    const loaded = loadConfig({ env: {} });
    const config = {
      ...loaded,
      catalog: { ...loaded.catalog, allowFileUrls: true, fileRoots: [tmpdir()], refreshIntervalSeconds: 0 },
    };
    platform = await assemblePlatform({ config, db: getDb().db, kube: null, keyRing: null, catalogCacheDir: cacheDir });
    app = await buildApp({ config, database: getDb(), kube: null, platform });
    const user = await ensureUser(getDb().db, 'reader');
    await ensureGlobalRole(getDb().db, 'reader', 'admin', 'test');
    const { secret } = await createToken(getDb().db, { userId: user.id, name: 't', scopes: ['read', 'write'] });
    auth = { authorization: `Bearer ${secret}` };
  });
  after(async () => {
    await platform.stop();
    await app.close();
    await repos.dispose();
    await rm(cacheDir, { recursive: true, force: true });
  });

  const get = (url: string) => app.inject({ method: 'GET', url, headers: auth });
  const page = async (path: string) => {
    const res = await get(`${base}/${path}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { path: string; title: string; html: string };
  };

  it('reads the Markdown of the docs folder when the location is ingested', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/catalog/locations',
      headers: auth,
      payload: { type: 'git', target: shop.url, ref: 'main' },
    });
    assert.equal(res.statusCode, 201, res.body);
    locationId = res.json().location.id;
    const list = await get(base);
    assert.equal(list.statusCode, 200, list.body);
    assert.deepEqual(list.json().items, [
      { path: 'guides/setup.md', title: 'Setting up' },
      { path: 'hostile.md', title: 'Hostile' },
      { path: 'index.md', title: 'Web shop' },
    ]);
  });

  it('rewrites links between pages to their API paths', async () => {
    const index = await page('index.md');
    assert.match(index.html, new RegExp(`<a href="${base}/guides/setup.md#install">setup guide</a>`));
    const setup = await page('guides/setup.md');
    assert.equal(setup.title, 'Setting up');
    assert.match(setup.html, new RegExp(`<a href="${base}/index.md">home</a>`));
  });

  it('serves sanitised HTML: no scripts, handlers, frames or javascript: links', async () => {
    const { html } = await page('hostile.md');
    // Markdown renders raw HTML as text: escaped, never an element or attribute.
    for (const banned of [/<script/i, /<[^>]*\sonerror=/i, /<iframe/i, /href="javascript:/i, /src="javascript:/i])
      assert.doesNotMatch(html, banned);
    assert.match(html, /<a href="https:\/\/example.com\/a" rel="noopener noreferrer">ok<\/a>/);
    assert.match(html, /<img src="img\/p.png" alt="local" \/>/);
    assert.doesNotMatch(html, /insecure\.example/);
    // Raw HTML is shown as text, escaped, never as markup.
    assert.match(html, /&lt;script&gt;/);
  });

  it('sanitises HTML that reaches it, whatever made it', () => {
    const html = sanitiseDocsHtml(
      [
        '<script>alert(1)</script><style>p{}</style><iframe src="https://evil.example"></iframe>',
        '<img src="x.png" onerror="alert(1)"><img src="http://a.example/x.png"><img src="data:image/png;base64,AA">',
        '<a href="javascript:alert(1)">j</a><a href="//evil.example">p</a><a href="mailto:a@b.example" onclick="x()">m</a>',
        '<p style="color:red" class="x">t</p><code class="language-ts">c</code>',
      ].join(''),
    );
    assert.equal(
      html,
      '<img src="x.png" /><img /><img /><a>j</a><a>p</a><a href="mailto:a@b.example">m</a><p>t</p><code class="language-ts">c</code>',
    );
  });

  it('finds pages by their words, with the entity and a snippet', async () => {
    const res = await get('/api/v1/catalog/docs/search?q=zanzibar');
    assert.equal(res.statusCode, 200, res.body);
    const [hit, ...rest] = res.json().items;
    assert.equal(rest.length, 0);
    assert.equal(hit.entityRef, 'component:default/web');
    assert.equal(hit.path, 'guides/setup.md');
    assert.equal(hit.title, 'Setting up');
    assert.match(hit.snippet, /«zanzibar»/);
    const none = await get('/api/v1/catalog/docs/search?q=alert');
    // Only what Markdown shows as text is searchable: the escaped tags are words like any.
    assert.ok(none.json().items.every((h: { snippet: string }) => !/<script/.test(h.snippet)));
    assert.equal((await get('/api/v1/catalog/docs/search?q=%21%21')).statusCode, 400);
  });

  it('drops pages a later commit removes and rewrites only changed ones', async () => {
    const stamps = async () =>
      new Map(
        (await getDb().db.selectFrom('catalog_docs').select(['path', 'updated_at']).execute()).map((r) => [
          r.path,
          r.updated_at.getTime(),
        ]),
      );
    const before = await stamps();
    await shop.commit({ 'docs/guides/setup.md': null });
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/catalog/locations/${locationId}/refresh`,
      headers: auth,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(
      (await get(base)).json().items.map((p: { path: string }) => p.path),
      ['hostile.md', 'index.md'],
    );
    assert.equal((await get(`${base}/guides/setup.md`)).statusCode, 404);
    const after = await stamps();
    // The link to the vanished page is left as written, so index.md changed and was rewritten.
    assert.notEqual(after.get('index.md'), before.get('index.md'));
    assert.equal(after.get('hostile.md'), before.get('hostile.md'));
    assert.deepEqual((await get('/api/v1/catalog/docs/search?q=zanzibar')).json().items, []);
  });

  it('answers 404 with a hint for an entity without docs', async () => {
    for (const url of [
      '/api/v1/catalog/entities/component/default/bare/docs',
      '/api/v1/catalog/entities/component/default/bare/docs/index.md',
    ]) {
      const res = await get(url);
      assert.equal(res.statusCode, 404, res.body);
      assert.match(res.json().hint ?? JSON.stringify(res.json()), /docs\//);
    }
  });
});
