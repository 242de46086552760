import { notFound } from '@slipway/core';
import type { Kysely } from 'kysely';
import type { Schema } from '../schema.ts';

export interface ServiceRecord {
  id: string;
  name: string;
  createdAt: Date;
}

/** The service of that name, created on its first deploy. */
export async function ensureService(db: Kysely<Schema>, name: string): Promise<ServiceRecord> {
  await db
    .insertInto('services')
    .values({ name })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  return getServiceByName(db, name);
}

export async function getServiceByName(db: Kysely<Schema>, name: string): Promise<ServiceRecord> {
  const row = await db.selectFrom('services').selectAll().where('name', '=', name).executeTakeFirst();
  if (!row) throw notFound(`Service ${name}`);
  return { id: row.id, name: row.name, createdAt: row.created_at };
}

/** Names of services by id, in one query. */
export async function serviceNames(db: Kysely<Schema>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('services')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
