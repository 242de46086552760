/** Role bindings: who holds which role, where. Validated by core before they are stored. */
import { alreadyExists, notFound, type Role, type RoleBinding, SlipwayError, validateRoleBinding } from '@slipway/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { RoleBindingsTable, Schema } from '../schema.ts';
import { isUniqueViolation } from '../sql-errors.ts';
import { isUuid } from './ids.ts';

export interface RoleBindingRecord extends RoleBinding {
  id: string;
  createdBy: string;
  createdAt: Date;
}

export async function createRoleBinding(
  db: Kysely<Schema>,
  input: RoleBinding,
  createdBy: string,
): Promise<RoleBindingRecord> {
  const binding = validateRoleBinding(input);
  const { scope } = binding;
  try {
    const row = await db
      .insertInto('role_bindings')
      .values({
        role: binding.role,
        subject_kind: binding.subject.kind,
        subject: binding.subject.name,
        scope_kind: scope.kind,
        scope: scope.kind === 'team' ? scope.team : scope.kind === 'service' ? scope.service : '',
        environment_types: binding.environmentTypes,
        created_by: createdBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toBinding(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists('The same role binding already exists');
    throw error;
  }
}

export interface BindingFilter {
  subject?: { kind: 'user' | 'team'; name: string };
  team?: string;
  service?: string;
}

export async function listRoleBindings(db: Kysely<Schema>, filter: BindingFilter = {}): Promise<RoleBindingRecord[]> {
  let query = db.selectFrom('role_bindings').selectAll();
  if (filter.subject) {
    query = query.where('subject_kind', '=', filter.subject.kind).where('subject', '=', filter.subject.name);
  }
  if (filter.team) query = query.where('scope_kind', '=', 'team').where('scope', '=', filter.team);
  if (filter.service) query = query.where('scope_kind', '=', 'service').where('scope', '=', filter.service);
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  return rows.map(toBinding);
}

/** The bindings that name a user directly or any of their teams: one indexed query per request. */
export async function bindingsOf(
  db: Kysely<Schema>,
  username: string,
  teams: readonly string[],
): Promise<RoleBinding[]> {
  const rows = await db
    .selectFrom('role_bindings')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('subject_kind', '=', 'user'), eb('subject', '=', username)]),
        ...(teams.length ? [eb.and([eb('subject_kind', '=', 'team'), eb('subject', 'in', [...teams])])] : []),
      ]),
    )
    .execute();
  return rows.map(toBinding);
}

/**
 * Removes a binding, but never the last global admin binding of a user: without one, nobody
 * could give anyone a role again (until the first admin's is restored at the next start).
 */
export async function deleteRoleBinding(db: Kysely<Schema>, id: string): Promise<RoleBindingRecord> {
  if (!isUuid(id)) throw notFound(`Role binding ${id}`);
  return db.transaction().execute(async (tx) => {
    const row = await tx.deleteFrom('role_bindings').where('id', '=', id).returningAll().executeTakeFirst();
    if (!row) throw notFound(`Role binding ${id}`);
    if (isPlatformAdmin(row)) {
      const left = await tx
        .selectFrom('role_bindings')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('role', '=', 'admin')
        .where('scope_kind', '=', 'global')
        .where('subject_kind', '=', 'user')
        .where('environment_types', '=', sql<string[]>`'{}'`)
        .executeTakeFirstOrThrow();
      if (Number(left.n) === 0) {
        throw new SlipwayError('last_admin', 'This is the last admin binding of a user', {
          hint: 'Make someone else an admin first.',
        });
      }
    }
    return toBinding(row);
  });
}

function isPlatformAdmin(row: Selectable<RoleBindingsTable>): boolean {
  return (
    row.role === 'admin' &&
    row.scope_kind === 'global' &&
    row.subject_kind === 'user' &&
    row.environment_types.length === 0
  );
}

/** Gives a user a global role unless they hold it already: the first admin, test set-ups. */
export async function ensureGlobalRole(db: Kysely<Schema>, username: string, role: Role, by: string): Promise<void> {
  await db
    .insertInto('role_bindings')
    .values({ role, subject_kind: 'user', subject: username, scope_kind: 'global', created_by: by })
    .onConflict((oc) => oc.constraint('role_bindings_unique_key').doNothing())
    .execute();
}

function toBinding(row: Selectable<RoleBindingsTable>): RoleBindingRecord {
  const scope: RoleBinding['scope'] =
    row.scope_kind === 'team'
      ? { kind: 'team', team: row.scope }
      : row.scope_kind === 'service'
        ? { kind: 'service', service: row.scope }
        : { kind: 'global' };
  return {
    id: row.id,
    role: row.role as Role,
    subject: { kind: row.subject_kind, name: row.subject },
    scope,
    environmentTypes: row.environment_types,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}
