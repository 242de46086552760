import { Type } from '@sinclair/typebox';
import { invalidInput } from '@slipway/core';
import { readableServiceIds } from '../../access/visibility.ts';
import { callerOf } from '../../auth/authorize.ts';
import { decodeCursor } from '../../db/catalog-query/cursor.ts';
import { entityDetail, entityRef, serviceDeployments } from '../../db/catalog-query/entity-detail.ts';
import { filterFromParams, paramFields } from '../../db/catalog-query/filter.ts';
import { type EntityQuery, queryEntitySummaries } from '../../db/catalog-query/query-entities.ts';
import { authErrors, bearer, ErrorResponse } from '../schemas/common.ts';
import type { TypedApp } from '../typed-app.ts';

const Values = (description: string) =>
  Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 253 }), {
      maxItems: 50,
      description: `${description}; repeat it or separate values with commas for any of them`,
    }),
  );

/** Facets count the same fields the filters of the same names match. */
const facetFields = paramFields;

const ListQuery = Type.Object(
  {
    kind: Values('Kinds, e.g. Component'),
    namespace: Values('Namespaces'),
    type: Values('spec.type, e.g. service'),
    owner: Values('Owners: team-a or group:default/team-a'),
    lifecycle: Values('spec.lifecycle, e.g. production'),
    system: Values('Systems'),
    tag: Values('Tags; an entity with any of them matches'),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Full-text search; the last word is a prefix' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    cursor: Type.Optional(
      Type.String({ maxLength: 8192, description: 'nextCursor of the previous page; it carries the filters' }),
    ),
    facets: Type.Optional(
      Type.String({
        maxLength: 200,
        description: `Counts per value of these, comma-separated: ${Object.keys(facetFields).join(', ')}`,
      }),
    ),
  },
  { additionalProperties: false },
);

const EntitySummary = Type.Object({
  ref: Type.String({ description: 'kind:namespace/name, lower-cased' }),
  kind: Type.String(),
  namespace: Type.String(),
  name: Type.String(),
  title: Type.String(),
  description: Type.String(),
  type: Type.String(),
  owner: Type.String(),
  lifecycle: Type.String(),
  system: Type.String(),
  tags: Type.Array(Type.String()),
  errorCount: Type.Integer({ description: 'Problems found reading it; see the entity' }),
});

const FacetCounts = Type.Record(
  Type.String(),
  Type.Array(Type.Object({ value: Type.String(), count: Type.Integer() })),
);

const Document = Type.Object({}, { additionalProperties: true, description: 'The entity as read from its source' });

const EntityParams = Type.Object({
  kind: Type.String({ minLength: 1, maxLength: 63 }),
  namespace: Type.String({ minLength: 1, maxLength: 63 }),
  name: Type.String({ minLength: 1, maxLength: 253 }),
});

const Detail = Type.Object({
  ref: Type.String(),
  entity: Document,
  relations: Type.Array(
    Type.Object({
      type: Type.String({ description: 'ownedBy, ownerOf, partOf, hasPart, dependsOn, ...' }),
      targetRef: Type.String(),
      kind: Type.Union([Type.String(), Type.Null()], { description: 'null: not in the catalog' }),
      title: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  errors: Type.Array(Type.Object({ path: Type.String(), message: Type.String() })),
  locationId: Type.String(),
  sourcePath: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
  deployments: Type.Optional(
    Type.Object(
      {
        service: Type.String(),
        environments: Type.Array(
          Type.Object({
            name: Type.String(),
            type: Type.String(),
            current: Type.Union([
              Type.Object({
                id: Type.String(),
                number: Type.Integer(),
                status: Type.String(),
                image: Type.Union([Type.String(), Type.Null()]),
              }),
              Type.Null(),
            ]),
          }),
        ),
      },
      { description: 'For a Component Slipway deploys as a service: its environments and what runs there' },
    ),
  ),
});

/** Reading the software catalog: search, filters, facets, and one entity with what links to it. */
export async function catalogEntityRoutes(app: TypedApp) {
  const db = () => app.deps.database.db;
  const common = { tags: ['catalog'], security: bearer };
  const errors = { 400: Type.Ref(ErrorResponse), ...authErrors };

  app.get(
    '/catalog/entities',
    {
      config: { authz: 'platform.read' },
      schema: {
        ...common,
        summary: 'Searches and filters catalog entities, a page at a time, with counts per facet',
        operationId: 'listCatalogEntities',
        querystring: ListQuery,
        response: {
          200: Type.Object({
            items: Type.Array(EntitySummary),
            totalItems: Type.Integer(),
            nextCursor: Type.Optional(Type.String()),
            facets: Type.Optional(FacetCounts),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const params = request.query;
      const limit = params.limit ?? 50;
      const query: EntityQuery = params.cursor
        ? { ...decodeCursor(params.cursor), limit }
        : { filter: filterFromParams(params), text: params.q ? { term: params.q } : undefined, limit, offset: 0 };
      const facets = parseFacets(params.facets);
      // Side by side: on PostgreSQL two connections read at once (PGlite takes them in turn).
      const [page, counted] = await Promise.all([
        queryEntitySummaries(db(), query),
        facets.length > 0
          ? app.facetCache.facets(
              db(),
              query,
              facets.map((f) => facetFields[f]),
              {},
              app.deps.platform.now().getTime(),
            )
          : undefined,
      ]);
      return {
        items: page.items,
        totalItems: page.totalItems,
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
        ...(counted ? { facets: Object.fromEntries(facets.map((f) => [f, counted[facetFields[f]] ?? []])) } : {}),
      };
    },
  );

  app.get(
    '/catalog/entities/:kind/:namespace/:name',
    {
      config: { authz: 'platform.read' },
      schema: {
        ...common,
        summary: 'One entity: its document, relations both ways, problems, and for a service where it runs',
        operationId: 'getCatalogEntity',
        params: EntityParams,
        response: { 200: Detail, 404: Type.Ref(ErrorResponse), ...errors },
      },
    },
    async (request) => {
      const { kind, namespace, name } = request.params;
      const detail = await entityDetail(db(), entityRef(kind, namespace, name));
      if (kind.toLowerCase() !== 'component') return detail;
      const readable = await readableServiceIds(db(), await callerOf(request));
      const metadataName = (detail.entity.metadata as { name?: string } | undefined)?.name ?? name;
      const deployments = await serviceDeployments(db(), metadataName, readable);
      return deployments ? { ...detail, deployments } : detail;
    },
  );
}

const isFacet = (name: string): name is keyof typeof facetFields => name in facetFields;

function parseFacets(param: string | undefined): Array<keyof typeof facetFields> {
  if (!param) return [];
  const names = param
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  const unknown = names.filter((f) => !isFacet(f));
  if (unknown.length > 0) {
    throw invalidInput(`Unknown facet ${unknown.join(', ')}`, [
      { path: '/facets', message: `one or more of ${Object.keys(facetFields).join(', ')}`, in: 'query' },
    ]);
  }
  return [...new Set(names.filter(isFacet))];
}
