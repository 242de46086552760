/**
 * Scorecards (docs/scorecards.md): the scorecards as saved (their spec, compiled on save), and
 * the history of each service's result per scorecard. A result row is written when the result
 * changes, and one a day besides, so a drop shows and a steady service adds a row a day at most.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('scorecards')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('spec', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('scorecard_results')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('scorecard', 'text', (c) => c.notNull().references('scorecards.name').onDelete('cascade'))
    // By name, like the catalog: a scorecard may judge a service known only to the catalog.
    .addColumn('service', 'text', (c) => c.notNull())
    // Null: not even the lowest level is reached.
    .addColumn('level', 'text')
    .addColumn('score', 'integer', (c) => c.notNull())
    // Per rule: id, level, weight, status (pass, fail, error) and the error's message.
    .addColumn('rules', 'jsonb', (c) => c.notNull())
    .addColumn('evaluated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('scorecard_results_latest_idx')
    .on('scorecard_results')
    .columns(['scorecard', 'service', 'evaluated_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('scorecard_results').execute();
  await db.schema.dropTable('scorecards').execute();
}
