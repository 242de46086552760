import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/load.ts';
import { createToken } from '../../src/db/stores/api-tokens.ts';
import { advanceRelease, createRelease } from '../../src/db/stores/releases.ts';
import { ensureGlobalRole } from '../../src/db/stores/role-bindings.ts';
import { ensureService } from '../../src/db/stores/services.ts';
import { ensureUser } from '../../src/db/stores/users.ts';
import { buildApp } from '../../src/http/app.ts';
import { insertEntities, insertLocation, sampleCatalog, type TestEntity, teamA } from '../harness/catalog-rows.ts';
import { describeEachDatabase } from '../harness/databases.ts';
import { storeEnvironment } from '../harness/environments.ts';

const nameOf = (ref: string) => ref.slice(ref.indexOf('/') + 1);
/** A cursor in the server's own encoding, with fields it would never write. */
const forged = (fields: Record<string, unknown>) =>
  Buffer.from(JSON.stringify({ filter: [], order: [], offset: 50, ...fields })).toString('base64url');
// The shared sample, with checkout's dependency on a missing component recorded as its problem.
const entities: TestEntity[] = sampleCatalog.map((e) =>
  e.name === 'checkout'
    ? { ...e, errors: [{ path: '/spec/dependsOn/0', message: 'component:default/ledger is not in the catalog' }] }
    : e,
);

