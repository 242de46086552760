import { alreadyExists, invalidInput, notFound, type ReadReach, type ServiceCheck } from '@slipway/core';
import type { Kysely } from 'kysely';
import type { Schema } from '../schema.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../sql-errors.ts';

export interface ServiceRecord {
  id: string;
  name: string;
  /** The owning team; null: the platform's. */
  ownerTeam: string | null;
  createdAt: Date;
}

/** The service of that name, created on its first deploy with the owner given then. */
export async function ensureService(
  db: Kysely<Schema>,
  name: string,
  owner: string | null = null,
): Promise<ServiceRecord> {
  try {
    await db
      .insertInto('services')
      .values({ name, owner_team: owner })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  } catch (error) {
    throw ownerError(error, owner);
  }
  return getServiceByName(db, name);
}

/** Registers a service before its first deploy (to give it secrets, an owner, bindings). */
export async function createService(db: Kysely<Schema>, name: string, owner: string | null): Promise<ServiceRecord> {
  try {
    const row = await db
      .insertInto('services')
      .values({ name, owner_team: owner })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toService(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists(`A service named ${name} already exists`);
    throw ownerError(error, owner);
  }
}

export async function setServiceOwner(db: Kysely<Schema>, name: string, owner: string | null): Promise<ServiceRecord> {
  try {
    const row = await db
      .updateTable('services')
      .set({ owner_team: owner })
      .where('name', '=', name)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw notFound(`Service ${name}`);
    return toService(row);
  } catch (error) {
    throw ownerError(error, owner);
  }
}

export async function getServiceByName(db: Kysely<Schema>, name: string): Promise<ServiceRecord> {
  const row = await db.selectFrom('services').selectAll().where('name', '=', name).executeTakeFirst();
  if (!row) throw notFound(`Service ${name}`);
  return toService(row);
}

/** The service with that id. */
export async function getServiceById(db: Kysely<Schema>, id: string): Promise<ServiceRecord> {
  const row = await db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Service ${id}`);
  return toService(row);
}

/** Services in name order after `after` (a name), at most `limit`: a page of the list. */
export async function servicesAfter(
  db: Kysely<Schema>,
  reach: ReadReach,
  after: string | undefined,
  limit: number,
): Promise<ServiceRecord[]> {
  let query = db.selectFrom('services').selectAll();
  if (!reach.all) {
    const { teams, services } = reach;
    if (teams.length === 0 && services.length === 0) return [];
    query = query.where((eb) =>
      eb.or([
        ...(teams.length ? [eb('owner_team', 'in', teams)] : []),
        ...(services.length ? [eb('name', 'in', services)] : []),
      ]),
    );
  }
  if (after !== undefined) query = query.where('name', '>', after);
  return (await query.orderBy('name').limit(limit).execute()).map(toService);
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

/** The verification checks a service declares for its releases (none: an empty list). */
export async function getServiceChecks(db: Kysely<Schema>, serviceId: string): Promise<ServiceCheck[]> {
  const row = await db
    .selectFrom('services')
    .select('verification_checks')
    .where('id', '=', serviceId)
    .executeTakeFirst();
  return row?.verification_checks ?? [];
}

/** Replaces a service's checks (an empty list removes them). */
export async function setServiceChecks(
  db: Kysely<Schema>,
  name: string,
  checks: readonly ServiceCheck[],
): Promise<void> {
  const row = await db
    .updateTable('services')
    .set({ verification_checks: checks.length > 0 ? JSON.stringify(checks) : null })
    .where('name', '=', name)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw notFound(`Service ${name}`);
}

function toService(row: { id: string; name: string; owner_team: string | null; created_at: Date }): ServiceRecord {
  return { id: row.id, name: row.name, ownerTeam: row.owner_team, createdAt: row.created_at };
}

function ownerError(error: unknown, owner: string | null): unknown {
  if (isForeignKeyViolation(error, 'services_owner_team_fkey')) {
    return invalidInput(`There is no team named ${owner}`, [{ path: '/owner', message: 'unknown team' }]);
  }
  return error;
}
