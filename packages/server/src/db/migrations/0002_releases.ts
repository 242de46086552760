/**
 * Deployments: environments, services, and their releases. A release is immutable once
 * created (its workload, rendered objects and hash never change); only its progress
 * (status, message, health, timestamps) moves on. Frozen once released.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('environments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('namespace', 'text', (c) => c.notNull())
    .addColumn('settings', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('services')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('releases')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addColumn('environment_id', 'uuid', (c) => c.notNull().references('environments.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('image', 'text')
    .addColumn('commit_sha', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('workload', 'jsonb', (c) => c.notNull())
    .addColumn('objects', 'jsonb', (c) => c.notNull())
    .addColumn('rollback_of', 'uuid', (c) => c.references('releases.id').onDelete('set null'))
    .addColumn('auto_rollback', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('health', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addUniqueConstraint('releases_service_environment_number_key', ['service_id', 'environment_id', 'number'])
    .execute();

  // The engine looks for unfinished work on every start and every tick.
  await db.schema
    .createIndex('releases_unfinished_idx')
    .on('releases')
    .columns(['service_id', 'environment_id', 'number'])
    .where(sql.ref('status'), 'in', sql`('queued', 'applying', 'progressing')`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('releases').execute();
  await db.schema.dropTable('services').execute();
  await db.schema.dropTable('environments').execute();
}