describeEachDatabase('catalog queries', (getDb) => {
  let app: FastifyInstance;
  let token: string;
  const get = (url: string) => app.inject({ url, headers: { authorization: `Bearer ${token}` } });
  const ok = async (url: string) => {
    const res = await get(url);
    assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    return res.json();
  };
  const names = (items: Array<{ name?: string; metadata?: { name: string } }>) =>
    items.map((i) => i.name ?? i.metadata?.name);

  before(async () => {
    const db = getDb().db;
    app = await buildApp({
      config: loadConfig({ env: { SLIPWAY_DATA_DIR: 'memory://' } }),
      database: getDb(),
      kube: null,
    });
    const user = await ensureUser(db, 'reader');
    await ensureGlobalRole(db, 'reader', 'viewer', 'test');
    token = (await createToken(db, { userId: user.id, name: 't', scopes: ['read'] })).secret;
    await insertEntities(db, await insertLocation(db), entities);
  });
  after(() => app.close());

  it('filters: values of one field are alternatives, fields all apply, case does not matter', async () => {
    const own = await ok('/api/v1/catalog/entities?kind=component&owner=team-a');
    assert.deepEqual(names(own.items), ['payments-api', 'payments-worker']);
    assert.equal(own.totalItems, 2);
    // An owner's full reference finds the same; kinds in one parameter or repeated.
    assert.equal((await ok(`/api/v1/catalog/entities?kind=Component&owner=${teamA}`)).totalItems, 2);
    const either = await ok('/api/v1/catalog/entities?kind=api,resource&owner=team-a');
    assert.deepEqual(names(either.items), ['payments-db', 'payments-rest']);
    assert.deepEqual(names((await ok('/api/v1/catalog/entities?kind=API&kind=System')).items), [
      'payments',
      'payments-rest',
    ]);
    const live = await ok('/api/v1/catalog/entities?type=service&lifecycle=production');
    assert.deepEqual(names(live.items), ['checkout', 'payments-api']);
    assert.deepEqual(names((await ok('/api/v1/catalog/entities?tag=java&tag=react')).items), [
      'payments-api',
      'payments-worker',
      'web-frontend',
    ]);
    assert.deepEqual(names((await ok('/api/v1/catalog/entities?system=payments&kind=component')).items), [
      'payments-api',
      'payments-worker',
    ]);
    const checkout = (await ok('/api/v1/catalog/entities?kind=component&type=service&owner=team-b')).items[0];
    assert.equal(checkout.errorCount, 1);
  });

  it('counts facets under the current filter', async () => {
    const res = await ok('/api/v1/catalog/entities?owner=team-a&facets=kind,lifecycle,tag&limit=1');
    assert.equal(res.items.length, 1);
    assert.equal(res.totalItems, 5);
    assert.deepEqual(res.facets.kind, [
      { value: 'component', count: 2 },
      { value: 'api', count: 1 },
      { value: 'resource', count: 1 },
      { value: 'system', count: 1 },
    ]);
    assert.deepEqual(res.facets.lifecycle, [
      { value: 'production', count: 2 },
      { value: 'experimental', count: 1 },
    ]);
    assert.deepEqual(res.facets.tag, [
      { value: 'java', count: 2 },
      { value: 'payments', count: 1 },
      { value: 'postgres', count: 1 },
    ]);
  });

  it('searches full text, best match first, the last word as a prefix', async () => {
    const res = await ok('/api/v1/catalog/entities?q=payments');
    // The name weighs most: entities named payments-* come before those that only mention it.
    const ranked = names(res.items);
    assert.ok(ranked.indexOf('payments-api') < ranked.indexOf('web-frontend'), ranked.join());
    assert.ok(ranked.includes('web-frontend'));
    assert.ok(!ranked.includes('checkout'));
    assert.deepEqual(names((await ok('/api/v1/catalog/entities?q=settles%20paym')).items), ['payments-worker']);
    assert.deepEqual(names((await ok('/api/v1/catalog/entities?q=payments&kind=api')).items), ['payments-rest']);
    assert.equal((await ok('/api/v1/catalog/entities?q=%22no%20such%20thing%22')).totalItems, 0);
  });

  it('pages through everything without duplicates or gaps', async () => {
    const seen: string[] = [];
    let url = '/api/v1/catalog/entities?limit=7';
    let total = 0;
    for (let pages = 0; pages < 20; pages++) {
      const res = await ok(url);
      total = res.totalItems;
      seen.push(...res.items.map((i: { ref: string }) => i.ref));
      if (!res.nextCursor) break;
      url = `/api/v1/catalog/entities?limit=7&cursor=${encodeURIComponent(res.nextCursor)}`;
    }
    assert.equal(total, entities.length);
    assert.equal(seen.length, entities.length);
    assert.equal(new Set(seen).size, entities.length);
    assert.deepEqual(
      seen,
      [...seen].sort((a, b) => nameOf(a).localeCompare(nameOf(b))),
    );
  });

  it('shows one entity with its relations both ways, titles, and problems', async () => {
    const api = await ok('/api/v1/catalog/entities/component/default/payments-api');
    assert.equal(api.ref, 'component:default/payments-api');
    assert.equal(api.entity.metadata.name, 'payments-api');
    const relation = (type: string) => api.relations.filter((r: { type: string }) => r.type === type);
    assert.deepEqual(relation('ownedBy'), [{ type: 'ownedBy', targetRef: teamA, kind: 'Group', title: 'Team A' }]);
    // checkout depends on it: the inverse row shows here.
    assert.deepEqual(
      relation('dependencyOf').map((r: { targetRef: string }) => r.targetRef),
      ['component:default/checkout'],
    );
    assert.equal(api.deployments, undefined);
    const checkout = await ok('/api/v1/catalog/entities/Component/default/checkout');
    assert.deepEqual(checkout.errors, [
      { path: '/spec/dependsOn/0', message: 'component:default/ledger is not in the catalog' },
    ]);
  });

  it('links a Component Slipway deploys to its environments and current releases', async () => {
    const db = getDb().db;
    const service = await ensureService(db, 'payments-worker');
    const environment = await storeEnvironment(db, {
      name: 'development',
      type: 'development',
      namespace: 'dev',
      routeKind: 'Ingress',
      defaults: { replicas: 1, progressDeadlineSeconds: 60 },
    });
    const release = (image: string) =>
      createRelease(db, {
        serviceId: service.id,
        environmentId: environment.id,
        contentHash: `sha256:${image}`,
        image,
        commitSha: null,
        createdBy: 'test',
        reason: null,
        workload: {},
        objects: [],
      });
    const first = await release('worker:1');
    await advanceRelease(db, first.id, ['queued'], { status: 'healthy', startedAt: new Date() });
    const second = await release('worker:2');
    await advanceRelease(db, second.id, ['queued'], { status: 'failed', startedAt: new Date() });
    const detail = await ok('/api/v1/catalog/entities/component/default/payments-worker');
    assert.deepEqual(detail.deployments, {
      service: 'payments-worker',
      environments: [
        {
          name: 'development',
          type: 'development',
          current: { id: first.id, number: 1, status: 'healthy', image: 'worker:1' },
        },
      ],
    });
  });

  it('answers 404 naming the entity, and 400 naming the bad parameter', async () => {
    const missing = await get('/api/v1/catalog/entities/component/default/nope');
    assert.equal(missing.statusCode, 404);
    assert.match(missing.json().error.message, /component:default\/nope/);
    const bad: Array<[string, string]> = [
      ['/api/v1/catalog/entities?limit=0', '/limit'],
      ['/api/v1/catalog/entities?facets=kind,colour', '/facets'],
      ['/api/v1/catalog/entities?cursor=not-a-cursor', '/cursor'],
      // Well-formed cursors no server handed out: a total that is not a count, a start that is not an entity.
      [`/api/v1/catalog/entities?cursor=${forged({ totalItems: 'many' })}`, '/cursor'],
      [`/api/v1/catalog/entities?cursor=${forged({ totalItems: -1 })}`, '/cursor'],
      [`/api/v1/catalog/entities?cursor=${forged({ after: 7, totalItems: 3 })}`, '/cursor'],
      ['/api/v1/catalog/entities?colour=red', ''],
      ['/api/catalog/entities/by-query?orderField=metadata.name,sideways', '/orderField'],
      ['/api/catalog/entities/by-query?filter=ki%20nd=component', '/filter/0'],
      // Past PostgreSQL's bigint (the fuzz run's case): refused here, not a 500 from the database.
      ['/api/catalog/entities/by-query?offset=318023910684461039616', '/offset'],
      ['/api/catalog/entities?offset=318023910684461039616', '/offset'],
      ['/api/catalog/entity-facets?facet=spec.type&facet=%27;drop', '/facet/1'],
    ];
    for (const [url, path] of bad) {
      const res = await get(url);
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      assert.equal(res.json().error.code, 'invalid_input');
      if (path)
        assert.ok(
          res.json().error.fields.some((f: { path: string }) => f.path === path),
          `${url}: ${res.body}`,
        );
    }
  });

  it('serves Backstage by-query: filters, fields, full text, cursors', async () => {
    const first = await ok('/api/catalog/entities/by-query?filter=kind=component,spec.type=service&limit=2');
    assert.equal(first.totalItems, 3);
    assert.deepEqual(names(first.items), ['checkout', 'payments-api']);
    assert.equal(first.items[1].apiVersion, 'backstage.io/v1alpha1');
    assert.ok(
      first.items[1].relations.some(
        (r: { type: string; targetRef: string }) => r.type === 'ownedBy' && r.targetRef === teamA,
      ),
    );
    assert.ok(first.pageInfo.nextCursor);
    const second = await ok(
      `/api/catalog/entities/by-query?cursor=${encodeURIComponent(first.pageInfo.nextCursor)}&limit=2`,
    );
    assert.deepEqual(names(second.items), ['payments-worker']);
    assert.equal(second.pageInfo.nextCursor, undefined);
    assert.ok(second.pageInfo.prevCursor);
    // Alternatives: each filter parameter is one; an annotation key keeps its dots.
    const alternatives = await ok(
      '/api/catalog/entities/by-query?filter=kind=api&filter=metadata.annotations.backstage.io/techdocs-ref&fields=metadata.name,kind',
    );
    assert.deepEqual(alternatives.items, [
      { kind: 'Component', metadata: { name: 'payments-api' } },
      { kind: 'API', metadata: { name: 'payments-rest' } },
    ]);
    const ordered = await ok(
      '/api/catalog/entities/by-query?filter=kind=group&orderField=metadata.name,desc&fields=metadata.name',
    );
    assert.deepEqual(names(ordered.items), ['team-b', 'team-a']);
    const text = await ok('/api/catalog/entities/by-query?fullTextFilterTerm=FRONT&fullTextFilterFields=metadata.name');
    assert.deepEqual(names(text.items), ['web-frontend']);
    const relations = await ok(`/api/catalog/entities/by-query?filter=relations.ownedBy=${teamA},kind=component`);
    assert.equal(relations.totalItems, 2);
  });

  it('serves Backstage by-name, by-refs, facets and the plain list', async () => {
    const entity = await ok('/api/catalog/entities/by-name/component/default/payments-api');
    assert.equal(entity.metadata.name, 'payments-api');
    assert.ok(entity.metadata.uid);
    assert.deepEqual(
      entity.relations.find((r: { type: string }) => r.type === 'partOf'),
      { type: 'partOf', targetRef: 'system:default/payments' },
    );
    assert.equal((await get('/api/catalog/entities/by-name/component/default/nope')).statusCode, 404);

    const facets = await ok(
      '/api/catalog/entity-facets?facet=kind&facet=spec.lifecycle&facet=metadata.tags&filter=spec.owner=team-a',
    );
    assert.deepEqual(facets.facets['spec.lifecycle'], [
      { value: 'production', count: 2 },
      { value: 'experimental', count: 1 },
    ]);
    assert.equal(facets.facets['metadata.tags'].length, 3);
    // Backstage counts values as written in the documents.
    assert.deepEqual(facets.facets.kind[0], { value: 'Component', count: 2 });
    const annotation = await ok('/api/catalog/entity-facets?facet=metadata.annotations.backstage.io/techdocs-ref');
    assert.deepEqual(annotation.facets['metadata.annotations.backstage.io/techdocs-ref'], [
      { value: 'dir:.', count: 1 },
    ]);

    const byRefs = await app.inject({
      method: 'POST',
      url: '/api/catalog/entities/by-refs',
      // A read sent as POST, as Backstage's client does: a read-scoped token suffices.
      headers: { authorization: `Bearer ${token}` },
      payload: {
        entityRefs: ['api:default/payments-rest', 'component:default/nope', 'group:team-a'],
        fields: ['kind'],
      },
    });
    assert.equal(byRefs.statusCode, 200, byRefs.body);
    assert.deepEqual(byRefs.json().items, [{ kind: 'API' }, null, { kind: 'Group' }]);

    const list = await ok('/api/catalog/entities?filter=kind=system&fields=metadata.name');
    assert.deepEqual(list, [{ metadata: { name: 'payments' } }]);
  });

  it('refuses callers without a token', async () => {
    for (const url of ['/api/v1/catalog/entities', '/api/catalog/entities/by-query']) {
      assert.equal((await app.inject({ url })).statusCode, 401);
    }
  });
});
