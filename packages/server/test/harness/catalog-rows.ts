/**
 * Writes catalog rows directly, the way ingestion stores them, so the query side can be
 * tested on exactly the entities a test wants (and fast, for thousands of them).
 */
import { createHash, randomUUID } from 'node:crypto';
import { type CatalogEntity, entityColumns } from '@slipway/core';
import { type Kysely, sql } from 'kysely';
import type { Schema } from '../../src/db/schema.ts';

export interface TestEntity {
  kind: string;
  name: string;
  namespace?: string;
  title?: string;
  description?: string;
  tags?: string[];
  spec?: Record<string, unknown>;
  annotations?: Record<string, string>;
  errors?: Array<{ path: string; message: string }>;
  /** Relations from this entity, e.g. { dependsOn: ['component:default/db'] }; the inverse rows are written too. */
  relations?: Record<string, string[]>;
}

const inverse: Record<string, string> = {
  ownedBy: 'ownerOf',
  ownerOf: 'ownedBy',
  partOf: 'hasPart',
  hasPart: 'partOf',
  dependsOn: 'dependencyOf',
  dependencyOf: 'dependsOn',
  providesApi: 'apiProvidedBy',
  apiProvidedBy: 'providesApi',
  consumesApi: 'apiConsumedBy',
  apiConsumedBy: 'consumesApi',
  memberOf: 'hasMember',
  hasMember: 'memberOf',
};

export const refOf = (e: Pick<TestEntity, 'kind' | 'name' | 'namespace'>) =>
  `${e.kind}:${e.namespace ?? 'default'}/${e.name}`.toLowerCase();

/** A location to hang rows from. */
export async function insertLocation(db: Kysely<Schema>, target = `https://git.example.com/${randomUUID()}.git`) {
  const row = await db
    .insertInto('catalog_locations')
    .values({ type: 'git', target, created_by: 'test', status: 'ready' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertEntities(db: Kysely<Schema>, locationId: string, entities: readonly TestEntity[]) {
  for (let i = 0; i < entities.length; i += 500) {
    const chunk = entities.slice(i, i + 500);
    const rows = await db
      .insertInto('catalog_entities')
      .values(chunk.map((e) => entityRow(locationId, e)))
      .returning(['id', 'ref'])
      .execute();
    const ids = new Map(rows.map((r) => [r.ref, r.id]));
    const relations = chunk.flatMap((e) =>
      Object.entries(e.relations ?? {}).flatMap(([type, targets]) =>
        targets.flatMap((target) => {
          const origin = ids.get(refOf(e)) as string;
          const back = inverse[type] ?? type;
          return [
            { origin_id: origin, source_ref: refOf(e), type, target_ref: target },
            { origin_id: origin, source_ref: target, type: back, target_ref: refOf(e) },
          ];
        }),
      ),
    );
    if (relations.length > 0) await db.insertInto('catalog_relations').values(relations).execute();
  }
}

function entityRow(locationId: string, e: TestEntity) {
  const spec = e.spec ?? {};
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const document = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: e.kind,
    metadata: {
      name: e.name,
      namespace: e.namespace ?? 'default',
      uid: randomUUID(),
      ...(e.title ? { title: e.title } : {}),
      ...(e.description ? { description: e.description } : {}),
      ...(e.tags ? { tags: e.tags } : {}),
      ...(e.annotations ? { annotations: e.annotations } : {}),
    },
    spec,
  };
  const searchable = [e.name, e.title, e.description, ...(e.tags ?? []), text(spec.owner), text(spec.type)]
    .filter(Boolean)
    .join(' ');
  // The columns exactly as ingestion derives them (lower-cased kind, owner as a full reference).
  return {
    ref: refOf(e),
    ...entityColumns(document as unknown as CatalogEntity),
    entity: JSON.stringify(document),
    location_id: locationId,
    hash: createHash('sha256').update(JSON.stringify(document)).digest('hex'),
    errors: JSON.stringify(e.errors ?? []),
    // The name weighs most in ranking, as ingestion writes it.
    search: sql`setweight(to_tsvector('simple', ${e.name}), 'A') || to_tsvector('simple', ${searchable})`,
  };
}

/** The two teams of the sample catalog. */
export const teamA = 'group:default/team-a';
export const teamB = 'group:default/team-b';
/** Forty library components, lib-00 to lib-39, owned by team B. */
export const sampleLibraries = Array.from({ length: 40 }, (_, i) => `lib-${String(i).padStart(2, '0')}`);
/**
 * A small catalog the query tests share: two teams, a system, components with relations both
 * ways (one depending on another), an API, a resource, and forty libraries to page through.
 */
export const sampleCatalog: TestEntity[] = [
  { kind: 'Group', name: 'team-a', title: 'Team A', spec: { type: 'team', children: [] } },
  { kind: 'Group', name: 'team-b', title: 'Team B', spec: { type: 'team', children: [] } },
  { kind: 'System', name: 'payments', spec: { owner: 'team-a' }, relations: { ownedBy: [teamA] } },
  {
    kind: 'Component',
    name: 'payments-api',
    title: 'Payments API',
    description: 'Takes card payments',
    tags: ['java', 'payments'],
    annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a', system: 'payments' },
    relations: { ownedBy: [teamA], partOf: ['system:default/payments'], providesApi: ['api:default/payments-rest'] },
  },
  {
    kind: 'Component',
    name: 'payments-worker',
    description: 'Settles payments overnight',
    tags: ['java'],
    spec: { type: 'service', lifecycle: 'experimental', owner: 'team-a', system: 'payments' },
    relations: { ownedBy: [teamA] },
  },
  {
    kind: 'Component',
    name: 'web-frontend',
    description: 'The shop, with a payments page',
    tags: ['react'],
    spec: { type: 'website', lifecycle: 'production', owner: 'team-b' },
    relations: { ownedBy: [teamB] },
  },
  {
    kind: 'Component',
    name: 'checkout',
    spec: { type: 'service', lifecycle: 'production', owner: 'team-b' },
    relations: { ownedBy: [teamB], dependsOn: ['component:default/payments-api'] },
  },
  {
    kind: 'API',
    name: 'payments-rest',
    spec: { type: 'openapi', lifecycle: 'production', owner: 'team-a', system: 'payments' },
    relations: { ownedBy: [teamA] },
  },
  { kind: 'Resource', name: 'payments-db', spec: { type: 'database', owner: 'team-a' }, tags: ['postgres'] },
  ...sampleLibraries.map((name) => ({
    kind: 'Component',
    name,
    spec: { type: 'library', lifecycle: 'production', owner: 'team-b' },
    relations: { ownedBy: [teamB] },
  })),
];
