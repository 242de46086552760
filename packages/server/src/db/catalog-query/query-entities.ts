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
 * One page of entities and the total. Later pages carry the total in their cursor, so deep pages
 * neither count again nor skip rows: in the default order they start after the last row of the
 * page before.
 */
async function page<T>(
  db: Kysely<Schema>,
  query: EntityQuery,
  columns: RawBuilder<unknown>,
  map: (row: Record<string, unknown>) => T,
): Promise<EntityPage<T>> {
  checkLimit(query.limit);
  const where = whereOf(query);
  const { rows, totalItems } = keyed(query)
    ? await pageInNameOrder(db, query, where, columns)
    : await pageInOtherOrder(db, query, where, columns);
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

type PageRows = { rows: Array<Record<string, unknown>>; totalItems: number };

/**
 * A page in name order (the default). PostgreSQL left to choose walks the name index for a
 * LIMIT whenever it guesses the matches are spread evenly through the names; when they cluster
 * (the components tagged `payments` are named `payments-…`) it read 68,713 rows to find 20
 * (157 ms at 100,000 entities). And a window count over many matches made it read and sort
 * them all (the first page of 70,000 components: 271 ms). So the share of the catalog the
 * filter keeps decides (PostgreSQL's estimate for a first page, the total after a cursor):
 * - up to a quarter: one statement reads the matches through the filter's indexes (at most a
 *   quarter of the rows: past that it was a bad guess), then counts and sorts them;
 * - more: they are counted on their own (from an index where one serves), and the page walks
 *   the name index, which meets a match every few rows.
 * Either way the columns are read for the page's rows only.
 */
async function pageInNameOrder(
  db: Kysely<Schema>,
  query: EntityQuery,
  where: RawBuilder<boolean>,
  columns: RawBuilder<unknown>,
): Promise<PageRows> {
  const range = {
    start: query.after ? sql`and (e.name, e.ref) > (${query.after.name}, ${query.after.ref})` : sql``,
    skip: query.after ? 0 : query.offset,
    limit: query.limit,
  };
  const guess = await estimate(db, where);
  const quarter = Math.ceil(guess.rows / 4);
  if (query.totalItems === undefined && !query.after && guess.matches <= quarter) {
    const { rows } = await sql<Record<string, unknown> & { total_items: string | number }>`
      select ${columns}, p.name as key_name, p.ref as key_ref, p.total_items
      from (select m.id, m.name, m.ref, count(*) over () as total_items
        from (select e.id, e.name, e.ref from catalog_entities e where ${where} limit ${quarter + 1}) m
        order by m.name, m.ref limit ${range.limit} offset ${range.skip}) p
      join catalog_entities e on e.id = p.id order by p.name, p.ref`.execute(db);
    const counted = rows[0] ? Number(rows[0].total_items) : undefined;
    if (counted !== undefined && counted <= quarter) return { rows, totalItems: counted };
    // More than guessed (the page is of a part of them), or a page past the end: count.
  }
  const totalItems = query.totalItems ?? (await count(db, where));
  const matches =
    totalItems > quarter
      ? sql`select e.id, e.name, e.ref from catalog_entities e where ${where} ${range.start}
          order by e.name, e.ref limit ${range.limit} offset ${range.skip}`
      : sql`select m.id, m.name, m.ref from (select e.id, e.name, e.ref from catalog_entities e
          where ${where} ${range.start} offset 0) m order by m.name, m.ref limit ${range.limit} offset ${range.skip}`;
  const { rows } = await sql<Record<string, unknown>>`
    select ${columns}, p.name as key_name, p.ref as key_ref
    from (${matches}) p join catalog_entities e on e.id = p.id
    order by p.name, p.ref`.execute(db);
  return { rows, totalItems };
}

type PlanNode = { 'Plan Rows': number; Plans?: PlanNode[] };

/** How many rows PostgreSQL expects the filter to keep, and the catalog to hold: planned, not run. */
async function estimate(db: Kysely<Schema>, where: RawBuilder<boolean>): Promise<{ matches: number; rows: number }> {
  const { rows } = await sql<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>`
    explain (format json) select 1 from catalog_entities e where ${where}
    union all select 1 from catalog_entities`.execute(db);
  const [matches, all] = rows[0]?.['QUERY PLAN'][0]?.Plan.Plans ?? [];
  return { matches: matches?.['Plan Rows'] ?? 0, rows: all?.['Plan Rows'] ?? 0 };
}

/** A search by relevance or another order reads every match anyway: a window counts them on the way. */
async function pageInOtherOrder(
  db: Kysely<Schema>,
  query: EntityQuery,
  where: RawBuilder<boolean>,
  columns: RawBuilder<unknown>,
): Promise<PageRows> {
  const counted = query.totalItems === undefined ? sql`, count(*) over () as total_items` : sql``;
  const { rows } = await sql<Record<string, unknown> & { total_items?: string | number }>`
    select ${columns}, e.name as key_name, e.ref as key_ref ${counted}
    from catalog_entities e where ${where}
    order by ${orderOf(query)} limit ${query.limit} offset ${query.offset}`.execute(db);
  const totalItems = query.totalItems ?? (rows[0] ? Number(rows[0].total_items) : await count(db, where));
  return { rows, totalItems };
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
