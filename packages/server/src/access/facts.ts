/**
 * The facts authorization decides on, read with one small query each: who the caller is
 * (teams, bindings), and who owns the service, environment or release a request names
 * (db/stores/owners.ts).
 */
import { accessOf, type Caller, type EnvironmentFacts, type ServiceFacts } from '@slipway/core';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { findEnvironmentType } from '../db/stores/environment-types.ts';
import { isUuid } from '../db/stores/ids.ts';
import { environmentOwner, releaseOwners, serviceOwner } from '../db/stores/owners.ts';
import { bindingsOf } from '../db/stores/role-bindings.ts';
import { teamsOfUser } from '../db/stores/teams.ts';

export async function loadCaller(db: Kysely<Schema>, user: { userId: string; username: string }): Promise<Caller> {
  const teams = await teamsOfUser(db, user.userId);
  return { username: user.username, teams, bindings: await bindingsOf(db, user.username, teams) };
}

/** A stored service's facts, or null when there is no service of that name. */
export async function serviceFacts(db: Kysely<Schema>, name: string): Promise<ServiceFacts | null> {
  const owner = await serviceOwner(db, name);
  return owner ? { name: owner.name, ownerTeam: owner.ownerTeam } : null;
}

/** A live environment's facts, or null. */
export async function environmentFacts(db: Kysely<Schema>, name: string): Promise<EnvironmentFacts | null> {
  const owner = await environmentOwner(db, name);
  return owner ? withAccess(db, owner) : null;
}

/** An environment not yet created, judged by the type it would have. */
export async function proposedEnvironmentFacts(
  db: Kysely<Schema>,
  proposed: { name: string; type: string; ownerTeam: string | null },
): Promise<EnvironmentFacts> {
  return withAccess(db, proposed);
}

/** The service and environment of a release (deleted environments included: history stays readable). */
export async function releaseFacts(
  db: Kysely<Schema>,
  id: string,
): Promise<{ service: ServiceFacts; environment: EnvironmentFacts } | null> {
  if (!isUuid(id)) return null;
  const owners = await releaseOwners(db, id);
  if (!owners) return null;
  return { service: owners.service, environment: await withAccess(db, owners.environment) };
}

async function withAccess(
  db: Kysely<Schema>,
  env: { name: string; type: string; ownerTeam: string | null },
): Promise<EnvironmentFacts> {
  return { ...env, access: accessOf(await findEnvironmentType(db, env.type)) };
}

/**
 * The owner a new service or environment gets: the team asked for, else the caller's only
 * team; null (the platform's) when neither names one.
 */
export function ownerFor(caller: Caller, requested: string | undefined): string | null {
  if (requested) return requested;
  return caller.teams.length === 1 ? (caller.teams[0] as string) : null;
}
