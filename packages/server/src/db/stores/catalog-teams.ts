/**
 * Teams from the catalog's Group entities. The whole sync is one transaction that reads every
 * Group and User and makes the `catalog` teams and memberships match them; it only touches rows
 * with source `catalog`, so local and OIDC memberships are never changed. It is idempotent and
 * cheap enough to run after every refresh and whenever a user appears.
 */
import { type CatalogEntity, formatEntityRef, parseEntityRef } from '@slipway/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Schema } from '../schema.ts';

export interface CatalogTeamsSync {
  /** Teams the catalog names (whether or not they were new). */
  teams: number;
  membershipsAdded: number;
  membershipsRemoved: number;
  teamsRemoved: string[];
}

// Syncs from several locations (or replicas) take turns, so an older read never writes last.
const syncLock = 0x5_1a_7e_a5;
const dnsLabel = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

interface EntityRow {
  kind: string;
  namespace: string;
  name: string;
  entity: Record<string, unknown>;
}

interface WantedTeam {
  name: string;
  displayName: string;
  /** User refs (`user:ns/name`) the catalog puts in the team. */
  members: Set<string>;
}

/** The team a Group stands for: its name in `default`, else `<namespace>-<name>`; null when not a DNS label. */
export function teamNameForGroup(namespace: string, name: string): string | null {
  const team = namespace === 'default' ? name : `${namespace}-${name}`;
  return dnsLabel.test(team) ? team : null;
}

