/**
 * Docs of catalog entities: the Markdown pages of a Component's (System's, API's) repository,
 * rendered and sanitised at ingestion so reading a page is one row, with a full-text vector
 * for searching across all docs. Pages belong to their entity and go with it. Frozen once released.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('catalog_docs')
    .addColumn('entity_id', 'uuid', (c) => c.notNull().references('catalog_entities.id').onDelete('cascade'))
    // Relative to the docs folder, e.g. index.md or guides/setup.md.
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    // Sanitised HTML, served as is; links between pages already point at the API's page paths.
    .addColumn('html', 'text', (c) => c.notNull())
    // The page's words without markup: what search vectors and snippets are made from.
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('search', sql`tsvector`, (c) => c.notNull())
    // Digest of title, html and text: a refresh that renders the same page writes nothing.
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('catalog_docs_pkey', ['entity_id', 'path'])
    .execute();
  await sql`create index catalog_docs_search_idx on catalog_docs using gin (search)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('catalog_docs').execute();
}
