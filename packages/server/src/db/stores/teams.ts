/** Teams and their members. Teams own services and environments; roles are bound to them. */
import { alreadyExists, notFound, SlipwayError } from '@slipway/core';
import type { Kysely } from 'kysely';
import type { Schema } from '../schema.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../sql-errors.ts';

export interface TeamRecord {
  name: string;
  displayName: string;
  /** local: managed through the API; catalog or oidc: kept in step with that source. */
  source: string;
  createdAt: Date;
}

export interface TeamMember {
  username: string;
  displayName: string | null;
  source: string;
}

export async function listTeams(db: Kysely<Schema>): Promise<TeamRecord[]> {
  const rows = await db.selectFrom('teams').selectAll().orderBy('name').execute();
  return rows.map(toTeam);
}

export async function getTeam(db: Kysely<Schema>, name: string): Promise<TeamRecord | null> {
  const row = await db.selectFrom('teams').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? toTeam(row) : null;
}

export async function createTeam(
  db: Kysely<Schema>,
  team: { name: string; displayName?: string; source?: string },
): Promise<TeamRecord> {
  try {
    const row = await db
      .insertInto('teams')
      .values({ name: team.name, display_name: team.displayName ?? '', source: team.source ?? 'local' })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toTeam(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists(`Team ${team.name} already exists`);
    throw error;
  }
}

/** Deletes a team that owns nothing; its members and bindings go with it. */
export async function deleteTeam(db: Kysely<Schema>, name: string): Promise<void> {
  try {
    await db.transaction().execute(async (tx) => {
      await tx.deleteFrom('role_bindings').where('subject_kind', '=', 'team').where('subject', '=', name).execute();
      await tx.deleteFrom('role_bindings').where('scope_kind', '=', 'team').where('scope', '=', name).execute();
      const deleted = await tx.deleteFrom('teams').where('name', '=', name).executeTakeFirst();
      if (deleted.numDeletedRows === 0n) throw notFound(`Team ${name}`);
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) {
      throw new SlipwayError('in_use', `Team ${name} still owns services or environments`, {
        hint: 'Give them another owner first (slipway service set-owner, or delete the environments).',
      });
    }
    throw error;
  }
}

export async function listMembers(db: Kysely<Schema>, team: string): Promise<TeamMember[]> {
  const rows = await db
    .selectFrom('team_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.username', 'u.display_name', 'm.source'])
    .where('m.team', '=', team)
    .orderBy('u.username')
    .execute();
  return rows.map((r) => ({ username: r.username, displayName: r.display_name, source: r.source }));
}

/** Adds a member; adding one again keeps the first membership (and its source). */
export async function addMember(db: Kysely<Schema>, team: string, userId: string, source = 'local'): Promise<void> {
  await db
    .insertInto('team_members')
    .values({ team, user_id: userId, source })
    .onConflict((oc) => oc.columns(['team', 'user_id']).doNothing())
    .execute();
}

export async function removeMember(db: Kysely<Schema>, team: string, userId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('team_members')
    .where('team', '=', team)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The names of the teams a user belongs to, sorted. */
export async function teamsOfUser(db: Kysely<Schema>, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('team_members')
    .select('team')
    .where('user_id', '=', userId)
    .orderBy('team')
    .execute();
  return rows.map((r) => r.team);
}

function toTeam(row: { name: string; display_name: string; source: string; created_at: Date }): TeamRecord {
  return { name: row.name, displayName: row.display_name, source: row.source, createdAt: row.created_at };
}
