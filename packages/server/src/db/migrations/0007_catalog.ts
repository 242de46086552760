/**
 * The software catalog: Backstage entities read from locations (Git repositories, URLs), with
 * their relations in both directions and the problems found while reading them. Entities are
 * stored as read (the whole document in `entity`) plus the columns queries filter on, and a
 * full-text vector; relations are rows, so a graph query is an index lookup. Frozen once released.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('catalog_locations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // git: a repository any `git clone` reaches; url: one YAML file over HTTP(S).
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    // Branch or tag for git; '' means the remote's default branch.
    .addColumn('ref', 'text', (c) => c.notNull().defaultTo(''))
    // Globs of files to read inside a git repository, e.g. {'**/catalog-info.yaml'}.
    .addColumn('paths', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    // The commit (git) or content digest (url) last read: an unchanged source is not re-read.
    .addColumn('revision', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('refreshed_at', 'timestamptz')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('catalog_locations_source_key', ['type', 'target', 'ref'])
    .execute();

  await db.schema
    .createTable('catalog_entities')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // kind:namespace/name, lower-cased: Backstage's entity reference, unique across sources.
    .addColumn('ref', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('namespace', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('lifecycle', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('system', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // The document as read (with metadata.uid and etag filled in), served back as is.
    .addColumn('entity', 'jsonb', (c) => c.notNull())
    .addColumn('location_id', 'uuid', (c) => c.notNull().references('catalog_locations.id').onDelete('cascade'))
    // The file inside the location it came from, e.g. services/web/catalog-info.yaml.
    .addColumn('source_path', 'text', (c) => c.notNull().defaultTo(''))
    // Digest of the document: a refresh that finds it unchanged writes nothing.
    .addColumn('hash', 'text', (c) => c.notNull())
    // Problems with this entity: [{ path, message }] (validation, unresolved relations).
    .addColumn('errors', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('search', sql`tsvector`, (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  for (const column of ['kind', 'namespace', 'owner', 'type', 'lifecycle', 'system', 'location_id']) {
    await db.schema.createIndex(`catalog_entities_${column}_idx`).on('catalog_entities').column(column).execute();
  }
  await sql`create index catalog_entities_tags_idx on catalog_entities using gin (tags)`.execute(db);
  await sql`create index catalog_entities_search_idx on catalog_entities using gin (search)`.execute(db);

  // One row per direction: ownedBy and ownerOf are both stored, each owned by the entity
  // whose document produced it, so re-reading that entity replaces exactly its relations.
  await db.schema
    .createTable('catalog_relations')
    .addColumn('origin_id', 'uuid', (c) => c.notNull().references('catalog_entities.id').onDelete('cascade'))
    .addColumn('source_ref', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('target_ref', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalog_relations_pkey', ['origin_id', 'source_ref', 'type', 'target_ref'])
    .execute();
  await db.schema.createIndex('catalog_relations_source_idx').on('catalog_relations').column('source_ref').execute();
  await db.schema.createIndex('catalog_relations_target_idx').on('catalog_relations').column('target_ref').execute();

  // Problems that belong to no stored entity: a file that is not YAML, a document that is no
  // entity, a second source claiming an entity another location owns.
  await db.schema
    .createTable('catalog_errors')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('location_id', 'uuid', (c) => c.notNull().references('catalog_locations.id').onDelete('cascade'))
    .addColumn('source_path', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('entity_ref', 'text', (c) => c.notNull().defaultTo(''))
    // yaml | invalid | conflict | fetch
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('catalog_errors_location_idx').on('catalog_errors').column('location_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('catalog_errors').execute();
  await db.schema.dropTable('catalog_relations').execute();
  await db.schema.dropTable('catalog_entities').execute();
  await db.schema.dropTable('catalog_locations').execute();
}