export async function syncCatalogTeams(db: Kysely<Schema>): Promise<CatalogTeamsSync> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${syncLock})`.execute(tx);
    const rows = (await tx
      .selectFrom('catalog_entities')
      .select(['kind', 'namespace', 'name', 'entity'])
      .where('kind', 'in', ['group', 'user'])
      .execute()) as EntityRow[];
    const wanted = wantedTeams(rows);
    const userIds = await resolveUsers(tx, rows);
    const pairs = new Set<string>();
    for (const team of wanted.values())
      for (const ref of team.members) for (const id of userIds(ref)) pairs.add(`${team.name}\n${id}`);

    await upsertTeams(tx, [...wanted.values()]);
    const membershipsAdded = await addMemberships(tx, pairs);
    const membershipsRemoved = await removeStaleMemberships(tx, pairs);
    const teamsRemoved = await removeAbandonedTeams(tx, [...wanted.keys()]);
    return { teams: wanted.size, membershipsAdded, membershipsRemoved, teamsRemoved };
  });
}

/** Teams by name, with the user refs of both `spec.members` and the Users' `spec.memberOf`. */
function wantedTeams(rows: EntityRow[]): Map<string, WantedTeam> {
  const byGroup = new Map<string, WantedTeam>();
  const byName = new Map<string, WantedTeam>();
  // `default` first, then by reference: when two Groups map to one name, the same one always wins.
  const groups = rows
    .filter((r) => r.kind === 'group')
    .sort((a, b) => rank(a) - rank(b) || refOf(a).localeCompare(refOf(b)));
  for (const row of groups) {
    const name = teamNameForGroup(row.namespace, row.name);
    if (!name || byName.has(name)) continue;
    const spec = specOf(row);
    const team: WantedTeam = { name, displayName: displayNameOf(spec, row), members: new Set() };
    for (const ref of refsOf(spec.members, 'user', row.namespace)) team.members.add(ref);
    byName.set(name, team);
    byGroup.set(refOf(row), team);
  }
  for (const row of rows.filter((r) => r.kind === 'user')) {
    for (const group of refsOf(specOf(row).memberOf, 'group', row.namespace))
      byGroup.get(group)?.members.add(refOf(row));
  }
  return byName;
}

/**
 * Maps a user ref to Slipway users: the User entity's name to a username, its
 * `spec.profile.email` to an e-mail; a ref with no User entity by its name alone.
 */
async function resolveUsers(tx: Transaction<Schema>, rows: EntityRow[]): Promise<(ref: string) => string[]> {
  const users = await tx.selectFrom('users').select(['id', 'username', 'email']).execute();
  const byUsername = new Map(users.map((u) => [u.username.toLowerCase(), u.id]));
  const byEmail = new Map(users.filter((u) => u.email).map((u) => [(u.email ?? '').toLowerCase(), u.id]));
  const emails = new Map<string, string>();
  for (const row of rows.filter((r) => r.kind === 'user')) {
    const email = (specOf(row).profile as { email?: unknown } | undefined)?.email;
    emails.set(refOf(row), typeof email === 'string' ? email.toLowerCase() : '');
  }
  return (ref) => {
    const ids = new Set<string>();
    const byName = byUsername.get(ref.slice(ref.indexOf('/') + 1));
    if (byName) ids.add(byName);
    const byMail = byEmail.get(emails.get(ref) ?? '');
    if (byMail) ids.add(byMail);
    return [...ids];
  };
}

/** New teams get source `catalog`; an existing local or OIDC team is not taken over (its name and source stay). */
async function upsertTeams(tx: Transaction<Schema>, teams: WantedTeam[]): Promise<void> {
  if (teams.length === 0) return;
  await tx
    .insertInto('teams')
    .values(teams.map((t) => ({ name: t.name, display_name: t.displayName, source: 'catalog' })))
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ display_name: (eb) => eb.ref('excluded.display_name') })
        .where('teams.source', '=', 'catalog'),
    )
    .execute();
}

/** A membership the user already has (local, OIDC) keeps its source. */
async function addMemberships(tx: Transaction<Schema>, pairs: Set<string>): Promise<number> {
  if (pairs.size === 0) return 0;
  const result = await tx
    .insertInto('team_members')
    .values([...pairs].map(unpair).map(([team, user_id]) => ({ team, user_id, source: 'catalog' })))
    .onConflict((oc) => oc.columns(['team', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}

async function removeStaleMemberships(tx: Transaction<Schema>, pairs: Set<string>): Promise<number> {
  const current = await tx
    .selectFrom('team_members')
    .select(['team', 'user_id'])
    .where('source', '=', 'catalog')
    .execute();
  const stale = new Map<string, string[]>();
  for (const m of current) {
    if (!pairs.has(`${m.team}\n${m.user_id}`)) stale.set(m.team, [...(stale.get(m.team) ?? []), m.user_id]);
  }
  let removed = 0;
  for (const [team, ids] of stale) {
    const result = await tx
      .deleteFrom('team_members')
      .where('source', '=', 'catalog')
      .where('team', '=', team)
      .where('user_id', 'in', ids)
      .executeTakeFirst();
    removed += Number(result.numDeletedRows);
  }
  return removed;
}

/**
 * A catalog team whose Group is gone is removed only when nothing depends on it: no members
 * left (local or OIDC ones keep it), no service or environment it owns, no role binding naming
 * it. Otherwise it stays, so an ownership or a grant never silently disappears (nor passes to a
 * later team of the same name); an admin can delete it once it is free.
 */
async function removeAbandonedTeams(tx: Transaction<Schema>, wanted: string[]): Promise<string[]> {
  let query = tx
    .deleteFrom('teams')
    .where('source', '=', 'catalog')
    .where(({ not, exists, selectFrom, or, and, eb }) =>
      and([
        not(exists(selectFrom('team_members').select('team').whereRef('team_members.team', '=', 'teams.name'))),
        not(exists(selectFrom('services').select('name').whereRef('services.owner_team', '=', 'teams.name'))),
        not(exists(selectFrom('environments').select('name').whereRef('environments.owner_team', '=', 'teams.name'))),
        not(
          exists(
            selectFrom('role_bindings')
              .select('id')
              .where((rb) =>
                or([
                  and([rb('subject_kind', '=', 'team'), rb('subject', '=', eb.ref('teams.name'))]),
                  and([rb('scope_kind', '=', 'team'), rb('scope', '=', eb.ref('teams.name'))]),
                ]),
              ),
          ),
        ),
      ]),
    );
  if (wanted.length > 0) query = query.where('name', 'not in', wanted);
  const rows = await query.returning('name').execute();
  return rows.map((r) => r.name).sort();
}

function specOf(row: EntityRow): Record<string, unknown> {
  return ((row.entity as unknown as CatalogEntity).spec ?? {}) as Record<string, unknown>;
}

function displayNameOf(spec: Record<string, unknown>, row: EntityRow): string {
  const profile = spec.profile as { displayName?: unknown } | undefined;
  if (typeof profile?.displayName === 'string' && profile.displayName.trim()) return profile.displayName.trim();
  const title = (row.entity as unknown as CatalogEntity).metadata?.title;
  return typeof title === 'string' ? title : '';
}

/** Stored refs of a list field; entries that are not refs of `kind` are skipped (the catalog reports them). */
function refsOf(value: unknown, kind: string, namespace: string): string[] {
  if (!Array.isArray(value)) return [];
  const refs: string[] = [];
  for (const item of value) {
    if (typeof item !== 'string') continue;
    try {
      const ref = parseEntityRef(item, { defaultKind: kind, defaultNamespace: namespace });
      if (ref.kind.toLowerCase() === kind) refs.push(formatEntityRef(ref));
    } catch {
      // An unreadable reference is already an error on the entity.
    }
  }
  return refs;
}

function refOf(row: EntityRow): string {
  return formatEntityRef(row);
}

function rank(row: EntityRow): number {
  return row.namespace === 'default' ? 0 : 1;
}

function unpair(pair: string): [string, string] {
  const [team = '', userId = ''] = pair.split('\n');
  return [team, userId];
}

/** For a new user: their catalog teams now, without failing the sign-in or request that made them. */
export async function syncCatalogTeamsQuietly(
  db: Kysely<Schema>,
  log: { warn(obj: object, msg?: string): void },
): Promise<void> {
  try {
    await syncCatalogTeams(db);
  } catch (error) {
    log.warn({ err: error instanceof Error ? error.message : String(error) }, 'catalog teams sync failed');
  }
}
