/**
 * Replicas remember facet counts between catalog changes (catalog/facet-cache.ts). When an
 * entity or a relation is written, every replica must forget at once: these triggers send a
 * NOTIFY on `slipway_catalog` from the statement that wrote them, delivered when its
 * transaction commits (once per transaction: PostgreSQL folds repeats), whoever wrote it.
 * A location's deletion reaches its entities by cascade, which fires their trigger too.
 */
import { type Kysely, sql } from 'kysely';

const tables = ['catalog_entities', 'catalog_relations'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION slipway_catalog_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('slipway_catalog', '');
      RETURN NULL;
    END $$`.execute(db);
  for (const table of tables) {
    await sql`CREATE TRIGGER slipway_catalog_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
      ON ${sql.table(table)} FOR EACH STATEMENT EXECUTE FUNCTION slipway_catalog_changed()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of tables) await sql`DROP TRIGGER slipway_catalog_changed ON ${sql.table(table)}`.execute(db);
  await sql`DROP FUNCTION slipway_catalog_changed()`.execute(db);
}
