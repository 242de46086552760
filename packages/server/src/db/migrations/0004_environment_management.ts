/**
 * Environment management: registered clusters (credentials sealed), platform-defined
 * environment types, environments with a lifecycle (paused, deleting, deleted; kept for their
 * release history), approvals of releases to protected environments, deploy freezes, and
 * pull-request previews. Frozen once released.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('clusters')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('server', 'text', (c) => c.notNull())
    // A kubeconfig, sealed with the key ring (envelope encryption); never returned by the API.
    .addColumn('credentials', 'text', (c) => c.notNull())
    .addColumn('version', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('unknown'))
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('checked_at', 'timestamptz')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('environment_types')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('spec', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .alterTable('environments')
    // Null: the cluster Slipway's own configuration points at.
    .addColumn('cluster_id', 'uuid', (c) => c.references('clusters.id').onDelete('restrict'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_by', 'text', (c) => c.notNull().defaultTo('slipway'))
    .addColumn('origin', 'jsonb')
    .addColumn('schedule', 'jsonb')
    // The schedule's last firing acted on: a person resuming by hand is not overruled until the next.
    .addColumn('schedule_applied_at', 'timestamptz')
    .addColumn('expires_at', 'timestamptz')
    .addColumn('paused_at', 'timestamptz')
    .addColumn('deleted_at', 'timestamptz')
    .execute();
  // A deleted environment keeps its row (its releases are history), so its name is free again.
  await db.schema.alterTable('environments').dropConstraint('environments_name_key').execute();
  await db.schema
    .createIndex('environments_live_name_key')
    .on('environments')
    .column('name')
    .unique()
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();
  // Two live environments never share a namespace of one cluster.
  await sql`create unique index environments_live_namespace_key on environments
    (coalesce(cluster_id, '00000000-0000-0000-0000-000000000000'::uuid), namespace) where deleted_at is null`.execute(
    db,
  );

  await db.schema
    .alterTable('releases')
    .addColumn('promoted_from', 'uuid', (c) => c.references('releases.id').onDelete('set null'))
    .addColumn('approval_expires_at', 'timestamptz')
    // What the deploy was given besides the workload (image override, file contents), so a
    // promotion or a clone can render the same release for another environment.
    .addColumn('inputs', 'jsonb')
    .execute();

  await db.schema
    .createTable('release_approvals')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('release_id', 'uuid', (c) => c.notNull().references('releases.id').onDelete('cascade'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('release_approvals_release_idx').on('release_approvals').column('release_id').execute();

  await db.schema
    .createTable('deploy_freezes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('environment_types', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('environments', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('preview_sources')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('repository', 'text', (c) => c.notNull().unique())
    .addColumn('spec', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // GitHub redelivers; a delivery id seen once is answered without acting twice.
  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('result', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('webhook_deliveries').execute();
  await db.schema.dropTable('preview_sources').execute();
  await db.schema.dropTable('deploy_freezes').execute();
  await db.schema.dropTable('release_approvals').execute();
  await db.schema
    .alterTable('releases')
    .dropColumn('inputs')
    .dropColumn('approval_expires_at')
    .dropColumn('promoted_from')
    .execute();
  await db.schema.dropIndex('environments_live_namespace_key').execute();
  await db.schema.dropIndex('environments_live_name_key').execute();
  await db.schema.alterTable('environments').addUniqueConstraint('environments_name_key', ['name']).execute();
  await db.schema
    .alterTable('environments')
    .dropColumn('deleted_at')
    .dropColumn('paused_at')
    .dropColumn('expires_at')
    .dropColumn('schedule_applied_at')
    .dropColumn('schedule')
    .dropColumn('origin')
    .dropColumn('created_by')
    .dropColumn('status')
    .dropColumn('cluster_id')
    .execute();
  await db.schema.dropTable('environment_types').execute();
  await db.schema.dropTable('clusters').execute();
}
