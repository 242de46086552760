/**
 * A team's entities of one kind ("our components", Backstage's owned-by filter) are the most
 * asked-for catalog list. With an index on owner and another on kind, PostgreSQL ANDed their
 * bitmaps, and the kind's holds most of the catalog: at 100,000 entities it read 70,000 entries
 * of it (6–7 ms on PGlite) to narrow 2,500 rows to 1,750. One index on both finds the 1,750 at once.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index catalog_entities_owner_kind_idx on catalog_entities (owner, kind)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index catalog_entities_owner_kind_idx`.execute(db);
}
