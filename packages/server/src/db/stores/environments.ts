import {
  alreadyExists,
  type EnvironmentContext,
  type EnvironmentDefaults,
  type EnvironmentType,
  type GitOpsSettings,
  invalidInput,
  notFound,
  type PauseSchedule,
  type ReadReach,
} from '@slipway/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { EnvironmentStatus, EnvironmentsTable, Schema } from '../schema.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../sql-errors.ts';

/** Where an environment came from, when not made by hand. */
export type EnvironmentOrigin =
  | { kind: 'clone'; from: string }
  | {
      kind: 'preview';
      source: string;
      repository: string;
      number: number;
      headSha: string;
      url: string;
      base: string;
    };

/** What rendering reads, besides the type's defaults. */
export interface EnvironmentSettings {
  domain?: string;
  routeKind: 'Ingress' | 'HTTPRoute';
  gateway?: { name: string; namespace?: string };
  ingressClassName?: string;
  /** Overrides of the type's defaults for this environment only. */
  overrides: Partial<EnvironmentDefaults>;
  /** GitOps mode: releases are committed to this repository for a GitOps tool to apply. */
  gitops?: GitOpsSettings;
}

export interface EnvironmentRecord {
  id: string;
  name: string;
  type: string;
  namespace: string;
  /** Null: the cluster of Slipway's own configuration. */
  clusterId: string | null;
  status: EnvironmentStatus;
  createdBy: string;
  /** The owning team; null: shared, the platform's. */
  ownerTeam: string | null;
  origin: EnvironmentOrigin | null;
  schedule: PauseSchedule | null;
  scheduleAppliedAt: Date | null;
  expiresAt: Date | null;
  pausedAt: Date | null;
  deletedAt: Date | null;
  createdAt: Date;
  settings: EnvironmentSettings;
  /** The settings resolved against the type: what rendering and the engine use. */
  context: EnvironmentContext;
}

export interface NewEnvironment {
  name: string;
  type: string;
  namespace: string;
  clusterId: string | null;
  createdBy: string;
  ownerTeam?: string | null;
  settings: EnvironmentSettings;
  origin?: EnvironmentOrigin | null;
  schedule?: PauseSchedule | null;
  expiresAt?: Date | null;
  /** The service's clock reading: firings of the schedule before it are not its to act on. */
  now: Date;
}

