import { notFound } from '@slipway/core';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Schema } from '../schema.ts';

/** Kinds whose docs are read; Backstage shows TechDocs on these. */
export const documentedKinds = ['component', 'system', 'api'];

export interface DocumentedEntity {
  id: string;
  ref: string;
  entity: Record<string, unknown>;
  sourcePath: string;
}

/** The stored pages of some entities: entity id → path → hash. */
export async function storedPageHashes(
  db: Kysely<Schema>,
  entityIds: string[],
): Promise<Map<string, Map<string, string>>> {
  const byEntity = new Map<string, Map<string, string>>();
  if (entityIds.length === 0) return byEntity;
  const rows = await db
    .selectFrom('catalog_docs')
    .select(['entity_id', 'path', 'hash'])
    .where('entity_id', 'in', entityIds)
    .execute();
  for (const r of rows) {
    const pages = byEntity.get(r.entity_id) ?? new Map<string, string>();
    pages.set(r.path, r.hash);
    byEntity.set(r.entity_id, pages);
  }
  return byEntity;
}

export interface DocPageWrite {
  entityId: string;
  path: string;
  title: string;
  html: string;
  text: string;
  hash: string;
}

/** Inserts or rewrites one page; the title weighs more than the body in search. */
export async function writeDocPage(db: Kysely<Schema>, page: DocPageWrite, now: Date): Promise<void> {
  const search = sql`setweight(to_tsvector('simple', ${page.title}), 'A') || setweight(to_tsvector('simple', ${page.text}), 'B')`;
  const values = { title: page.title, html: page.html, text: page.text, search, hash: page.hash, updated_at: now };
  await db
    .insertInto('catalog_docs')
    .values({ entity_id: page.entityId, path: page.path, ...values })
    .onConflict((oc) => oc.columns(['entity_id', 'path']).doUpdateSet(values))
    .execute();
}

export async function deleteDocPages(db: Kysely<Schema>, entityId: string, paths: string[]): Promise<void> {
  if (paths.length === 0) return;
  await db.deleteFrom('catalog_docs').where('entity_id', '=', entityId).where('path', 'in', paths).execute();
}

const noDocsHint =
  "Docs are read from the `docs/` folder next to the entity's catalog-info.yaml, or the folder its `backstage.io/techdocs-ref: dir:…` annotation names; refresh its location after adding them.";

/** The pages of an entity, by path; not found when the entity is unknown or has none. */
export async function listDocPages(db: Kysely<Schema>, ref: string): Promise<Array<{ path: string; title: string }>> {
  const rows = await db
    .selectFrom('catalog_docs as d')
    .innerJoin('catalog_entities as e', 'e.id', 'd.entity_id')
    .select(['d.path', 'd.title'])
    .where('e.ref', '=', ref)
    .orderBy('d.path')
    .execute();
  if (rows.length === 0) throw notFound(`Docs of catalog entity ${ref}`, noDocsHint);
  return rows;
}

export async function getDocPage(
  db: Kysely<Schema>,
  ref: string,
  path: string,
): Promise<{ path: string; title: string; html: string; updatedAt: string }> {
  const row = await db
    .selectFrom('catalog_docs as d')
    .innerJoin('catalog_entities as e', 'e.id', 'd.entity_id')
    .select(['d.path', 'd.title', 'd.html', 'd.updated_at'])
    .where('e.ref', '=', ref)
    .where('d.path', '=', path)
    .executeTakeFirst();
  if (row) return { path: row.path, title: row.title, html: row.html, updatedAt: row.updated_at.toISOString() };
  await listDocPages(db, ref); // an entity without docs gets that hint rather than "no such page"
  throw notFound(`Docs page ${path} of ${ref}`, `List the entity's pages at its docs path.`);
}

export interface DocSearchHit {
  entityRef: string;
  path: string;
  title: string;
  snippet: string;
}

// Plain-text markers: the snippet is text, never HTML; the portal highlights between them.
export const snippetStart = '«';
export const snippetStop = '»';

/** Pages matching a tsquery, best first, with a short passage around the match. */
export async function searchDocPages(
  db: Kysely<Schema>,
  query: RawBuilder<unknown>,
  limit: number,
): Promise<DocSearchHit[]> {
  const options = `StartSel=${snippetStart}, StopSel=${snippetStop}, MaxWords=30, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "`;
  const { rows } = await sql<DocSearchHit>`
    select e.ref as "entityRef", d.path, d.title, ts_headline('simple', d.text, q, ${options}) as snippet
    from catalog_docs d
    join catalog_entities e on e.id = d.entity_id,
    lateral (select ${query} as q) query
    where d.search @@ q
    order by ts_rank(d.search, q) desc, e.ref, d.path
    limit ${limit}`.execute(db);
  return rows;
}
