import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DefaultNamespaceEntityPolicy } from '@backstage/catalog-model';
import { entityColumns, entityHash } from '../../src/catalog/columns.ts';
import { formatEntityRef, parseEntityRef } from '../../src/catalog/entity-ref.ts';
import { declaredRelations, relationRows } from '../../src/catalog/relations.ts';
import type { CatalogEntity } from '../../src/catalog/types.ts';
import { validateEntity } from '../../src/catalog/validate.ts';

const component: CatalogEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'web', title: 'Web', tags: ['frontend'] },
  spec: {
    type: 'website',
    lifecycle: 'production',
    owner: 'team-a',
    system: 'shop',
    providesApis: ['web-api'],
    consumesApis: ['api:payments/pay-api'],
    dependsOn: ['resource:db'],
    subcomponentOf: 'portal',
  },
};

describe('entity references', () => {
  it('fills in the namespace and the kind the field implies', () => {
    assert.deepEqual(parseEntityRef('team-a', { defaultKind: 'Group' }), {
      kind: 'Group',
      namespace: 'default',
      name: 'team-a',
    });
    assert.equal(formatEntityRef(parseEntityRef('API:Payments/Pay-API')), 'api:payments/pay-api');
  });

  it('requires a kind where the field implies none', () => {
    assert.throws(() => parseEntityRef('db'), /needs a kind/);
  });
});

describe('validation', () => {
  it('accepts a valid entity in both apiVersions and fills the default namespace', async () => {
    for (const apiVersion of ['backstage.io/v1alpha1', 'backstage.io/v1beta1']) {
      const result = await validateEntity({ ...component, apiVersion });
      assert.equal(result.ok, true);
      assert.deepEqual(result.issues, []);
      assert.equal(result.ref, 'component:default/web');
      if (result.ok) assert.equal(result.entity.metadata.namespace, 'default');
    }
  });

  it('defaults the namespace as Backstage does, leaving the document read untouched', async () => {
    const backstage = new DefaultNamespaceEntityPolicy();
    const results = new Map<unknown, Awaited<ReturnType<typeof validateEntity>>>();
    for (const namespace of [undefined, 'payments', '', null]) {
      const document = { ...component, metadata: { ...component.metadata, namespace } };
      const before = structuredClone(document);
      const result = await validateEntity(document);
      assert.deepEqual(document, before);
      // The same as validating what Backstage's own policy makes of the document.
      assert.deepEqual(result, await validateEntity(await backstage.enforce(structuredClone(document) as never)));
      results.set(namespace, result);
    }
    assert.equal(results.get(undefined)?.ref, 'component:default/web');
    assert.equal(results.get('payments')?.ref, 'component:payments/web');
    // An empty namespace is kept as written and refused by the field rules.
    assert.equal(results.get('')?.ok, false);
    assert.equal(results.get('')?.issues[0]?.path, '/metadata/namespace');
  });

  it('keeps an entity failing its kind rules, with the field that is wrong', async () => {
    const result = await validateEntity({ ...component, spec: { type: 'service', owner: 'team-a' } });
    assert.equal(result.ok, true);
    assert.equal(result.issues[0]?.path, '/spec');
    assert.match(result.issues[0]?.message ?? '', /lifecycle/);
  });

  it('refuses documents that name no entity', async () => {
    assert.equal((await validateEntity('hello')).ok, false);
    const badName = await validateEntity({ ...component, metadata: { name: 'Not a name!' } });
    assert.equal(badName.ok, false);
    assert.equal(badName.issues[0]?.path, '/metadata/name');
    assert.equal((await validateEntity({ kind: 'Component', metadata: { name: 'x' } })).issues[0]?.path, '/apiVersion');
  });

  it('reports unknown root fields and unknown kinds', async () => {
    const foreign = await validateEntity({ ...component, status: {} });
    assert.deepEqual(foreign.issues, [{ path: '/status', message: 'is not a field of an entity' }]);
    const unknown = await validateEntity({ ...component, kind: 'Widget' });
    assert.equal(unknown.issues[0]?.path, '/kind');
  });

  it('checks the minimal shape of scaffolder templates', async () => {
    const template = {
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: { name: 'node-service' },
      spec: { type: 'service', owner: 'team-a', parameters: [], steps: [{ id: 'fetch', action: 'fetch:template' }] },
    };
    assert.deepEqual((await validateEntity(template)).issues, []);
    const broken = await validateEntity({ ...template, spec: { steps: [{ id: 'x' }] } });
    assert.deepEqual(
      broken.issues.map((i) => i.path),
      ['/spec/type', '/spec/steps/0/action'],
    );
  });
});

describe('relations', () => {
  it('derives every relation of a component with its inverse', () => {
    const { relations, issues } = declaredRelations(component);
    assert.deepEqual(issues, []);
    const rows = relationRows('component:default/web', relations).map((r) => `${r.source} ${r.type} ${r.target}`);
    assert.deepEqual(rows.sort(), [
      'api:default/web-api apiProvidedBy component:default/web',
      'api:payments/pay-api apiConsumedBy component:default/web',
      'component:default/portal hasPart component:default/web',
      'component:default/web consumesApi api:payments/pay-api',
      'component:default/web dependsOn resource:default/db',
      'component:default/web ownedBy group:default/team-a',
      'component:default/web partOf component:default/portal',
      'component:default/web partOf system:default/shop',
      'component:default/web providesApi api:default/web-api',
      'group:default/team-a ownerOf component:default/web',
      'resource:default/db dependencyOf component:default/web',
      'system:default/shop hasPart component:default/web',
    ]);
  });

  it('derives group and user relations in the entity namespace', () => {
    const group: CatalogEntity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'team-a', namespace: 'org' },
      spec: { type: 'team', parent: 'eng', children: ['sub'], members: ['ada'] },
    };
    const rows = relationRows('group:org/team-a', declaredRelations(group).relations);
    assert.ok(rows.some((r) => r.type === 'childOf' && r.target === 'group:org/eng'));
    assert.ok(rows.some((r) => r.source === 'group:org/eng' && r.type === 'parentOf'));
    assert.ok(rows.some((r) => r.type === 'parentOf' && r.target === 'group:org/sub'));
    assert.ok(rows.some((r) => r.source === 'user:org/ada' && r.type === 'memberOf'));
  });

  it('turns an unreadable reference into an issue on its field', () => {
    const { issues } = declaredRelations({ ...component, spec: { ...component.spec, dependsOn: ['db', 7] } });
    assert.deepEqual(
      issues.map((i) => i.path),
      ['/spec/dependsOn/0', '/spec/dependsOn/1'],
    );
  });
});

describe('columns and hash', () => {
  it('takes the filterable columns from the document', () => {
    const columns = entityColumns(component);
    assert.equal(columns.owner, 'group:default/team-a');
    assert.equal(columns.system, 'system:default/shop');
    assert.deepEqual(columns.tags, ['frontend']);
  });

  it('hashes content, not key order or the uid Slipway adds', () => {
    const reordered = {
      spec: component.spec,
      metadata: { ...component.metadata, uid: 'x' },
      kind: 'Component',
      apiVersion: component.apiVersion,
    };
    assert.equal(entityHash(reordered as CatalogEntity), entityHash(component));
    assert.notEqual(
      entityHash({ ...component, metadata: { ...component.metadata, title: 'Other' } }),
      entityHash(component),
    );
  });
});
