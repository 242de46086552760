import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import { CATALOG_FILTER_EXISTS, CatalogClient, ENTITY_STATUS_CATALOG_PROCESSING_TYPE } from '@backstage/catalog-client';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/load.ts';
import { createToken } from '../../src/db/stores/api-tokens.ts';
import { ensureGlobalRole } from '../../src/db/stores/role-bindings.ts';
import { ensureUser } from '../../src/db/stores/users.ts';
import { buildApp } from '../../src/http/app.ts';
import { insertEntities, insertLocation, sampleCatalog, sampleLibraries, teamA } from '../harness/catalog-rows.ts';
import { describeEachDatabase } from '../harness/databases.ts';

/**
 * Backstage's own catalog client (`@backstage/catalog-client`, as a Backstage plugin or script
 * uses it) against a real Slipway server listening on a port: the requests are the client's,
 * byte for byte, and so is the reading of the answers.
 */
const libraries = sampleLibraries;
const entities = sampleCatalog;
const components = ['checkout', 'payments-api', 'payments-worker', 'web-frontend', ...libraries];
const names = (items: Array<{ metadata: { name: string } }>) => items.map((e) => e.metadata.name);
/** Backstage types `status` on its alpha entity only. */
const statusOf = (entity: unknown) => (entity as { status?: { items?: unknown[] } } | undefined)?.status;
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describeEachDatabase('Backstage catalog client against Slipway', (getDb) => {
  let app: FastifyInstance;
  let client: CatalogClient;
  let anonymous: CatalogClient;
  let locationId: string;
  let locationTarget: string;

  before(async () => {
    const db = getDb().db;
    app = await buildApp({
      config: loadConfig({ env: { SLIPWAY_DATA_DIR: 'memory://' } }),
      database: getDb(),
      kube: null,
    });
    const user = await ensureUser(db, 'backstage');
    await ensureGlobalRole(db, 'backstage', 'viewer', 'test');
    const token = (await createToken(db, { userId: user.id, name: 't', scopes: ['read'] })).secret;
    locationTarget = `https://git.example.com/backstage-client-${randomUUID()}.git`;
    locationId = await insertLocation(db, locationTarget);
    await insertEntities(db, locationId, entities);
    const serverUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    const discoveryApi = { getBaseUrl: async () => `${serverUrl}/api/catalog` };
    client = new CatalogClient({
      discoveryApi,
      fetchApi: {
        fetch: (input, init) =>
          fetch(input, { ...init, headers: { ...(init?.headers as object), authorization: `Bearer ${token}` } }),
      },
    });
    anonymous = new CatalogClient({ discoveryApi, fetchApi: { fetch } });
  });
  after(() => app.close());

  it('getEntities: filter sets, CATALOG_FILTER_EXISTS, fields and order', async () => {
    // Sets are alternatives; keys in a set all apply; values of a key are alternatives; any case.
    const { items } = await client.getEntities({
      filter: [
        { kind: 'component', 'spec.type': ['service', 'website'], 'spec.owner': 'team-b' },
        { kind: 'API', 'metadata.annotations.backstage.io/techdocs-ref': CATALOG_FILTER_EXISTS },
        { kind: 'component', 'metadata.annotations.backstage.io/techdocs-ref': CATALOG_FILTER_EXISTS },
      ],
      fields: ['kind', 'metadata.name', 'spec.owner'],
      order: [
        { field: 'kind', order: 'desc' },
        { field: 'metadata.name', order: 'asc' },
      ],
    });
    assert.deepEqual(items, [
      { kind: 'Component', metadata: { name: 'checkout' }, spec: { owner: 'team-b' } },
      { kind: 'Component', metadata: { name: 'payments-api' }, spec: { owner: 'team-a' } },
      { kind: 'Component', metadata: { name: 'web-frontend' }, spec: { owner: 'team-b' } },
    ]);
    const tagged = await client.getEntities({
      filter: { 'metadata.tags': 'java' },
      fields: ['metadata.name'],
      order: { field: 'metadata.name', order: 'desc' },
    });
    assert.deepEqual(names(tagged.items), ['payments-worker', 'payments-api']);
    // Everything, as whole documents, with no filter or limit.
    const all = await client.getEntities();
    assert.equal(all.items.length, entities.length);
    assert.equal(all.items.find((e) => e.metadata.name === 'payments-rest')?.apiVersion, 'backstage.io/v1alpha1');
    const page = await client.getEntities({
      filter: { kind: 'component' },
      fields: ['metadata.name'],
      order: { field: 'metadata.name', order: 'asc' },
      offset: 2,
      limit: 3,
    });
    assert.deepEqual(names(page.items), [...components].sort(byName).slice(2, 5));
  });

  it('getEntities returns every entity without a limit, past 1000, as Backstage does', async () => {
    const bulk = Array.from({ length: 1010 }, (_, i) => ({
      kind: 'Resource',
      namespace: 'bulk',
      name: `bucket-${String(i).padStart(4, '0')}`,
      spec: { type: 's3-bucket', owner: 'team-b' },
    }));
    await insertEntities(getDb().db, await insertLocation(getDb().db), bulk);
    try {
      const { items } = await client.getEntities({
        filter: { 'metadata.namespace': 'bulk' },
        fields: ['metadata.name'],
      });
      assert.equal(items.length, 1010);
      assert.equal(new Set(names(items)).size, 1010);
      const limited = await client.getEntities({ filter: { 'metadata.namespace': 'bulk' }, limit: 1005 });
      assert.equal(limited.items.length, 1005);
    } finally {
      const db = getDb().db;
      await db.deleteFrom('catalog_entities').where('namespace', '=', 'bulk').execute();
    }
  });

  it('queryEntities: cursor paging through every page, in either order', async () => {
    for (const orderFields of [undefined, { field: 'metadata.name', order: 'desc' } as const]) {
      let response = await client.queryEntities({
        filter: { kind: 'component' },
        fields: ['metadata.name', 'kind'],
        limit: 7,
        ...(orderFields ? { orderFields } : {}),
      });
      const seen = [...names(response.items)];
      assert.equal(response.totalItems, components.length);
      assert.equal(response.pageInfo.prevCursor, undefined, 'the first page has none before it');
      let pages = 1;
      while (response.pageInfo.nextCursor) {
        // As Backstage's: the cursor holds the query, not `fields`, which each request names.
        response = await client.queryEntities({
          cursor: response.pageInfo.nextCursor,
          limit: 7,
          fields: ['metadata.name', 'kind'],
        });
        assert.equal(response.totalItems, components.length, 'every page carries the total');
        assert.ok(response.pageInfo.prevCursor, 'later pages point back');
        assert.ok(
          response.items.every((e) => e.kind === 'Component' && Object.keys(e).join() === 'metadata,kind'),
          'the cursor keeps the filter',
        );
        seen.push(...names(response.items));
        pages++;
        assert.ok(pages <= 10, 'paging ends');
      }
      assert.equal(pages, Math.ceil(components.length / 7));
      const expected = [...components].sort(byName);
      assert.deepEqual(seen, orderFields ? expected.reverse() : expected);
      // The page before the last, from its prevCursor, is the one read before it.
      const back = await client.queryEntities({ cursor: response.pageInfo.prevCursor as string, limit: 7 });
      assert.deepEqual(names(back.items), seen.slice((pages - 2) * 7, (pages - 1) * 7));
    }
    // What the client's streamEntities does with the same endpoint.
    const streamed: string[] = [];
    for await (const page of client.streamEntities({ filter: { kind: 'component' }, pageSize: 10 }))
      streamed.push(...names(page));
    assert.deepEqual(streamed, [...components].sort(byName));
  });

  it('queryEntities: full-text filter over all text or named fields', async () => {
    const anywhere = await client.queryEntities({ fullTextFilter: { term: 'settles' }, fields: ['metadata.name'] });
    assert.deepEqual(names(anywhere.items), ['payments-worker']);
    assert.equal(anywhere.totalItems, 1);
    const named = await client.queryEntities({
      filter: { kind: 'component' },
      fullTextFilter: { term: 'FRONT', fields: ['metadata.name', 'metadata.title'] },
      fields: ['metadata.name'],
    });
    assert.deepEqual(names(named.items), ['web-frontend']);
    const none = await client.queryEntities({ filter: { kind: 'no-such-kind' }, limit: 5 });
    assert.deepEqual(none, { items: [], totalItems: 0, pageInfo: {} });
  });

  it('getEntityByRef: a string or compound ref; undefined when there is none', async () => {
    const entity = await client.getEntityByRef('component:default/payments-api');
    assert.equal(entity?.kind, 'Component');
    assert.equal(entity?.metadata.name, 'payments-api');
    assert.equal(entity?.metadata.namespace, 'default');
    assert.equal(entity?.metadata.annotations?.['backstage.io/techdocs-ref'], 'dir:.');
    assert.match(entity?.metadata.uid ?? '', /^[0-9a-f-]{36}$/);
    assert.deepEqual(entity?.spec, { type: 'service', lifecycle: 'production', owner: 'team-a', system: 'payments' });
    // The namespace defaults, and refs match whatever their case.
    assert.equal((await client.getEntityByRef('Component:Payments-API'))?.metadata.uid, entity?.metadata.uid);
    const group = await client.getEntityByRef({ kind: 'Group', namespace: 'default', name: 'team-a' });
    assert.equal(group?.metadata.title, 'Team A');
    assert.equal(await client.getEntityByRef('component:default/nope'), undefined);
  });

  it('getEntitiesByRefs: the order asked for, undefined where missing, fields and filter', async () => {
    const refs = [
      'api:default/payments-rest',
      'component:default/nope',
      'group:team-a',
      'component:default/payments-api',
      'Component:default/Checkout',
    ];
    const { items } = await client.getEntitiesByRefs({ entityRefs: refs });
    assert.equal(items.length, refs.length);
    assert.deepEqual(
      items.map((e) => e?.metadata.name),
      ['payments-rest', undefined, 'team-a', 'payments-api', 'checkout'],
    );
    assert.equal(items[1], undefined);
    const projected = await client.getEntitiesByRefs({ entityRefs: refs, fields: ['kind', 'metadata.name'] });
    assert.deepEqual(projected.items, [
      { kind: 'API', metadata: { name: 'payments-rest' } },
      undefined,
      { kind: 'Group', metadata: { name: 'team-a' } },
      { kind: 'Component', metadata: { name: 'payments-api' } },
      { kind: 'Component', metadata: { name: 'checkout' } },
    ]);
    // A filter leaves out (undefined) what it does not keep, in place.
    const filtered = await client.getEntitiesByRefs({
      entityRefs: refs,
      fields: ['metadata.name'],
      filter: { kind: 'component' },
    });
    assert.deepEqual(
      filtered.items.map((e) => e?.metadata.name),
      [undefined, undefined, undefined, 'payments-api', 'checkout'],
    );
    assert.deepEqual((await client.getEntitiesByRefs({ entityRefs: [] })).items, []);
  });

  it('getEntityFacets: counts per value as the documents write them, under a filter', async () => {
    const { facets } = await client.getEntityFacets({
      facets: ['kind', 'spec.lifecycle', 'metadata.tags', 'metadata.annotations.backstage.io/techdocs-ref'],
      filter: { 'spec.owner': 'team-a' },
    });
    assert.deepEqual(facets.kind, [
      { value: 'Component', count: 2 },
      { value: 'API', count: 1 },
      { value: 'Resource', count: 1 },
      { value: 'System', count: 1 },
    ]);
    assert.deepEqual(facets['spec.lifecycle'], [
      { value: 'production', count: 2 },
      { value: 'experimental', count: 1 },
    ]);
    assert.deepEqual(facets['metadata.tags'], [
      { value: 'java', count: 2 },
      { value: 'payments', count: 1 },
      { value: 'postgres', count: 1 },
    ]);
    assert.deepEqual(facets['metadata.annotations.backstage.io/techdocs-ref'], [{ value: 'dir:.', count: 1 }]);
    const all = await client.getEntityFacets({ facets: ['spec.type'] });
    assert.deepEqual(all.facets['spec.type']?.[0], { value: 'library', count: 40 });
  });

  it("serves relations in Backstage's shape, { type, targetRef }, both directions, in every answer", async () => {
    const api = await client.getEntityByRef('component:default/payments-api');
    const relations = api?.relations ?? [];
    assert.deepEqual(
      relations.map((r) => `${r.type} ${r.targetRef}`),
      [
        'dependencyOf component:default/checkout',
        `ownedBy ${teamA}`,
        'partOf system:default/payments',
        'providesApi api:default/payments-rest',
      ],
    );
    // Exactly Backstage's EntityRelation: no `target` object, which Backstage stopped sending.
    for (const relation of relations) assert.deepEqual(Object.keys(relation).sort(), ['targetRef', 'type']);
    // The inverse relations are there on the other side, as Backstage's processing writes them.
    const team = await client.getEntityByRef(teamA);
    assert.ok(team?.relations?.some((r) => r.type === 'ownerOf' && r.targetRef === 'component:default/payments-api'));
    // Lists and queries carry the same relations; `fields` can keep them alone.
    const listed = await client.getEntities({
      filter: { 'metadata.name': 'payments-api' },
      fields: ['relations'],
    });
    assert.deepEqual(listed.items, [{ relations }]);
    const queried = await client.queryEntities({ filter: { 'relations.partOf': 'system:default/payments' } });
    assert.deepEqual(names(queried.items), ['payments-api']);
    assert.deepEqual(queried.items[0]?.relations, relations);
  });

  it('getLocationByEntity: the location an entity was read from; none for an entity the catalog lacks', async () => {
    assert.deepEqual(await client.getLocationByEntity('component:default/checkout'), {
      id: locationId,
      type: 'git',
      target: locationTarget,
    });
    assert.deepEqual(await client.getLocationByEntity({ kind: 'Component', namespace: 'default', name: 'checkout' }), {
      id: locationId,
      type: 'git',
      target: locationTarget,
    });
    assert.equal(await client.getLocationByEntity('component:default/nobody'), undefined);
  });

  it('getEntityAncestors: the entity, then the Location entity Backstage would have made for its location', async () => {
    const ancestry = await client.getEntityAncestors({ entityRef: 'component:default/checkout' });
    assert.equal(ancestry.rootEntityRef, 'component:default/checkout');
    assert.equal(ancestry.items.length, 2);
    const [own, parent] = ancestry.items;
    assert.equal(own?.entity.metadata.name, 'checkout');
    // Backstage's name for it: generated- and the SHA-1 of "type:target".
    const name = `generated-${createHash('sha1').update(`git:${locationTarget}`).digest('hex')}`;
    assert.deepEqual(own?.parentEntityRefs, [`location:default/${name}`]);
    assert.deepEqual(parent?.parentEntityRefs, []);
    assert.equal(parent?.entity.kind, 'Location');
    assert.deepEqual(parent?.entity.spec, { type: 'git', target: locationTarget });
    assert.equal(
      parent?.entity.metadata.annotations?.['backstage.io/managed-by-origin-location'],
      `git:${locationTarget}`,
    );
    // The parent resolves by its reference too, and is its own root.
    assert.deepEqual(await client.getEntityByRef(`location:default/${name}`), parent?.entity);
    const root = await client.getEntityAncestors({ entityRef: `location:default/${name}` });
    assert.deepEqual(root.items, [{ entity: parent?.entity, parentEntityRefs: [] }]);
    await assert.rejects(client.getEntityAncestors({ entityRef: 'component:default/nobody' }), { statusCode: 404 });
    assert.equal(await client.getEntityByRef(`location:default/generated-${'0'.repeat(40)}`), undefined);
  });

  it("an entity's problems are status.items of Backstage's catalog-processing type; a sound one has none", async () => {
    const errors = [{ path: '/spec/owner', message: 'must be a string' }];
    await insertEntities(getDb().db, locationId, [
      { kind: 'Component', name: 'half-valid', spec: { type: 'service', lifecycle: 'production' }, errors },
    ]);
    const entity = await client.getEntityByRef('component:default/half-valid');
    assert.deepEqual(statusOf(entity)?.items, [
      {
        type: ENTITY_STATUS_CATALOG_PROCESSING_TYPE,
        level: 'error',
        message: 'InputError: /spec/owner: must be a string',
        error: { name: 'InputError', message: '/spec/owner: must be a string' },
      },
    ]);
    const listed = await client.getEntities({ filter: { 'metadata.name': 'half-valid' } });
    assert.deepEqual(statusOf(listed.items[0]), statusOf(entity));
    assert.equal(statusOf(await client.getEntityByRef('component:default/checkout')), undefined);
  });

  it('answers errors the client turns into ResponseError: 401 without a token, 400 for a bad field', async () => {
    type Failure = Error & { statusCode?: number; cause?: { message: string } };
    await assert.rejects(anonymous.getEntities(), (error: Failure) => {
      assert.equal(error.name, 'ResponseError');
      assert.equal(error.statusCode, 401);
      return true;
    });
    await assert.rejects(anonymous.getEntityByRef('component:default/payments-api'), { statusCode: 401 });
    await assert.rejects(
      client.getEntities({ order: { field: 'metadata.name;drop', order: 'asc' } }),
      (error: Failure) => {
        assert.equal(error.statusCode, 400);
        // Slipway's error body, whole, in the cause's message.
        assert.match(error.cause?.message ?? '', /not a field path/);
        return true;
      },
    );
    await assert.rejects(client.getEntityFacets({ facets: ["kind';drop"] }), { statusCode: 400 });
    await assert.rejects(client.getEntities({ order: { field: 'metadata.name', order: 'up' as 'asc' } }), {
      statusCode: 400,
    });
  });
});
