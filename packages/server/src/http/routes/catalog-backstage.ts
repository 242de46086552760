import { Type } from '@sinclair/typebox';
import { invalidInput } from '@slipway/core';
import type { Kysely } from 'kysely';
import { locationEntity, locationEntityName, locationEntityRef } from '../../catalog/location-entity.ts';
import type { OrderField } from '../../db/catalog-query/cursor.ts';
import { decodeCursor } from '../../db/catalog-query/cursor.ts';
import { entityDocument, entityDocuments, entityLocation, entityRef } from '../../db/catalog-query/entity-detail.ts';
import { assertFieldPath, parseBackstageFilter } from '../../db/catalog-query/filter.ts';
import { parseFields, project } from '../../db/catalog-query/projection.ts';
import { type EntityQuery, queryEntityDocuments } from '../../db/catalog-query/query-entities.ts';
import type { Schema } from '../../db/schema.ts';
import { listCatalogLocations } from '../../db/stores/catalog-locations.ts';
import { authErrors, bearer, ErrorResponse } from '../schemas/common.ts';
import type { TypedApp } from '../typed-app.ts';

/**
 * The read side of Backstage's catalog REST API, at the paths `@backstage/catalog-client`
 * calls (its base URL is `<slipway>/api/catalog`), so Backstage plugins and scripts can read
 * Slipway's catalog. The shapes follow Backstage's; errors keep Slipway's shape.
 */
/**
 * How many matches to skip. Bounded where JavaScript still counts exactly: a larger number
 * reached PostgreSQL's bigint and failed there, a 500 (the fuzz run sent 3.2e20).
 */
const Offset = Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }));

/**
 * A repeatable query parameter. Its item limits keep every parameter of a route at its longest
 * within the 16 KiB a request line and headers may hold (by-query's cursor alone may be 8 KiB),
 * so a request the document allows is one the server reads; past that it answers 431.
 */
const Strings = (description: string, maxLength = 500) =>
  Type.Optional(Type.Array(Type.String({ maxLength }), { maxItems: 100, description }));
const Filter = Strings('key=value pairs, comma-separated, all must match; repeat the parameter for alternatives', 1000);
const Fields = Strings('Only these dotted fields of each entity, e.g. metadata.name,kind');
const Document = Type.Object({}, { additionalProperties: true, description: 'A Backstage entity' });
const FacetCounts = Type.Record(
  Type.String(),
  Type.Array(Type.Object({ value: Type.String(), count: Type.Integer() })),
);

const EntityName = Type.Object({
  kind: Type.String({ minLength: 1, maxLength: 63 }),
  namespace: Type.String({ minLength: 1, maxLength: 63 }),
  name: Type.String({ minLength: 1, maxLength: 253 }),
});

/** Backstage's default page size for by-query; larger asks are served in pages of the maximum. */
const defaultLimit = 20;
const maxLimit = 1000;

