import { type EnvironmentContext, notFound } from '@slipway/core';
import type { Kysely, Selectable } from 'kysely';
import type { EnvironmentsTable, Schema } from '../schema.ts';

/** An environment as the engine needs it: its identity and the context rendering reads. */
export interface EnvironmentRecord {
  id: string;
  context: EnvironmentContext;
  createdAt: Date;
}

type Settings = Omit<EnvironmentContext, 'name' | 'type' | 'namespace'>;

/** Creates or updates an environment by name (environment management proper comes later). */
export async function upsertEnvironment(db: Kysely<Schema>, context: EnvironmentContext): Promise<EnvironmentRecord> {
  const { name, type, namespace, ...settings } = context;
  const row = await db
    .insertInto('environments')
    .values({ name, type, namespace, settings: JSON.stringify(settings) })
    .onConflict((oc) => oc.column('name').doUpdateSet({ type, namespace, settings: JSON.stringify(settings) }))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toEnvironment(row);
}

export async function getEnvironmentByName(db: Kysely<Schema>, name: string): Promise<EnvironmentRecord> {
  const row = await db.selectFrom('environments').selectAll().where('name', '=', name).executeTakeFirst();
  if (!row) throw notFound(`Environment ${name}`);
  return toEnvironment(row);
}

export async function getEnvironmentById(db: Kysely<Schema>, id: string): Promise<EnvironmentRecord> {
  const row = await db.selectFrom('environments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Environment ${id}`);
  return toEnvironment(row);
}

export async function listEnvironments(db: Kysely<Schema>): Promise<EnvironmentRecord[]> {
  const rows = await db.selectFrom('environments').selectAll().orderBy('name').execute();
  return rows.map(toEnvironment);
}

function toEnvironment(row: Selectable<EnvironmentsTable>): EnvironmentRecord {
  const settings = row.settings as unknown as Settings;
  return {
    id: row.id,
    context: { ...settings, name: row.name, type: row.type, namespace: row.namespace },
    createdAt: row.created_at,
  };
}
