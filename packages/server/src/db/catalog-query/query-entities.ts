import { invalidInput } from '@slipway/core';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Schema } from '../schema.ts';
import { type CursorState, encodeCursor, type FullTextFilter, type OrderField } from './cursor.ts';
import { filterCondition, textOf } from './fields.ts';
import type { EntityFilter } from './filter.ts';
import { searchQuery } from './full-text.ts';

/** One query over the catalog; a page of it is `limit` entities from `offset`. */
export interface EntityQuery {
  filter: EntityFilter;
  text?: FullTextFilter | undefined;
  /** Left out: by relevance when searching, then by name. */
  order?: OrderField[] | undefined;
  limit: number;
  offset: number;
  /** From a cursor: where the page starts in the default order, instead of skipping `offset` rows. */
  after?: { name: string; ref: string } | undefined;
  /** From a cursor: the total the first page counted. */
  totalItems?: number | undefined;
}

/** An entity as lists show it: its columns, not its document. */
export interface EntitySummary {
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  title: string;
  description: string;
  type: string;
  owner: string;
  lifecycle: string;
  system: string;
  tags: string[];
  errorCount: number;
}

export interface EntityPage<T> {
  items: T[];
  totalItems: number;
  nextCursor?: string;
  prevCursor?: string;
}

export const maxLimit = 1000;

/** The WHERE clause of a query: its filter and its search; shared by pages and facets. */
export function whereOf(query: Pick<EntityQuery, 'filter' | 'text'>): RawBuilder<boolean> {
  const filter = filterCondition(query.filter);
  const text = query.text?.term.trim();
  if (!text) return filter;
  if (query.text?.fields?.length) {
    // Backstage's fullTextFilterFields: a substring of any of those fields.
    const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const any = query.text.fields.map((f) => sql`lower(${textOf(f)}) like ${pattern}`);
    return sql<boolean>`(${filter} and (${sql.join(any, sql` or `)}))`;
  }
  const tsquery = searchQuery(text);
  return tsquery ? sql<boolean>`(${filter} and e.search @@ ${tsquery})` : filter;
}

function orderOf(query: EntityQuery): RawBuilder<unknown> {
  const by = (query.order ?? []).map(
    (o) => sql`lower(${textOf(o.field)}) ${sql.raw(o.order === 'desc' ? 'desc' : 'asc')} nulls last`,
  );
  const text = query.text?.term.trim();
  const tsquery = text && !query.text?.fields?.length && by.length === 0 ? searchQuery(text) : null;
  // Relevance first when searching; the ref last, so equal sort keys still page stably.
  const relevance = tsquery ? [sql`ts_rank(e.search, ${tsquery}) desc`] : [];
  const fallback = by.length === 0 ? [sql`e.name`] : [];
  return sql.join([...relevance, ...by, ...fallback, sql`e.ref`], sql`, `);
}

/** Pages in the default order (name, then ref) start after the last row seen, not at an offset. */
function keyed(query: EntityQuery): boolean {
  const searching = query.text?.term.trim() && !query.text.fields?.length && searchQuery(query.text.term.trim());
  return (query.order ?? []).length === 0 && !searching;
}

/**
 * One page of entities and the total. The first page counts the total along with its rows (a
 * window count) and later pages carry it in the cursor, so deep pages neither count again nor
 * skip rows: in the default order they start after the last row of the page before.
 */
async function page<T>(
  db: Kysely<Schema>,
  query: EntityQuery,
  columns: RawBuilder<unknown>,
  map: (row: Record<string, unknown>) => T,
): Promise<EntityPage<T>> {
  checkLimit(query.limit);
  const where = whereOf(query);
  const after = keyed(query) ? query.after : undefined;
  const start = after ? sql`and (e.name, e.ref) > (${after.name}, ${after.ref})` : sql``;
  const counted = query.totalItems === undefined ? sql`, count(*) over () as total_items` : sql``;
  const { rows } = await sql<Record<string, unknown> & { total_items?: string | number; key_name: string }>`
    select ${columns}, e.name as key_name, e.ref as key_ref ${counted}
    from catalog_entities e where ${where} ${start}
    order by ${orderOf(query)} limit ${query.limit} offset ${after ? 0 : query.offset}`.execute(db);
  const totalItems = query.totalItems ?? (rows[0] ? Number(rows[0].total_items) : await count(db, where));
  const state = (offset: number, from?: Record<string, unknown>): CursorState => ({
    filter: query.filter,
    ...(query.text ? { text: query.text } : {}),
    order: query.order ?? [],
    offset,
    ...(from && keyed(query) ? { after: { name: from.key_name as string, ref: from.key_ref as string } } : {}),
    totalItems,
  });
  const next = query.offset + query.limit;
  return {
    items: rows.map(map),
    totalItems,
    ...(next < totalItems && rows.length > 0 ? { nextCursor: encodeCursor(state(next, rows.at(-1))) } : {}),
    ...(query.offset > 0 ? { prevCursor: encodeCursor(state(Math.max(0, query.offset - query.limit))) } : {}),
  };
}

