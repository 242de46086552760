/**
 * What a caller may see in lists: a list route filters its rows instead of refusing, so a
 * member of team A lists team A's (and shared) things, never team B's.
 */
import {
  type Caller,
  canReadBinding,
  canReadEnvironment,
  canReadService,
  isAdmin,
  type RoleBinding,
  roleOnService,
} from '@slipway/core';
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

/** The role bindings the caller may see (`canReadBinding`); services' owners are read for those over a service. */
export async function visibleBindings<B extends RoleBinding>(
  db: Kysely<Schema>,
  caller: Caller,
  bindings: readonly B[],
): Promise<B[]> {
  if (isAdmin(caller)) return [...bindings];
  const names = [...new Set(bindings.flatMap((b) => (b.scope.kind === 'service' ? [b.scope.service] : [])))];
  const owners = new Map<string, string | null>();
  if (names.length > 0) {
    const rows = await db.selectFrom('services').select(['name', 'owner_team']).where('name', 'in', names).execute();
    for (const row of rows) owners.set(row.name, row.owner_team);
  }
  return bindings.filter((b) => {
    const name = b.scope.kind === 'service' ? b.scope.service : undefined;
    // A service that does not exist (yet) is the platform's: only global roles reach it.
    const service = name === undefined ? undefined : { name, ownerTeam: owners.get(name) ?? null };
    return canReadBinding(caller, b, service);
  });
}
