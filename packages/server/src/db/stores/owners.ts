/**
 * Who owns what: the few columns authorization decides on (a service's and an environment's
 * owning team, an environment's type), read without loading whole records.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../schema.ts';

export interface ServiceOwner {
  id: string;
  name: string;
  ownerTeam: string | null;
}

export interface EnvironmentOwner {
  name: string;
  type: string;
  ownerTeam: string | null;
}

/** The service of that name and its owner, or undefined when there is none. */
export async function serviceOwner(db: Kysely<Schema>, name: string): Promise<ServiceOwner | undefined> {
  const [owner] = await serviceOwners(db, [name]);
  return owner;
}

/** Every service and its owner, or only those named (names that match no service are left out). */
export async function serviceOwners(db: Kysely<Schema>, names?: readonly string[]): Promise<ServiceOwner[]> {
  if (names?.length === 0) return [];
  let query = db.selectFrom('services').select(['id', 'name', 'owner_team']);
  if (names) query = query.where('name', 'in', [...new Set(names)]);
  const rows = await query.execute();
  return rows.map((r) => ({ id: r.id, name: r.name, ownerTeam: r.owner_team }));
}

/** The live (not deleted) environment of that name, its type and owner; undefined when there is none. */
export async function environmentOwner(db: Kysely<Schema>, name: string): Promise<EnvironmentOwner | undefined> {
  const row = await db
    .selectFrom('environments')
    .select(['name', 'type', 'owner_team'])
    .where('name', '=', name)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row ? { name: row.name, type: row.type, ownerTeam: row.owner_team } : undefined;
}

/**
 * The service and environment of a release and their owners, deleted environments included
 * (history stays readable); undefined when there is no such release. `id` must be a UUID.
 */
export async function releaseOwners(
  db: Kysely<Schema>,
  id: string,
): Promise<{ service: Omit<ServiceOwner, 'id'>; environment: EnvironmentOwner } | undefined> {
  const row = await db
    .selectFrom('releases as r')
    .innerJoin('services as s', 's.id', 'r.service_id')
    .innerJoin('environments as e', 'e.id', 'r.environment_id')
    .select(['s.name as service', 's.owner_team as serviceOwner', 'e.name as environment', 'e.type', 'e.owner_team'])
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    service: { name: row.service, ownerTeam: row.serviceOwner },
    environment: { name: row.environment, type: row.type, ownerTeam: row.owner_team },
  };
}
