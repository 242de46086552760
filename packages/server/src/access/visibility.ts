/**
 * What a caller may see in lists: a list route filters its rows instead of refusing, so a
 * member of team A lists team A's (and shared) things, never team B's.
 */
import { type Caller, canReadEnvironment, canReadService, roleOnService } from '@slipway/core';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';

/** Ids of the services the caller may read; null when a global role lets them read all. */
export async function readableServiceIds(db: Kysely<Schema>, caller: Caller): Promise<string[] | null> {
  if (roleOnService(caller, { name: '', ownerTeam: null }, undefined, true) !== null) return null;
  const rows = await db.selectFrom('services').select(['id', 'name', 'owner_team']).execute();
  return rows.filter((r) => canReadService(caller, { name: r.name, ownerTeam: r.owner_team }).allowed).map((r) => r.id);
}

export function visibleEnvironments<E extends { name: string; ownerTeam: string | null }>(
  caller: Caller,
  environments: readonly E[],
): E[] {
  return environments.filter((e) => canReadEnvironment(caller, e).allowed);
}
