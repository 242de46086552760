import type { CatalogEntity, Verification } from '@slipway/core';
import type { Kysely } from 'kysely';
import type { Schema } from '../schema.ts';

/** The reads behind a service's CEL facts (standards/facts.ts), each on an index. */

export function serviceRow(db: Kysely<Schema>, name: string) {
  return db.selectFrom('services').select(['id', 'owner_team']).where('name', '=', name).executeTakeFirst();
}

export async function serviceEntity(db: Kysely<Schema>, name: string) {
  const row = await db
    .selectFrom('catalog_entities')
    .select(['id', 'entity'])
    .where('ref', '=', `component:default/${name.toLowerCase()}`)
    .executeTakeFirst();
  return row ? { id: row.id, entity: row.entity as unknown as CatalogEntity } : null;
}

/** Docs count when the catalog rendered pages for the entity, or it points at TechDocs. */
export async function hasDocs(
  db: Kysely<Schema>,
  entity: { id: string; entity: CatalogEntity } | null,
): Promise<boolean> {
  if (!entity) return false;
  if (entity.entity.metadata.annotations?.['backstage.io/techdocs-ref']) return true;
  const page = await db
    .selectFrom('catalog_docs')
    .select('path')
    .where('entity_id', '=', entity.id)
    .limit(1)
    .executeTakeFirst();
  return page !== undefined;
}

export async function lastHealthyAt(
  db: Kysely<Schema>,
  serviceId: string,
  environmentId?: string,
): Promise<Date | null> {
  let query = db
    .selectFrom('releases')
    .select('finished_at')
    .where('service_id', '=', serviceId)
    .where('status', '=', 'healthy')
    .where('finished_at', 'is not', null);
  if (environmentId) query = query.where('environment_id', '=', environmentId);
  const row = await query.orderBy('finished_at', 'desc').limit(1).executeTakeFirst();
  return row?.finished_at ?? null;
}

export async function pendingApprovals(db: Kysely<Schema>, serviceId: string): Promise<number> {
  const row = await db
    .selectFrom('releases')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('service_id', '=', serviceId)
    .where('status', '=', 'pending_approval')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The metric checks of the newest release that ran some (in one environment when given). */
export async function lastVerification(
  db: Kysely<Schema>,
  serviceId: string,
  environmentId: string | undefined,
): Promise<Verification | null> {
  let query = db
    .selectFrom('releases')
    .select(['verification'])
    .where('service_id', '=', serviceId)
    .where('verification', 'is not', null);
  if (environmentId) query = query.where('environment_id', '=', environmentId);
  const row = await query.orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  return (row?.verification as Verification | null | undefined) ?? null;
}