export async function catalogBackstageRoutes(app: TypedApp) {
  const db = () => app.deps.database.db;
  const common = { tags: ['catalog'], security: bearer };
  const errors = { 400: Type.Ref(ErrorResponse), ...authErrors };

  app.get(
    '/entities/by-query',
    {
      config: { authz: 'platform.read' },
      schema: {
        ...common,
        summary: 'Backstage: entities by filter and full-text, a page at a time',
        operationId: 'backstageQueryEntities',
        querystring: Type.Object({
          filter: Filter,
          fields: Fields,
          limit: Type.Optional(Type.Integer({ minimum: 0 })),
          offset: Offset,
          orderField: Strings('field,asc or field,desc'),
          cursor: Type.Optional(Type.String({ maxLength: 8192 })),
          fullTextFilterTerm: Type.Optional(Type.String({ maxLength: 200 })),
          fullTextFilterFields: Strings('Fields to search for the term as a substring; left out, all text'),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(Document),
            totalItems: Type.Integer(),
            pageInfo: Type.Object({
              nextCursor: Type.Optional(Type.String()),
              prevCursor: Type.Optional(Type.String()),
            }),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const limit = Math.min(q.limit ?? defaultLimit, maxLimit);
      const fields = parseFields(q.fields);
      const query: EntityQuery = q.cursor
        ? { ...decodeCursor(q.cursor), limit: Math.max(limit, 1) }
        : {
            filter: parseBackstageFilter(q.filter ?? []),
            text: fullText(q.fullTextFilterTerm, q.fullTextFilterFields),
            order: parseOrder(q.orderField ?? []),
            limit: Math.max(limit, 1),
            offset: q.offset ?? 0,
          };
      const page = await queryEntityDocuments(db(), query);
      return {
        // limit=0 asks for the total alone.
        items: limit === 0 ? [] : page.items.map((e) => project(e, fields)),
        totalItems: page.totalItems,
        pageInfo: {
          ...(page.nextCursor && limit > 0 ? { nextCursor: page.nextCursor } : {}),
          ...(page.prevCursor ? { prevCursor: page.prevCursor } : {}),
        },
      };
    },
  );

  app.get(
    '/entities',
    {
      config: { authz: 'platform.read' },
      schema: {
        ...common,
        summary: 'Backstage: entities by filter as a plain list (getEntities); without a limit, all of them',
        operationId: 'backstageListEntities',
        querystring: Type.Object({
          filter: Filter,
          fields: Fields,
          limit: Type.Optional(Type.Integer({ minimum: 1 })),
          offset: Offset,
          order: Strings('asc:field or desc:field'),
        }),
        response: { 200: Type.Array(Document), ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      // `asc:metadata.name`: the direction, then the field (which may hold colons of its own).
      const order = (q.order ?? []).map((o) => {
        const colon = o.indexOf(':');
        return colon < 0 ? `${o},` : `${o.slice(colon + 1)},${o.slice(0, colon)}`;
      });
      const fields = parseFields(q.fields);
      // Backstage answers every match when no limit is given, and as many as asked otherwise:
      // read in pages of the maximum, each starting where the last ended (the cursor's way).
      const wanted = q.limit ?? Number.POSITIVE_INFINITY;
      const items: Array<Record<string, unknown>> = [];
      let query: EntityQuery = {
        filter: parseBackstageFilter(q.filter ?? []),
        order: parseOrder(order, '/order'),
        limit: Math.min(wanted, maxLimit),
        offset: q.offset ?? 0,
      };
      for (;;) {
        const page = await queryEntityDocuments(db(), query);
        for (const entity of page.items) items.push(project(entity, fields));
        const left = wanted - items.length;
        if (left <= 0 || !page.nextCursor || page.items.length === 0) return items;
        query = { ...decodeCursor(page.nextCursor), limit: Math.min(left, maxLimit) };
      }
    },
  );

  app.get(
    '/entities/by-name/:kind/:namespace/:name',
    {
      config: { authz: 'platform.read' },
      schema: {
        ...common,
        summary: 'Backstage: one entity by kind, namespace and name, with its relations',
        operationId: 'backstageGetEntityByName',
        params: EntityName,
        response: { 200: Document, 404: Type.Ref(ErrorResponse), ...errors },
      },
    },
    async (request) => {
      const { kind, namespace, name } = request.params;
      const ref = entityRef(kind, namespace, name);
      return (await generatedLocationEntity(db(), ref)) ?? entityDocument(db(), ref);
    },
  );

  app.get(
    '/entities/by-name/:kind/:namespace/:name/ancestry',
    {
      config: { authz: 'platform.read' },
      schema: {
        ...common,
        summary: 'Backstage: an entity and the locations it came from',
        description:
          'The entity, then the `Location` entity of its registered location (named as Backstage names it, ' +
          '`generated-` and a SHA-1), as `getEntityAncestors` reads them.',
        operationId: 'backstageGetEntityAncestry',
        params: EntityName,
        response: {
          200: Type.Object({
            rootEntityRef: Type.String(),
            items: Type.Array(Type.Object({ entity: Document, parentEntityRefs: Type.Array(Type.String()) })),
          }),
          404: Type.Ref(ErrorResponse),
          ...errors,
        },
      },
    },
    async (request) => {
      const { kind, namespace, name } = request.params;
      const ref = entityRef(kind, namespace, name);
      const location = await generatedLocationEntity(db(), ref);
      if (location) return { rootEntityRef: ref, items: [{ entity: location, parentEntityRefs: [] }] };
      const entity = await entityDocument(db(), ref);
      const parent = await entityLocation(db(), ref);
      return {
        rootEntityRef: backstageRef(entity),
        items: [
          { entity, parentEntityRefs: [locationEntityRef(parent)] },
          { entity: locationEntity(parent), parentEntityRefs: [] },
        ],
      };
    },
  );

  app.get(
    '/locations/by-entity/:kind/:namespace/:name',
    {
      config: { authz: 'platform.read' },
      schema: {
        ...common,
        summary: 'Backstage: the location an entity was read from',
        description:
          'Its id, type (git or url) and target, as `getLocationByEntity` reads them; the file within a git ' +
          "location is in the entity's backstage.io/managed-by-location annotation.",
        operationId: 'backstageGetLocationByEntity',
        params: EntityName,
        response: {
          200: Type.Object({
            id: Type.String(),
            type: Type.Union([Type.Literal('git'), Type.Literal('url')]),
            target: Type.String(),
          }),
          404: Type.Ref(ErrorResponse),
          ...errors,
        },
      },
    },
    async (request) => {
      const { kind, namespace, name } = request.params;
      return entityLocation(db(), entityRef(kind, namespace, name));
    },
  );

  app.post(
    '/entities/by-refs',
    {
      config: { authz: 'platform.read', readOnly: true },
      schema: {
        ...common,
        summary: 'Backstage: entities for a list of references, in order, null where none',
        operationId: 'backstageGetEntitiesByRefs',
        querystring: Type.Object({ filter: Filter }),
        body: Type.Object(
          {
            entityRefs: Type.Array(Type.String({ minLength: 1, maxLength: 400 }), { maxItems: 1000 }),
            fields: Type.Optional(Type.Array(Type.String({ maxLength: 400 }), { maxItems: 100 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Type.Union([Document, Type.Null()])) }), ...errors },
      },
    },
    async (request) => {
      const body = request.body;
      const filter = parseBackstageFilter(request.query.filter ?? []);
      const fields = parseFields(body.fields);
      const refs = body.entityRefs.map((ref) => (ref.includes('/') ? ref : ref.replace(':', ':default/')));
      const items = await entityDocuments(db(), refs, filter);
      return { items: items.map((e) => project(e, fields)) };
    },
  );

  app.get(
    '/entity-facets',
    {
      config: { authz: 'platform.read' },
      schema: {
        ...common,
        summary: 'Backstage: counts per value of fields among the entities a filter keeps',
        operationId: 'backstageGetEntityFacets',
        querystring: Type.Object({
          facet: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 20 }),
          filter: Filter,
        }),
        response: { 200: Type.Object({ facets: FacetCounts }), ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const facets = q.facet.map((f, i) => assertFieldPath(f, `/facet/${i}`));
      const filter = parseBackstageFilter(q.filter ?? []);
      const now = app.deps.platform.now().getTime();
      return { facets: await app.facetCache.facets(db(), { filter }, facets, { asWritten: true }, now) };
    },
  );
}

function fullText(term: string | undefined, fields: string[] | undefined) {
  if (!term?.trim()) return undefined;
  const list = (fields ?? [])
    .flatMap((f) => f.split(','))
    .map((f) => f.trim())
    .filter((f) => f !== '');
  for (const f of list) assertFieldPath(f, '/fullTextFilterFields');
  return list.length > 0 ? { term, fields: list } : { term };
}

/** `metadata.name,asc` (repeatable) into order fields. */
function parseOrder(params: readonly string[], pointer = '/orderField'): OrderField[] {
  return params.map((param) => {
    const [field = '', order = 'asc'] = param.split(',').map((p) => p.trim());
    if (order !== 'asc' && order !== 'desc') {
      throw invalidInput(`Order ${JSON.stringify(order)} is neither asc nor desc`, [
        { path: pointer, message: 'field,asc or field,desc', in: 'query' },
      ]);
    }
    return { field: assertFieldPath(field, pointer), order };
  });
}

/** The generated `Location` entity a reference names, if it names one of a registered location. */
async function generatedLocationEntity(db: Kysely<Schema>, ref: string) {
  const match = /^location:default\/(generated-[0-9a-f]{40})$/.exec(ref);
  if (!match) return undefined;
  const location = (await listCatalogLocations(db)).find((l) => locationEntityName(l) === match[1]);
  return location ? locationEntity(location) : undefined;
}

/** Backstage's `stringifyEntityRef`: the kind in lower case, namespace and name as written. */
function backstageRef(entity: Record<string, unknown>): string {
  const metadata = (entity.metadata ?? {}) as { name?: string; namespace?: string };
  return `${String(entity.kind).toLowerCase()}:${metadata.namespace ?? 'default'}/${metadata.name}`;
}
