/**
 * Policies platform engineers write in CEL (docs/cel.md): checked at every deploy and promotion
 * beside the built-in policies of environment types. The source is stored and compiled again on
 * load; `match` is `{environmentTypes?, teams?, services?}` as JSON.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cel_policies')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('expression', 'text', (c) => c.notNull())
    .addColumn('message_expression', 'text')
    .addColumn('remedy', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('match', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('cel_policies').execute();
}