/** Creates a live environment; a live one of the same name, or on the same namespace, is a conflict. */
export async function createEnvironment(db: Kysely<Schema>, input: NewEnvironment): Promise<EnvironmentRecord> {
  try {
    const row = await db
      .insertInto('environments')
      .values({
        name: input.name,
        type: input.type,
        namespace: input.namespace,
        cluster_id: input.clusterId,
        created_by: input.createdBy,
        owner_team: input.ownerTeam ?? null,
        settings: JSON.stringify(input.settings),
        origin: input.origin ? JSON.stringify(input.origin) : null,
        schedule: input.schedule ? JSON.stringify(input.schedule) : null,
        // Firings before the schedule existed are not its to act on.
        schedule_applied_at: input.schedule ? input.now : null,
        expires_at: input.expiresAt ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return (await withContext(db, [row]))[0] as EnvironmentRecord;
  } catch (error) {
    if (isUniqueViolation(error, 'environments_live_name_key')) {
      throw alreadyExists(
        `An environment named ${input.name} already exists`,
        'Pick another name, or delete that one first.',
      );
    }
    if (isUniqueViolation(error, 'environments_live_namespace_key')) {
      throw alreadyExists(
        `Namespace ${input.namespace} already belongs to another environment on that cluster`,
        'Leave the namespace out to get one named after the environment, or pick another.',
      );
    }
    if (isForeignKeyViolation(error, 'environments_owner_team_fkey')) {
      throw invalidInput(`There is no team named ${input.ownerTeam}`, [{ path: '/owner', message: 'unknown team' }]);
    }
    throw error;
  }
}

export interface EnvironmentChanges {
  type?: string;
  settings?: EnvironmentSettings;
  schedule?: PauseSchedule | null;
  expiresAt?: Date | null;
  /** The service's clock reading, taken as when a new schedule was set. */
  now: Date;
}

export async function updateEnvironment(
  db: Kysely<Schema>,
  id: string,
  changes: EnvironmentChanges,
): Promise<EnvironmentRecord> {
  const row = await db
    .updateTable('environments')
    .set({
      ...(changes.type ? { type: changes.type } : {}),
      ...(changes.settings ? { settings: JSON.stringify(changes.settings) } : {}),
      ...(changes.schedule !== undefined
        ? { schedule: changes.schedule ? JSON.stringify(changes.schedule) : null, schedule_applied_at: changes.now }
        : {}),
      ...(changes.expiresAt !== undefined ? { expires_at: changes.expiresAt } : {}),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound(`Environment ${id}`);
  return (await withContext(db, [row]))[0] as EnvironmentRecord;
}

/**
 * Moves an environment to another status, only from the ones given (compare-and-set), so a
 * pause racing a delete cannot undo it. Returns the record as it is now, or undefined.
 */
export async function transitionEnvironment(
  db: Kysely<Schema>,
  id: string,
  from: readonly EnvironmentStatus[],
  to: EnvironmentStatus,
  at: Date,
): Promise<EnvironmentRecord | undefined> {
  const row = await db
    .updateTable('environments')
    .set({
      status: to,
      ...(to === 'paused' ? { paused_at: at } : {}),
      ...(to === 'active' ? { paused_at: null } : {}),
      ...(to === 'deleted' ? { deleted_at: at } : {}),
    })
    .where('id', '=', id)
    .where('status', 'in', from)
    .returningAll()
    .executeTakeFirst();
  return row ? (await withContext(db, [row]))[0] : undefined;
}

/** The live (not deleted) environment of that name. */
export async function getEnvironmentByName(db: Kysely<Schema>, name: string): Promise<EnvironmentRecord> {
  const row = await db
    .selectFrom('environments')
    .selectAll()
    .where('name', '=', name)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw notFound(`Environment ${name}`);
  return (await withContext(db, [row]))[0] as EnvironmentRecord;
}

/**
 * The environment a name means in history: the live one, or else the one of that name deleted
 * most recently (its releases stay readable after it is gone).
 */
export async function getEnvironmentForHistory(db: Kysely<Schema>, name: string): Promise<EnvironmentRecord> {
  const row = await db
    .selectFrom('environments')
    .selectAll()
    .where('name', '=', name)
    .orderBy(sql`deleted_at is null`, 'desc')
    .orderBy('deleted_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) throw notFound(`Environment ${name}`);
  return (await withContext(db, [row]))[0] as EnvironmentRecord;
}

/** Any environment, deleted ones included (their releases still name them). */
export async function getEnvironmentById(db: Kysely<Schema>, id: string): Promise<EnvironmentRecord> {
  const row = await db.selectFrom('environments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Environment ${id}`);
  return (await withContext(db, [row]))[0] as EnvironmentRecord;
}

/** A preview environment's name and where it came from (the pull request). */
export interface PreviewEnvironment {
  name: string;
  origin: Extract<EnvironmentOrigin, { kind: 'preview' }>;
}

/**
 * The environment if it is a preview, its row then locked until the transaction ends; null,
 * and nothing locked, for any other. FOR NO KEY UPDATE: releases may still be inserted beside it.
 */
export async function lockPreviewEnvironment(tx: Kysely<Schema>, id: string): Promise<PreviewEnvironment | null> {
  const seen = await tx.selectFrom('environments').select('origin').where('id', '=', id).executeTakeFirst();
  if ((seen?.origin as EnvironmentOrigin | null)?.kind !== 'preview') return null;
  const row = await tx
    .selectFrom('environments')
    .select(['name', 'origin'])
    .where('id', '=', id)
    .forNoKeyUpdate()
    .executeTakeFirstOrThrow();
  return { name: row.name, origin: row.origin as PreviewEnvironment['origin'] };
}

/** Names of environments by id (deleted ones included), in one query. */
export async function environmentNames(db: Kysely<Schema>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('environments')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The types of the named environments (live ones), each once. */
export async function typesOfEnvironments(db: Kysely<Schema>, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const rows = await db
    .selectFrom('environments')
    .select('type')
    .distinct()
    .where('name', 'in', [...names])
    .where('deleted_at', 'is', null)
    .execute();
  return rows.map((r) => r.type);
}

export async function listEnvironments(
  db: Kysely<Schema>,
  filter: { status?: readonly EnvironmentStatus[]; includeDeleted?: boolean } = {},
): Promise<EnvironmentRecord[]> {
  let query = db.selectFrom('environments').selectAll();
  if (!filter.includeDeleted) query = query.where('deleted_at', 'is', null);
  if (filter.status) query = query.where('status', 'in', filter.status);
  return withContext(db, await query.orderBy('name').execute());
}

/**
 * Environments in the order of the list (name, then id: a deleted one may share a live one's
 * name) after `after`, at most `limit`: a page of the list.
 */
export async function environmentsAfter(
  db: Kysely<Schema>,
  filter: { includeDeleted?: boolean; reach: ReadReach },
  after: { name: string; id: string } | undefined,
  limit: number,
): Promise<EnvironmentRecord[]> {
  let query = db.selectFrom('environments').selectAll();
  const { reach } = filter;
  if (!reach.all) {
    if (!reach.member) return [];
    const teams = reach.teams;
    query = query.where((eb) =>
      eb.or([eb('owner_team', 'is', null), ...(teams.length ? [eb('owner_team', 'in', teams)] : [])]),
    );
  }
  if (!filter.includeDeleted) query = query.where('deleted_at', 'is', null);
  if (after) query = query.where(sql<boolean>`(name, id) > (${after.name}, ${after.id}::uuid)`);
  return withContext(db, await query.orderBy('name').orderBy('id').limit(limit).execute());
}

/** Live environments whose time-to-live has run out at `now`. */
export async function expiredEnvironments(db: Kysely<Schema>, now: Date): Promise<EnvironmentRecord[]> {
  const rows = await db
    .selectFrom('environments')
    .selectAll()
    .where('status', 'in', ['active', 'paused'])
    .where('expires_at', '<=', now)
    .execute();
  return withContext(db, rows);
}

/** Environments with a pause schedule, for the controller's pass. */
export async function scheduledEnvironments(db: Kysely<Schema>): Promise<EnvironmentRecord[]> {
  const rows = await db
    .selectFrom('environments')
    .selectAll()
    .where('status', 'in', ['active', 'paused'])
    .where(sql<boolean>`schedule is not null`)
    .execute();
  return withContext(db, rows);
}

/** The defaults an environment renders with: its type's, then its own overrides. */
export function resolveContext(
  row: Pick<EnvironmentRecord, 'name' | 'type' | 'namespace' | 'settings'>,
  type: EnvironmentType | undefined,
): EnvironmentContext {
  const { overrides, ...rest } = row.settings;
  const base = type?.defaults ?? { replicas: 1, progressDeadlineSeconds: 120 };
  return { ...rest, name: row.name, type: row.type, namespace: row.namespace, defaults: { ...base, ...overrides } };
}

async function withContext(
  db: Kysely<Schema>,
  rows: Array<Selectable<EnvironmentsTable>>,
): Promise<EnvironmentRecord[]> {
  if (rows.length === 0) return [];
  const typeRows = await db
    .selectFrom('environment_types')
    .selectAll()
    .where('name', 'in', [...new Set(rows.map((r) => r.type))])
    .execute();
  const types = new Map(typeRows.map((t) => [t.name, { ...(t.spec as EnvironmentType), name: t.name }]));
  return rows.map((row) => {
    const settings = settingsOf(row.settings);
    const record = {
      id: row.id,
      name: row.name,
      type: row.type,
      namespace: row.namespace,
      clusterId: row.cluster_id,
      status: row.status,
      createdBy: row.created_by,
      origin: (row.origin ?? null) as EnvironmentOrigin | null,
      schedule: (row.schedule ?? null) as PauseSchedule | null,
      scheduleAppliedAt: row.schedule_applied_at,
      expiresAt: row.expires_at,
      pausedAt: row.paused_at,
      deletedAt: row.deleted_at,
      createdAt: row.created_at,
      ownerTeam: row.owner_team,
      settings,
    };
    return { ...record, context: resolveContext(record, types.get(row.type)) };
  });
}

/** Rows written before types existed kept whole defaults: they count as overrides. */
function settingsOf(stored: Record<string, unknown>): EnvironmentSettings {
  const { defaults, overrides, ...rest } = stored as Partial<EnvironmentSettings> & {
    defaults?: Partial<EnvironmentDefaults>;
  };
  return {
    routeKind: 'Ingress',
    ...rest,
    overrides: overrides ?? defaults ?? {},
  } as EnvironmentSettings;
}

/** Records that the schedule's firing at `at` was acted on. */
export async function markScheduleApplied(db: Kysely<Schema>, id: string, at: Date): Promise<void> {
  await db.updateTable('environments').set({ schedule_applied_at: at }).where('id', '=', id).execute();
}

/**
 * Removes an environment's row outright with its releases (they cascade), leaving no trace:
 * only for one whose making failed moments ago. Deleting a live environment marks it instead.
 */
export async function discardEnvironment(db: Kysely<Schema>, id: string): Promise<void> {
  await db.deleteFrom('environments').where('id', '=', id).execute();
}
