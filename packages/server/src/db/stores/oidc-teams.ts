/**
 * Team memberships that come from the identity provider's groups claim. At each OIDC
 * sign-in the user's `oidc` memberships are made to match the claim: missing teams are
 * created (source `oidc`), memberships no longer claimed are removed. Memberships made
 * through the API (`local`) or from the catalog are never touched.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema } from '../schema.ts';

export interface ClaimedTeam {
  name: string;
  displayName: string;
}

const maxTeamName = 63;

/**
 * The team a group stands for: lower case, `/` paths (Keycloak) and anything but letters,
 * digits, `.`, `_` and `-` turned into `-`; an over-long name is cut with a hash suffix so
 * two long groups do not become one team.
 */
export function teamForGroup(group: string): ClaimedTeam | null {
  const name = group
    .trim()
    .toLowerCase()
    .replace(/^\/+/, '')
    .replaceAll(/[^a-z0-9._-]+/g, '-')
    .replaceAll(/-{2,}/g, '-')
    .replace(/^[-._]+/, '')
    .replace(/[-._]+$/, '');
  if (name === '') return null;
  if (name.length <= maxTeamName) return { name, displayName: group.trim() };
  const suffix = createHash('sha256').update(group).digest('hex').slice(0, 8);
  return { name: `${name.slice(0, maxTeamName - 9).replace(/[-._]+$/, '')}-${suffix}`, displayName: group.trim() };
}

/** Makes the user's OIDC memberships those of `groups`; returns the teams now held through OIDC. */
export async function syncOidcTeams(db: Kysely<Schema>, userId: string, groups: string[]): Promise<string[]> {
  const claimed = new Map<string, ClaimedTeam>();
  for (const group of groups) {
    const team = teamForGroup(group);
    if (team && !claimed.has(team.name)) claimed.set(team.name, team);
  }
  const names = [...claimed.keys()].sort();
  await db.transaction().execute(async (tx) => {
    if (names.length > 0) {
      await tx
        .insertInto('teams')
        .values([...claimed.values()].map((t) => ({ name: t.name, display_name: t.displayName, source: 'oidc' })))
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      // An existing membership (local, catalog) stays as it is.
      await tx
        .insertInto('team_members')
        .values(names.map((team) => ({ team, user_id: userId, source: 'oidc' })))
        .onConflict((oc) => oc.columns(['team', 'user_id']).doNothing())
        .execute();
    }
    let stale = tx.deleteFrom('team_members').where('user_id', '=', userId).where('source', '=', 'oidc');
    if (names.length > 0) stale = stale.where('team', 'not in', names);
    await stale.execute();
  });
  return names;
}
