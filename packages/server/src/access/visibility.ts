/**
 * What a caller may see in lists: a list route filters its rows instead of refusing, so a
 * member of team A lists team A's (and shared) things, never team B's.
 */
import { type Caller, canReadBinding, canReadService, isAdmin, type RoleBinding, roleOnService } from '@slipway/core';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { serviceOwners } from '../db/stores/owners.ts';

/** Ids of the services the caller may read; null when a global role lets them read all. */
export async function readableServiceIds(db: Kysely<Schema>, caller: Caller): Promise<string[] | null> {
  if (roleOnService(caller, { name: '', ownerTeam: null }, undefined, true) !== null) return null;
  const services = await serviceOwners(db);
  return services.filter((s) => canReadService(caller, s).allowed).map((s) => s.id);
}

/** The role bindings the caller may see (`canReadBinding`); services' owners are read for those over a service. */
export async function visibleBindings<B extends RoleBinding>(
  db: Kysely<Schema>,
  caller: Caller,
  bindings: readonly B[],
): Promise<B[]> {
  if (isAdmin(caller)) return [...bindings];
  const names = [...new Set(bindings.flatMap((b) => (b.scope.kind === 'service' ? [b.scope.service] : [])))];
  const owners = new Map((await serviceOwners(db, names)).map((s) => [s.name, s.ownerTeam]));
  return bindings.filter((b) => {
    const name = b.scope.kind === 'service' ? b.scope.service : undefined;
    // A service that does not exist (yet) is the platform's: only global roles reach it.
    const service = name === undefined ? undefined : { name, ownerTeam: owners.get(name) ?? null };
    return canReadBinding(caller, b, service);
  });
}
