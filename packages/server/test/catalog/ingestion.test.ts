import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { sign } from '@octokit/webhooks-methods';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { assemblePlatform, type Platform } from '../../src/assemble.ts';
import { checkLocationTarget } from '../../src/catalog/url-policy.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createToken } from '../../src/db/stores/api-tokens.ts';
import { ensureGlobalRole } from '../../src/db/stores/role-bindings.ts';
import { ensureUser } from '../../src/db/stores/users.ts';
import { buildApp } from '../../src/http/app.ts';
import { describeEachDatabase } from '../harness/databases.ts';
import { entityYaml as e, type FixtureRepo, fixtureRepos } from '../harness/git-repos.ts';

const secret = 'catalog-webhook-secret-0123456789';
const docs = (...items: string[]) => items.join('\n---\n');

// The organisation: groups, users and a domain, pulled in through a Location entity.
const orgFiles = {
  'catalog-info.yaml': e('Location', 'org', { targets: ['./teams/groups.yaml', './teams/people.yaml'] }),
  'teams/groups.yaml': docs(
    e('Group', 'platform-team', { type: 'team', children: ['web-team'] }),
    e('Group', 'web-team', { type: 'team', parent: 'platform-team', members: ['ada'] }),
    e('Domain', 'commerce', { owner: 'platform-team' }),
  ),
  'teams/people.yaml': e('User', 'ada', { memberOf: ['platform-team'] }),
};

const web = e('Component', 'web', {
  type: 'website',
  lifecycle: 'production',
  owner: 'web-team',
  system: 'shop',
  providesApis: ['web-api'],
  consumesApis: ['payments-api'],
  dependsOn: ['resource:shop-db'],
});
const webCart = e('Component', 'web-cart', {
  type: 'service',
  lifecycle: 'production',
  owner: 'web-team',
  subcomponentOf: 'web',
});
const shopFiles = {
  'catalog-info.yaml': docs(
    e('System', 'shop', { owner: 'web-team', domain: 'commerce' }),
    web,
    webCart,
    e('API', 'web-api', {
      type: 'openapi',
      lifecycle: 'production',
      owner: 'web-team',
      system: 'shop',
      definition: 'openapi: 3.0.0',
    }),
    e('Resource', 'shop-db', { type: 'database', owner: 'platform-team', system: 'shop' }),
    e('Template', 'node-service', {
      type: 'service',
      owner: 'platform-team',
      steps: [{ id: 'fetch', action: 'fetch:template' }],
    }),
  ),
  'services/bad.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: [unclosed\n',
  // A "billion laughs" file: 9^6 strings from a few hundred bytes, through aliases.
  'services/bomb.yaml': [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata: { name: bomb }',
    'spec:',
    '  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
    ...['b', 'c', 'd', 'e', 'f'].map((k, i) => {
      const prev = 'abcde'[i];
      return `  ${k}: &${k} [${Array(9).fill(`*${prev}`).join(', ')}]`;
    }),
  ].join('\n'),
  'services/invalid.yaml': docs(
    e('Component', 'no-lifecycle', { type: 'service', owner: 'web-team' }),
    e('Component', 'Bad Name!', { type: 'service', lifecycle: 'x', owner: 'web-team' }),
  ),
  'services/orphan.yaml': e('Component', 'orphan', { type: 'service', lifecycle: 'experimental', owner: 'ghost-team' }),
  'services/billing/a.yaml': e('Component', 'billing', { type: 'service', lifecycle: 'production', owner: 'web-team' }),
  'README.md': '# not read',
};
const paymentsFiles = {
  'catalog-info.yaml': docs(
    e('API', 'payments-api', {
      type: 'grpc',
      lifecycle: 'production',
      owner: 'web-team',
      definition: 'syntax = "proto3";',
    }),
    // Also claimed by the shop repository, which was registered first.
    e('Component', 'web', { type: 'service', lifecycle: 'production', owner: 'platform-team' }),
  ),
};

