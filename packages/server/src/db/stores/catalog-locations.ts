import { alreadyExists, notFound } from '@slipway/core';
import type { Kysely, Selectable } from 'kysely';
import type { CatalogLocationsTable, Schema } from '../schema.ts';
import { isUniqueViolation } from '../sql-errors.ts';

export type CatalogLocationRow = Selectable<CatalogLocationsTable>;

export interface NewCatalogLocation {
  type: 'git' | 'url';
  target: string;
  ref: string;
  paths: string[];
  createdBy: string;
}

export async function insertCatalogLocation(
  db: Kysely<Schema>,
  input: NewCatalogLocation,
): Promise<CatalogLocationRow> {
  try {
    return await db
      .insertInto('catalog_locations')
      .values({
        type: input.type,
        target: input.target,
        ref: input.ref,
        paths: input.paths,
        created_by: input.createdBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    if (isUniqueViolation(error))
      throw alreadyExists(`The location ${input.target}${input.ref ? `@${input.ref}` : ''} is registered already`);
    throw error;
  }
}

export async function getCatalogLocation(db: Kysely<Schema>, id: string): Promise<CatalogLocationRow> {
  const row = isUuid(id)
    ? await db.selectFrom('catalog_locations').selectAll().where('id', '=', id).executeTakeFirst()
    : undefined;
  if (!row) throw notFound(`There is no catalog location ${id}`);
  return row;
}

/** A location with how many entities it holds, in one query. */
export async function getCatalogLocationSummary(
  db: Kysely<Schema>,
  id: string,
): Promise<{ location: CatalogLocationRow; entities: number }> {
  const row = isUuid(id)
    ? await db
        .selectFrom('catalog_locations as l')
        .selectAll('l')
        .select((eb) =>
          eb
            .selectFrom('catalog_entities as e')
            .select(eb.fn.countAll<string>().as('n'))
            .whereRef('e.location_id', '=', 'l.id')
            .as('entity_count'),
        )
        .where('l.id', '=', id)
        .executeTakeFirst()
    : undefined;
  if (!row) throw notFound(`There is no catalog location ${id}`);
  const { entity_count, ...location } = row;
  return { location, entities: Number(entity_count ?? 0) };
}

export function listCatalogLocations(db: Kysely<Schema>): Promise<CatalogLocationRow[]> {
  return db.selectFrom('catalog_locations').selectAll().orderBy('created_at').orderBy('id').execute();
}

/** Deletes a location; its entities, their relations and its errors go with it (cascade). */
export async function deleteCatalogLocation(db: Kysely<Schema>, id: string): Promise<string[]> {
  await getCatalogLocation(db, id);
  const refs = await db.selectFrom('catalog_entities').select('ref').where('location_id', '=', id).execute();
  await db.deleteFrom('catalog_locations').where('id', '=', id).execute();
  return refs.map((r) => r.ref);
}

export async function countLocationEntities(db: Kysely<Schema>, id: string): Promise<number> {
  const row = await db
    .selectFrom('catalog_entities')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('location_id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function listLocationErrors(db: Kysely<Schema>, id: string) {
  return db
    .selectFrom('catalog_errors')
    .select(['source_path', 'entity_ref', 'kind', 'message'])
    .where('location_id', '=', id)
    .orderBy('source_path')
    .orderBy('created_at')
    .execute();
}

/**
 * Locations other than `except` that lost one of these entity refs to a conflict (another
 * location held it): they can have it once its holder lets go.
 */
export async function locationsInConflictOver(
  db: Kysely<Schema>,
  refs: readonly string[],
  except: string,
): Promise<string[]> {
  if (refs.length === 0) return [];
  const rows = await db
    .selectFrom('catalog_errors')
    .select('location_id')
    .distinct()
    .where('kind', '=', 'conflict')
    .where('entity_ref', 'in', refs)
    .where('location_id', '!=', except)
    .execute();
  return rows.map((r) => r.location_id);
}

/** Entities of a location that carry problems (validation, unresolved relations). */
export function listLocationEntityErrors(db: Kysely<Schema>, id: string) {
  return db
    .selectFrom('catalog_entities')
    .select(['ref', 'source_path', 'errors'])
    .where('location_id', '=', id)
    .where(({ eb, fn }) => eb(fn('jsonb_array_length', ['errors']), '>', 0))
    .orderBy('ref')
    .execute();
}

/** Records that a refresh failed before anything was read (the source is unreachable). */
export async function markLocationFailed(db: Kysely<Schema>, id: string, message: string, now: Date): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('catalog_locations')
      .set({ status: 'error', message, refreshed_at: now })
      .where('id', '=', id)
      .execute();
    await tx.deleteFrom('catalog_errors').where('location_id', '=', id).where('kind', '=', 'fetch').execute();
    await tx.insertInto('catalog_errors').values({ location_id: id, kind: 'fetch', message }).execute();
  });
}

export async function markLocationChecked(db: Kysely<Schema>, id: string, now: Date): Promise<void> {
  await db.updateTable('catalog_locations').set({ refreshed_at: now }).where('id', '=', id).execute();
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
