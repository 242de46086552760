/**
 * The portal's catalog filters a kind and a tag together (`kind=component&tag=payments`). With
 * an index per column, PostgreSQL ANDed the tag's GIN bitmap (4,378 entries at 100,000
 * entities) with the kind's B-tree bitmap (70,000 components): the kind's scan was 5–6 of the
 * page's 15–17 ms on PostgreSQL. One GIN index over both columns (btree_gin, which PostgreSQL
 * ships and trusts, so the database's owner may create it) finds the pair in one scan: the page
 * 17.5 → 7–12 ms on PostgreSQL, the facet counts 16.9 → 12.9 ms p50 on PGlite. GIN looks each
 * column up on its own, so it serves a tag alone as the tags' index did, which it replaces.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists btree_gin`.execute(db);
  await sql`create index catalog_entities_kind_tags_idx on catalog_entities using gin (kind, tags)`.execute(db);
  await sql`drop index catalog_entities_tags_idx`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create index catalog_entities_tags_idx on catalog_entities using gin (tags)`.execute(db);
  await sql`drop index catalog_entities_kind_tags_idx`.execute(db);
}
