import type { Kysely } from 'kysely';
import type { Schema } from '../schema.ts';

/** A Template entity as the catalog holds it, with the location it was read from. */
export interface CatalogTemplateRow {
  entity: Record<string, unknown>;
  sourcePath: string;
  location: { type: 'git' | 'url'; target: string; ref: string };
}

/** The catalog's Template entities (kind compared without case), by namespace and name. */
export async function catalogTemplateEntities(db: Kysely<Schema>): Promise<CatalogTemplateRow[]> {
  const rows = await db
    .selectFrom('catalog_entities')
    .innerJoin('catalog_locations', 'catalog_locations.id', 'catalog_entities.location_id')
    .select([
      'catalog_entities.entity',
      'catalog_entities.source_path',
      'catalog_locations.type',
      'catalog_locations.target',
      'catalog_locations.ref',
    ])
    .where((eb) => eb(eb.fn('lower', ['catalog_entities.kind']), '=', 'template'))
    .orderBy('catalog_entities.namespace')
    .orderBy('catalog_entities.name')
    .execute();
  return rows.map((r) => ({
    entity: r.entity as Record<string, unknown>,
    sourcePath: r.source_path,
    location: { type: r.type, target: r.target, ref: r.ref },
  }));
}
