import type { Kysely } from 'kysely';
import { entityFacets, type FacetQuery, type Facets } from '../db/catalog-query/facets.ts';
import { ChangeCache, watchChanges } from '../db/change-cache.ts';
import type { Database } from '../db/database.ts';
import type { Schema } from '../db/schema.ts';

/**
 * Facet counts remembered until the catalog changes. Counting reads every entity a filter keeps
 * (the portal's first catalog request, six facets over 100,000 entities, takes a third of a
 * second on PGlite), while the catalog changes only when a location is refreshed, registered or
 * removed: between changes the same counts are asked for again and again (every visit to the
 * catalog page, every facet click back and forth). Any write to the entities or their relations
 * forgets every count, on every replica (db/change-cache.ts, migration 0034); `maxAgeMs` bounds
 * an entry's life all the same. Pages are not remembered: only the counts.
 */
export const catalogTables = ['catalog_entities', 'catalog_relations'] as const;
/** The channel replicas tell each other on (written by the triggers of migration 0034). */
export const catalogChannel = 'slipway_catalog';

const maxAgeMs = 5 * 60_000;
const maxEntries = 500;
/** Facet values held in all, about 100 bytes each: some 20 MB at most. */
const maxValues = 200_000;

export class FacetCache {
  readonly #counts: ChangeCache<Facets>;

  constructor() {
    this.#counts = new ChangeCache<Facets>({
      ttlMs: maxAgeMs,
      maxEntries,
      weigh: (facets) => Object.values(facets).reduce((sum, values) => sum + values.length, 1),
      maxWeight: maxValues,
    });
  }

  /** The counts of `entityFacets`, from memory when the catalog has not changed since. */
  facets(
    db: Kysely<Schema>,
    query: FacetQuery,
    fields: readonly string[],
    options: { asWritten?: boolean },
    now: number,
  ): Promise<Facets> {
    const key = JSON.stringify([query.filter, query.text?.term ?? '', query.text?.fields ?? [], fields, options]);
    return this.#counts.get(key, now, () => entityFacets(db, query, fields, options));
  }

  invalidate(): void {
    this.#counts.invalidate();
  }
}

/** A facet cache forgotten whenever the catalog changes, here or on another replica. */
export async function watchedFacetCache(database: Database): Promise<{ cache: FacetCache; close(): Promise<void> }> {
  const cache = new FacetCache();
  const close = await watchChanges(
    database,
    // A location's deletion takes its entities with it (cascade), unseen by the statement's tree.
    { tables: catalogTables, cascadingFrom: ['catalog_locations'], channel: catalogChannel },
    () => cache.invalidate(),
  );
  return { cache, close };
}
