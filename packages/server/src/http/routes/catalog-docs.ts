import { Type } from '@sinclair/typebox';
import { invalidInput } from '@slipway/core';
import { sanitiseText } from '../../catalog-docs/sanitise.ts';
import { entityRef } from '../../db/catalog-query/entity-detail.ts';
import { searchQuery } from '../../db/catalog-query/full-text.ts';
import { getDocPage, listDocPages, searchDocPages } from '../../db/stores/catalog-docs.ts';
import { authErrors, bearer, ErrorResponse } from '../schemas/common.ts';
import type { TypedApp } from '../typed-app.ts';

const EntityParams = {
  kind: Type.String({ minLength: 1, maxLength: 63 }),
  namespace: Type.String({ minLength: 1, maxLength: 63 }),
  name: Type.String({ minLength: 1, maxLength: 253 }),
};

const PageParams = Type.Object({
  ...EntityParams,
  '*': Type.String({ minLength: 1, maxLength: 1024, description: 'The page path, e.g. guides/setup.md' }),
});

const SearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 200, description: 'Words to find; the last one is a prefix' }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);

/** Entity docs for the portal: the pages of one entity, one page's sanitised HTML, and search across all. */
export async function catalogDocsRoutes(app: TypedApp) {
  const db = () => app.deps.database.db;
  const common = { tags: ['catalog'], security: bearer };
  const errors = { 400: Type.Ref(ErrorResponse), ...authErrors };

  app.get(
    '/catalog/entities/:kind/:namespace/:name/docs',
    {
      config: { authz: 'platform.read' },
      schema: {
        ...common,
        summary: "An entity's docs pages, by path",
        operationId: 'listCatalogEntityDocs',
        params: Type.Object(EntityParams),
        response: {
          200: Type.Object({ items: Type.Array(Type.Object({ path: Type.String(), title: Type.String() })) }),
          404: Type.Ref(ErrorResponse),
          ...errors,
        },
      },
    },
    async (request) => {
      const { kind, namespace, name } = request.params;
      return { items: await listDocPages(db(), entityRef(kind, namespace, name)) };
    },
  );

  app.get(
    '/catalog/entities/:kind/:namespace/:name/docs/*',
    {
      config: { authz: 'platform.read' },
      schema: {
        ...common,
        summary: 'One docs page of an entity as sanitised HTML; links to other pages point at their paths here',
        operationId: 'getCatalogEntityDocsPage',
        params: PageParams,
        response: {
          200: Type.Object({
            path: Type.String(),
            title: Type.String(),
            html: Type.String({ description: 'Sanitised: no scripts, styles, event handlers or embedded frames' }),
            updatedAt: Type.String({ format: 'date-time' }),
          }),
          404: Type.Ref(ErrorResponse),
          ...errors,
        },
      },
    },
    async (request) => {
      const params = request.params;
      return getDocPage(db(), entityRef(params.kind, params.namespace, params.name), params['*']);
    },
  );

  app.get(
    '/catalog/docs/search',
    {
      config: { authz: 'platform.read' },
      schema: {
        ...common,
        summary: 'Searches the docs of every entity, best match first',
        operationId: 'searchCatalogDocs',
        querystring: SearchQuery,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                entityRef: Type.String(),
                path: Type.String(),
                title: Type.String(),
                snippet: Type.String({
                  description: 'Text around the match, HTML-escaped, the matched words between « and »',
                }),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { q, limit = 20 } = request.query;
      const query = searchQuery(q);
      if (!query)
        throw invalidInput('The search has no words', [
          { path: '/q', message: 'needs a letter or digit', in: 'query' },
        ]);
      const hits = await searchDocPages(db(), query, limit);
      return { items: hits.map((h) => ({ ...h, snippet: sanitiseText(h.snippet) })) };
    },
  );
}
