/**
 * Runs of golden-path templates: who ran which template with what (secrets redacted), each
 * step's status, and the run's log as numbered lines so a client can follow it and resume
 * where it left off (server-sent events' Last-Event-ID is the line's seq). Frozen once released.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('template_runs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // template:namespace/name, as the catalog spells it; built-ins live in namespace slipway.
    .addColumn('template_ref', 'text', (c) => c.notNull())
    .addColumn('parameters', 'jsonb', (c) => c.notNull())
    // queued | running | succeeded | failed
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('dry_run', 'boolean', (c) => c.notNull().defaultTo(false))
    // The owning team the run acts for (slipway:deploy's owner); null: the platform's.
    .addColumn('owner', 'text')
    // [{ id, name, action, status, startedAt, finishedAt, output }]
    .addColumn('steps', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // { links: [...], entityRef?, files? (dry run) }
    .addColumn('output', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('error', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('template_runs_created_by_idx').on('template_runs').column('created_by').execute();

  await db.schema
    .createTable('template_run_logs')
    .addColumn('run_id', 'uuid', (c) => c.notNull().references('template_runs.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    // step: a step's status changed (message: the status); log: a line of a step's log; run: the end.
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('step_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('template_run_logs_pkey', ['run_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('template_run_logs').execute();
  await db.schema.dropTable('template_runs').execute();
}