async function count(db: Kysely<Schema>, where: RawBuilder<boolean>): Promise<number> {
  const { rows } = await sql<{
    n: string | number;
  }>`select count(*) as n from catalog_entities e where ${where}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

function checkLimit(limit: number) {
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
    throw invalidInput(`limit must be between 1 and ${maxLimit}`, [
      { path: '/limit', message: `1 to ${maxLimit}`, in: 'query' },
    ]);
  }
}

const summaryColumns = sql`e.ref, e.kind, e.namespace, e.name, e.title, e.description, e.type, e.owner,
  e.lifecycle, e.system, e.tags, jsonb_array_length(e.errors) as error_count`;

export function queryEntitySummaries(db: Kysely<Schema>, query: EntityQuery): Promise<EntityPage<EntitySummary>> {
  return page(db, query, summaryColumns, (row) => ({
    ref: row.ref as string,
    kind: row.kind as string,
    namespace: row.namespace as string,
    name: row.name as string,
    title: row.title as string,
    description: row.description as string,
    type: row.type as string,
    owner: row.owner as string,
    lifecycle: row.lifecycle as string,
    system: row.system as string,
    tags: row.tags as string[],
    errorCount: Number(row.error_count),
  }));
}

/**
 * Whole documents, as Backstage serves them, with their relations folded in. The relations
 * come from the same statement (a correlated aggregate), so a page stays one round trip.
 */
export function queryEntityDocuments(
  db: Kysely<Schema>,
  query: EntityQuery,
): Promise<EntityPage<Record<string, unknown>>> {
  return page(db, query, documentColumns, (row) => withRelations(row));
}

export const documentColumns = sql`e.entity, e.errors, (select coalesce(jsonb_agg(jsonb_build_object('type', r.type,
  'targetRef', r.target_ref) order by r.type, r.target_ref), '[]'::jsonb)
  from (select distinct type, target_ref from catalog_relations where source_ref = e.ref) r) as relations`;

/**
 * The document with its relations as Backstage serves them: `{ type, targetRef }`. (Backstage's
 * catalog stopped sending the deprecated `target` object with its 1.0 release.) An entity's
 * problems become `status.items` of Backstage's catalog-processing type, where Backstage's
 * entity page looks for them.
 */
export function withRelations(row: Record<string, unknown>): Record<string, unknown> {
  const relations = (row.relations as Array<{ type: string; targetRef: string }>).map((r) => ({
    type: r.type,
    targetRef: r.targetRef,
  }));
  const entity = row.entity as Record<string, unknown>;
  const errors = (row.errors ?? []) as Array<{ path: string; message: string }>;
  if (errors.length === 0) return { ...entity, relations };
  return { ...entity, relations, status: withStatusItems(entity.status, errors) };
}

/** Backstage's `ENTITY_STATUS_CATALOG_PROCESSING_TYPE`. */
export const catalogProcessingStatus = 'backstage.io/catalog-processing';

function withStatusItems(status: unknown, errors: ReadonlyArray<{ path: string; message: string }>) {
  const own = typeof status === 'object' && status !== null ? (status as Record<string, unknown>) : {};
  const items = Array.isArray(own.items) ? own.items : [];
  const added = errors.map((e) => {
    const message = e.path ? `${e.path}: ${e.message}` : e.message;
    return {
      type: catalogProcessingStatus,
      level: 'error',
      message: `InputError: ${message}`,
      error: { name: 'InputError', message },
    };
  });
  return { ...own, items: [...items, ...added] };
}
