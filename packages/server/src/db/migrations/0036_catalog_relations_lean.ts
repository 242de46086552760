/**
 * A relation row costs its refresh more than its entity does: at 100,000 entities each entity
 * writes about 8 of them, and one refresh's insert (20 entities, ~165 relation rows) spent
 * 4.2 ms of PostgreSQL's CPU, 1.1 ms of it on two checks per row that nothing needs: the
 * foreign key to the entity (a lookup and a row lock each) and a four-column primary key (the
 * rows' texts compared again in a wide index). Every row is written with the entity that owns
 * it, in the same statement or under the catalog's write lock, and relationRows never repeats a
 * row. What the foreign key did that matters, deleting an entity's rows with it, is done here
 * by one statement-level trigger for all the entities a statement deleted (a location's cascade
 * included). An index on origin_id keeps replacing an entity's rows an index scan.
 * Measured, one insert replayed 64 times into 96,000 entities: 4.2 → 3.1 ms.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table catalog_relations drop constraint catalog_relations_origin_id_fkey`.execute(db);
  await sql`alter table catalog_relations drop constraint catalog_relations_pkey`.execute(db);
  await sql`create index catalog_relations_origin_idx on catalog_relations (origin_id)`.execute(db);
  await sql`
    create function slipway_catalog_relations_owner_gone() returns trigger language plpgsql as $$
    begin
      delete from catalog_relations where origin_id in (select id from gone);
      return null;
    end $$`.execute(db);
  await sql`create trigger slipway_catalog_relations_owner_gone after delete on catalog_entities
    referencing old table as gone for each statement execute function slipway_catalog_relations_owner_gone()`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger slipway_catalog_relations_owner_gone on catalog_entities`.execute(db);
  await sql`drop function slipway_catalog_relations_owner_gone()`.execute(db);
  await sql`drop index catalog_relations_origin_idx`.execute(db);
  await sql`alter table catalog_relations add constraint catalog_relations_pkey
    primary key (origin_id, source_ref, type, target_ref)`.execute(db);
  await sql`alter table catalog_relations add constraint catalog_relations_origin_id_fkey
    foreign key (origin_id) references catalog_entities (id) on delete cascade`.execute(db);
}
