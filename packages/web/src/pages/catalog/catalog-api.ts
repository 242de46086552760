/**
 * The catalog operations these pages read, with their answer types taken from the OpenAPI
 * document, so a change of the API shows up here as a type error.
 */

import type { paths } from '@slipway/api-client';
import { api, call } from '../../api/client';
import type { EntityName } from './refs';

type Json<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;

export type EntityList = Json<paths['/api/v1/catalog/entities']['get']>;
export type EntitySummary = EntityList['items'][number];
export type EntityDetail = Json<paths['/api/v1/catalog/entities/{kind}/{namespace}/{name}']['get']>;
export type Relation = EntityDetail['relations'][number];
export type Deployments = NonNullable<EntityDetail['deployments']>;
export type DocsPageList = Json<paths['/api/v1/catalog/entities/{kind}/{namespace}/{name}/docs']['get']>;
export type DocsPage = Json<paths['/api/v1/catalog/entities/{kind}/{namespace}/{name}/docs/{*}']['get']>;
export type DocsHit = Json<paths['/api/v1/catalog/docs/search']['get']>['items'][number];
export type LocationDetail = Json<paths['/api/v1/catalog/locations/{id}']['get']>;

/** The facets the catalog page filters by, in the order it shows them. */
export const facetNames = ['kind', 'type', 'owner', 'lifecycle', 'system', 'tag'] as const;
export type FacetName = (typeof facetNames)[number];
export type Selection = Record<FacetName, string[]>;

export interface EntitySearch {
  q: string;
  selection: Selection;
}

export function listEntities(
  search: EntitySearch,
  options: { cursor?: string | undefined; facets?: readonly FacetName[]; limit?: number },
) {
  const query = options.cursor
    ? // The cursor carries the filters and the search: it alone says which page comes next.
      { cursor: options.cursor, limit: options.limit ?? 50 }
    : {
        ...search.selection,
        ...(search.q.trim() ? { q: search.q.trim() } : {}),
        limit: options.limit ?? 50,
        ...(options.facets?.length ? { facets: options.facets.join(',') } : {}),
      };
  return call(api.GET('/api/v1/catalog/entities', { params: { query } }));
}

export function getEntity(e: EntityName) {
  return call(api.GET('/api/v1/catalog/entities/{kind}/{namespace}/{name}', { params: { path: e } }));
}

export function listDocs(e: EntityName) {
  return call(api.GET('/api/v1/catalog/entities/{kind}/{namespace}/{name}/docs', { params: { path: e } }));
}

/**
 * One docs page. The page path is the route's wildcard (`{*}`), which openapi-fetch's own
 * serialiser leaves unfilled, so it is written here: each segment encoded, the slashes kept.
 */
export function getDocsPage(e: EntityName, page: string) {
  return call(
    api.GET('/api/v1/catalog/entities/{kind}/{namespace}/{name}/docs/{*}', {
      params: { path: { ...e, '*': page } },
      pathSerializer: (template, params) =>
        template.replace(/\{([^{}]+)\}/g, (_, key: string) => {
          const value = String(params[key] ?? '');
          return key === '*' ? value.split('/').map(encodeURIComponent).join('/') : encodeURIComponent(value);
        }),
    }),
  );
}

export function searchDocs(q: string, limit = 8) {
  return call(api.GET('/api/v1/catalog/docs/search', { params: { query: { q, limit } } }));
}

export function getLocation(id: string) {
  return call(api.GET('/api/v1/catalog/locations/{id}', { params: { path: { id } } }));
}

export function refreshLocation(id: string) {
  return call(api.POST('/api/v1/catalog/locations/{id}/refresh', { params: { path: { id } } }));
}
