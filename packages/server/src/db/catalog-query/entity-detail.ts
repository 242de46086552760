import { notFound } from '@slipway/core';
import { type Kysely, sql } from 'kysely';
import type { Schema } from '../schema.ts';
import { filterCondition } from './fields.ts';
import type { EntityFilter } from './filter.ts';
import { documentColumns, withRelations } from './query-entities.ts';

/** An entity's reference as stored: kind:namespace/name, lower-cased. */
export function entityRef(kind: string, namespace: string, name: string): string {
  return `${kind}:${namespace}/${name}`.toLowerCase();
}

export interface RelatedEntity {
  type: string;
  targetRef: string;
  /** The related entity's kind and title, when the catalog holds it. */
  kind: string | null;
  title: string | null;
}

/** Where a Component that is also a Slipway service runs, and what. */
export interface ServiceDeployments {
  service: string;
  environments: Array<{
    name: string;
    type: string;
    current: { number: number; status: string; image: string | null; id: string } | null;
  }>;
}

export interface EntityDetail {
  ref: string;
  entity: Record<string, unknown>;
  relations: RelatedEntity[];
  errors: Array<{ path: string; message: string }>;
  locationId: string;
  sourcePath: string;
  updatedAt: string;
}

/** The document with Backstage's relations folded in; not found names the reference asked for. */
export async function entityDocument(db: Kysely<Schema>, ref: string): Promise<Record<string, unknown>> {
  const { rows } = await sql<Record<string, unknown>>`
    select ${documentColumns} from catalog_entities e where e.ref = ${ref}`.execute(db);
  if (!rows[0]) throw notFound(`Catalog entity ${ref}`, 'List entities with `slipway catalog list`.');
  return withRelations(rows[0]);
}

/** Documents for many references in their order; null where the catalog holds none. */
export async function entityDocuments(
  db: Kysely<Schema>,
  refs: readonly string[],
  filter: EntityFilter = [],
): Promise<Array<Record<string, unknown> | null>> {
  if (refs.length === 0) return [];
  const wanted = refs.map((r) => r.toLowerCase());
  const { rows } = await sql<Record<string, unknown>>`
    select e.ref, ${documentColumns} from catalog_entities e
    where e.ref = any(${wanted}::text[]) and ${filterCondition(filter)}`.execute(db);
  const byRef = new Map(rows.map((row) => [row.ref as string, withRelations(row)]));
  return wanted.map((ref) => byRef.get(ref) ?? null);
}

/** One entity with its relations (each with the related entity's kind and title) and its problems. */
export async function entityDetail(db: Kysely<Schema>, ref: string): Promise<EntityDetail> {
  const row = await db
    .selectFrom('catalog_entities')
    .select(['ref', 'entity', 'errors', 'location_id', 'source_path', 'updated_at'])
    .where('ref', '=', ref)
    .executeTakeFirst();
  if (!row) throw notFound(`Catalog entity ${ref}`, 'List entities with `slipway catalog list`.');
  // Both directions are stored as rows of their own, so this entity's rows are all of them.
  const { rows } = await sql<RelatedEntity>`
    select r.type, r.target_ref as "targetRef", t.entity ->> 'kind' as kind, nullif(t.title, '') as title
    from (select distinct type, target_ref from catalog_relations where source_ref = ${ref}) r
    left join catalog_entities t on t.ref = lower(r.target_ref)
    order by r.type, r.target_ref`.execute(db);
  return {
    ref: row.ref,
    entity: row.entity as Record<string, unknown>,
    relations: rows,
    errors: row.errors,
    locationId: row.location_id,
    sourcePath: row.source_path,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/**
 * The environments a service has releases in and what runs in each: the newest healthy
 * release, or else the newest that got applied (as `currentReleases` decides). Undefined when
 * no Slipway service has this name, or the caller may not read it.
 */
export async function serviceDeployments(
  db: Kysely<Schema>,
  name: string,
  readable: string[] | null,
): Promise<ServiceDeployments | undefined> {
  const service = await db.selectFrom('services').select(['id', 'name']).where('name', '=', name).executeTakeFirst();
  if (!service || (readable !== null && !readable.includes(service.id))) return undefined;
  const { rows } = await sql<{
    name: string;
    type: string;
    id: string | null;
    number: number | null;
    status: string | null;
    image: string | null;
  }>`
    select env.name, env.type, cur.id, cur.number, cur.status, cur.image
    from environments env
    join (select distinct environment_id from releases where service_id = ${service.id}) used
      on used.environment_id = env.id
    left join lateral (
      select r.id, r.number, r.status, r.image from releases r
      where r.service_id = ${service.id} and r.environment_id = env.id and r.started_at is not null
        and r.status in ('progressing', 'verifying', 'healthy', 'degraded')
      order by (r.status = 'healthy') desc, r.number desc limit 1) cur on true
    where env.deleted_at is null
    order by env.name`.execute(db);
  return {
    service: service.name,
    environments: rows.map((r) => ({
      name: r.name,
      type: r.type,
      current:
        r.id === null ? null : { id: r.id, number: Number(r.number), status: r.status as string, image: r.image },
    })),
  };
}

/** The registered location an entity was read from, as Backstage's `getLocationByEntity` answers it. */
export async function entityLocation(
  db: Kysely<Schema>,
  ref: string,
): Promise<{ id: string; type: 'git' | 'url'; target: string }> {
  const row = await db
    .selectFrom('catalog_entities as e')
    .innerJoin('catalog_locations as l', 'l.id', 'e.location_id')
    .select(['l.id', 'l.type', 'l.target'])
    .where('e.ref', '=', ref)
    .executeTakeFirst();
  if (!row) throw notFound(`Catalog entity ${ref}`, 'List entities with `slipway catalog list`.');
  return row;
}