describeEachDatabase('catalog ingestion from Git', (getDb) => {
  let repos: Awaited<ReturnType<typeof fixtureRepos>>;
  let cacheDir: string;
  let platform: Platform;
  let app: FastifyInstance;
  let auth: { authorization: string };
  let org: FixtureRepo;
  let shop: FixtureRepo;
  let payments: FixtureRepo;
  const ids: Record<string, string> = {};

  before(async () => {
    repos = await fixtureRepos();
    cacheDir = await mkdtemp(join(tmpdir(), 'slipway-catalog-cache-'));
    [org, shop, payments] = await Promise.all([
      repos.create('org', orgFiles),
      repos.create('shop', shopFiles),
      repos.create('payments', paymentsFiles),
    ]);
    const base = loadConfig({ env: {} });
    const config = {
      ...base,
      catalog: {
        ...base.catalog,
        allowFileUrls: true,
        fileRoots: [tmpdir()],
        webhookSecret: secret,
        refreshIntervalSeconds: 0,
      },
    };
    platform = await assemblePlatform({ config, db: getDb().db, kube: null, keyRing: null, catalogCacheDir: cacheDir });
    app = await buildApp({ config, database: getDb(), kube: null, platform });
    const user = await ensureUser(getDb().db, 'cataloguer');
    await ensureGlobalRole(getDb().db, 'cataloguer', 'admin', 'test');
    const { secret: token } = await createToken(getDb().db, { userId: user.id, name: 't', scopes: ['read', 'write'] });
    auth = { authorization: `Bearer ${token}` };
  });
  after(async () => {
    await platform.stop();
    await app.close();
    await repos.dispose();
    await rm(cacheDir, { recursive: true, force: true });
  });

  const api = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url: `/api/v1${url}`, headers: auth, ...(payload ? { payload } : {}) });
  const db = () => getDb().db;
  const entity = (ref: string) =>
    db().selectFrom('catalog_entities').selectAll().where('ref', '=', ref).executeTakeFirst();
  const relations = async (ref: string) =>
    (await db().selectFrom('catalog_relations').select(['type', 'target_ref']).where('source_ref', '=', ref).execute())
      .map((r) => `${r.type} ${r.target_ref}`)
      .sort();
  // The relation rows an entity owns (those it declared and their inverses), by its uid.
  const ownedRows = async (id: string | undefined) =>
    (await sql<{ n: number }>`select count(*)::int as n from catalog_relations where origin_id = ${id}`.execute(db()))
      .rows[0]?.n ?? 0;
  // Relation rows whose owning entity is gone: a deleted entity takes its rows with it.
  const orphanRelations = async () =>
    (
      await sql<{ n: number }>`select count(*)::int as n from catalog_relations r
        where not exists (select 1 from catalog_entities e where e.id = r.origin_id)`.execute(db())
    ).rows[0]?.n;

  it('registers git locations and reads every kind, following Location targets', async () => {
    for (const [name, repo, paths] of [
      ['org', org, undefined],
      ['shop', shop, ['catalog-info.yaml', 'services/**/*.yaml']],
      ['payments', payments, undefined],
    ] as const) {
      const res = await api('POST', '/catalog/locations', {
        type: 'git',
        target: repo.url,
        ...(paths ? { paths } : {}),
      });
      assert.equal(res.statusCode, 201, res.body);
      ids[name] = res.json().location.id;
    }
    const counts = await db()
      .selectFrom('catalog_entities')
      .select(['kind'])
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .groupBy('kind')
      .orderBy('kind')
      .execute();
    assert.deepEqual(Object.fromEntries(counts.map((c) => [c.kind, Number(c.n)])), {
      api: 2,
      component: 5,
      domain: 1,
      group: 2,
      location: 1,
      resource: 1,
      system: 1,
      template: 1,
      user: 1,
    });
    const detail = (await api('GET', `/catalog/locations/${ids.org}`)).json();
    assert.equal(detail.entities, 5);
    assert.equal(detail.location.status, 'ok');
    assert.match(detail.location.revision, /^[0-9a-f]{40}$/);
  });

  it('derives the relation graph in both directions', async () => {
    assert.deepEqual(await relations('component:default/web'), [
      'consumesApi api:default/payments-api',
      'dependsOn resource:default/shop-db',
      'hasPart component:default/web-cart',
      'ownedBy group:default/web-team',
      'partOf system:default/shop',
      'providesApi api:default/web-api',
    ]);
    const team = await relations('group:default/web-team');
    for (const r of [
      'childOf group:default/platform-team',
      'hasMember user:default/ada',
      'ownerOf component:default/web',
      'ownerOf system:default/shop',
    ])
      assert.ok(team.includes(r), `${r} in ${team}`);
    assert.ok((await relations('group:default/platform-team')).includes('parentOf group:default/web-team'));
    assert.deepEqual(await relations('user:default/ada'), [
      'memberOf group:default/platform-team',
      'memberOf group:default/web-team',
    ]);
    assert.ok((await relations('api:default/payments-api')).includes('apiConsumedBy component:default/web'));
    assert.ok((await relations('api:default/web-api')).includes('apiProvidedBy component:default/web'));
    assert.ok((await relations('resource:default/shop-db')).includes('dependencyOf component:default/web'));
    assert.ok((await relations('system:default/shop')).includes('partOf domain:default/commerce'));
    assert.ok((await relations('domain:default/commerce')).includes('hasPart system:default/shop'));
  });

  it('shows each problem where it belongs and keeps reading the rest', async () => {
    // web's consumed API came with a later location: the relation was re-checked then.
    assert.deepEqual((await entity('component:default/web'))?.errors, []);
    const orphan = await entity('component:default/orphan');
    assert.deepEqual(
      orphan?.errors.map((i) => [i.path, i.message]),
      [['/spec/owner', 'group:default/ghost-team is not in the catalog']],
    );
    const invalid = await entity('component:default/no-lifecycle');
    assert.equal(invalid?.errors[0]?.path, '/spec');
    assert.match(invalid?.errors[0]?.message ?? '', /lifecycle/);

    const shopErrors = (await api('GET', `/catalog/locations/${ids.shop}`)).json().errors;
    assert.deepEqual(shopErrors.map((x: { kind: string; sourcePath: string }) => `${x.kind} ${x.sourcePath}`).sort(), [
      'invalid services/invalid.yaml',
      'yaml services/bad.yaml',
      'yaml services/bomb.yaml',
    ]);
    const bomb = shopErrors.find((x: { sourcePath: string }) => x.sourcePath === 'services/bomb.yaml');
    assert.match(bomb.message, /alias/i);
    assert.equal(await entity('component:default/bomb'), undefined);
    const conflicts = (await api('GET', `/catalog/locations/${ids.payments}`)).json().errors;
    assert.equal(conflicts.length, 1);
    assert.equal(conflicts[0].kind, 'conflict');
    assert.equal(conflicts[0].entityRef, 'component:default/web');
    assert.ok(conflicts[0].message.includes(shop.url), conflicts[0].message);
    // The first location keeps it, untouched.
    assert.equal((await entity('component:default/web'))?.location_id, ids.shop);
    assert.equal((await entity('component:default/web'))?.type, 'website');
  });

  it('an unchanged source writes nothing', async () => {
    const before = await db()
      .selectFrom('catalog_entities')
      .select(['ref', 'updated_at', 'id'])
      .orderBy('ref')
      .execute();
    assert.equal((await platform.catalog.refreshLocation(ids.shop as string)).result, 'unchanged');
    const forced = await platform.catalog.refreshLocation(ids.shop as string, { force: true });
    assert.deepEqual(forced.writes && { ...forced.writes, deleted: forced.writes.deleted.length }, {
      inserted: 0,
      updated: 0,
      deleted: 0,
      unchanged: 9,
      conflicts: 0,
    });
    const outcomes = await platform.catalog.refreshAll();
    assert.ok(outcomes.every((o) => o.result === 'unchanged'));
    const after = await db()
      .selectFrom('catalog_entities')
      .select(['ref', 'updated_at', 'id'])
      .orderBy('ref')
      .execute();
    assert.deepEqual(after, before);
  });

  it('follows moves and removals, keeping uids', async () => {
    const billing = await entity('component:default/billing');
    const cart = await entity('component:default/web-cart');
    assert.ok((await ownedRows(cart?.id)) > 0);
    await shop.commit({
      'services/billing/a.yaml': null,
      'services/billing/b.yaml': e('Component', 'billing', {
        type: 'service',
        lifecycle: 'production',
        owner: 'web-team',
      }),
      'catalog-info.yaml': shopFiles['catalog-info.yaml'].replace(`---\n${webCart}\n`, ''),
    });
    const outcome = await platform.catalog.refreshLocation(ids.shop as string);
    assert.equal(outcome.result, 'refreshed');
    assert.deepEqual(outcome.writes?.deleted, ['component:default/web-cart']);
    const moved = await entity('component:default/billing');
    assert.equal(moved?.source_path, 'services/billing/b.yaml');
    assert.equal(moved?.id, billing?.id);
    assert.equal((moved?.entity as { metadata?: { uid?: string } } | undefined)?.metadata?.uid, billing?.id);
    assert.equal(await entity('component:default/web-cart'), undefined);
    assert.ok(!(await relations('component:default/web')).includes('hasPart component:default/web-cart'));
    assert.equal(await ownedRows(cart?.id), 0);
    assert.equal(await orphanRelations(), 0);
  });

  it('a signed push webhook refreshes the pushed repository; a bad signature is refused', async () => {
    await payments.commit({
      'catalog-info.yaml': e('API', 'payments-api', {
        type: 'grpc',
        lifecycle: 'deprecated',
        owner: 'web-team',
        definition: 'x',
      }),
    });
    const body = JSON.stringify({
      ref: 'refs/heads/main',
      repository: { clone_url: payments.url, default_branch: 'main' },
    });
    const push = (signature: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/webhooks/catalog',
        headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-hub-signature-256': signature },
        payload: body,
      });
    assert.equal((await push(await sign('not-the-secret-at-all', body))).statusCode, 401);
    assert.equal((await entity('api:default/payments-api'))?.lifecycle, 'production');
    const res = await push(await sign(secret, body));
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().locations[0].id, ids.payments);
    assert.equal((await entity('api:default/payments-api'))?.lifecycle, 'deprecated');
    // The conflict went away with the file that claimed web.
    assert.deepEqual((await api('GET', `/catalog/locations/${ids.payments}`)).json().errors, []);
  });

  it('deleting a location removes its entities and shows the dangling relations', async () => {
    const paymentsApi = await entity('api:default/payments-api');
    assert.ok((await ownedRows(paymentsApi?.id)) > 0);
    assert.equal((await api('DELETE', `/catalog/locations/${ids.payments}`)).statusCode, 204);
    assert.equal(await entity('api:default/payments-api'), undefined);
    // The rows it owned went with it (location, entities, relations: a cascade in turn).
    assert.equal(await ownedRows(paymentsApi?.id), 0);
    assert.equal(await orphanRelations(), 0);
    const web = await entity('component:default/web');
    assert.deepEqual(
      web?.errors.map((i) => i.path),
      ['/spec/consumesApis/0'],
    );
    assert.equal((await api('GET', `/catalog/locations/${ids.payments}`)).statusCode, 404);
  });

  it('refuses locations that would reach internal addresses or run commands', async () => {
    for (const [type, target] of [
      ['url', 'http://127.0.0.1:7420/catalog-info.yaml'],
      ['url', 'http://localhost/catalog-info.yaml'],
      ['git', 'https://169.254.169.254/latest/meta-data.git'],
      ['git', 'ext::sh -c touch% /tmp/pwned'],
      ['git', 'http://github.com/acme/repo.git'],
    ] as const) {
      const res = await api('POST', '/catalog/locations', { type, target });
      assert.equal(res.statusCode, 400, `${target}: ${res.body}`);
      assert.equal(res.json().error.fields[0].path, '/target');
    }
    await assert.rejects(
      checkLocationTarget('git', shop.url, { allowedHosts: [], allowFileUrls: false }),
      /file:\/\/ locations are turned off/,
    );
    await checkLocationTarget('url', 'http://127.0.0.1/x.yaml', { allowedHosts: ['127.0.0.1'], allowFileUrls: false });
  });

  it('resolves $text, $json and $yaml placeholders from the same commit; a bad one leaves out only its entity', async () => {
    const apiYaml = (name: string, extra: string) =>
      `apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: ${name}\n${extra}`;
    const spec = (definition: string) =>
      `spec:\n  type: openapi\n  lifecycle: production\n  owner: web-team\n  definition: ${definition}\n`;
    const orders = 'openapi: 3.0.0\ninfo: { title: Orders, version: "1.0" }\npaths: {}\n';
    const repo = await repos.create('placeholders', {
      'catalog-info.yaml': docs(
        apiYaml(
          'orders-api',
          '  links: { $json: ./specs/links.json }\n  annotations: { $yaml: ./specs/annotations.yaml }\n' +
            spec('{ $text: ./specs/orders.yaml }'),
        ),
        apiYaml('escapes', spec('{ $text: ../../../etc/passwd }')),
        apiYaml('missing', spec('{ $text: ./specs/missing.yaml }')),
        apiYaml('local-file', spec('{ $text: "file:///etc/passwd" }')),
        apiYaml('internal', spec('{ $text: "http://127.0.0.1:1/openapi.yaml" }')),
        apiYaml('not-json', `  links: { $json: ./specs/orders.yaml }\n${spec('inline')}`),
      ),
      'specs/orders.yaml': orders,
      'specs/links.json': '[{ "url": "https://orders.example.com", "title": "Orders" }]',
      'specs/annotations.yaml': 'example.com/owner-chat: "#orders"\n',
    });
    const res = await api('POST', '/catalog/locations', { type: 'git', target: repo.url });
    assert.equal(res.statusCode, 201, res.body);
    const resolved = (await entity('api:default/orders-api'))?.entity as {
      metadata: { links: unknown; annotations: Record<string, string> };
      spec: { definition: string };
    };
    assert.equal(resolved.spec.definition, orders);
    assert.deepEqual(resolved.metadata.links, [{ url: 'https://orders.example.com', title: 'Orders' }]);
    assert.equal(resolved.metadata.annotations['example.com/owner-chat'], '#orders');
    // Where it comes from, as Backstage's plugins read it.
    assert.equal(
      resolved.metadata.annotations['backstage.io/managed-by-location'],
      `git:${repo.url}#HEAD:catalog-info.yaml`,
    );
    assert.equal(resolved.metadata.annotations['backstage.io/managed-by-origin-location'], `git:${repo.url}#HEAD`);

    const errors = (await api('GET', `/catalog/locations/${res.json().location.id}`)).json().errors as Array<{
      kind: string;
      message: string;
    }>;
    assert.deepEqual(
      errors.map((x) => x.kind),
      ['fetch', 'fetch', 'fetch', 'fetch', 'fetch'],
    );
    const messages = errors.map((x) => x.message).join('\n');
    assert.match(messages, /\$text \.\.\/\.\.\/\.\.\/etc\/passwd could not be read: it is outside the repository/);
    assert.match(messages, /\$text \.\/specs\/missing\.yaml could not be read: there is no such file/);
    assert.match(
      messages,
      /\$text file:\/\/\/etc\/passwd could not be read: only files of the location and http\(s\) URLs/,
    );
    assert.match(messages, /\$text http:\/\/127\.0\.0\.1:1\/openapi\.yaml could not be read: .*internal address/);
    assert.match(messages, /\$json \.\/specs\/orders\.yaml is not JSON/);
    assert.doesNotMatch(messages, /root:/, "nothing of the server's files is shown");
    for (const name of ['escapes', 'missing', 'local-file', 'internal', 'not-json']) {
      assert.equal(await entity(`api:default/${name}`), undefined, name);
    }
  });
});
