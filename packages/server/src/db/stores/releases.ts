import { type KubeObject, notFound, type Verification } from '@slipway/core';
import { type Kysely, type RawBuilder, type Selectable, sql, type Transaction } from 'kysely';
import type { ReleaseStatus, ReleasesTable, Schema } from '../schema.ts';
import { isUniqueViolation } from '../sql-errors.ts';

/**
 * Releases: every deploy is one, immutable once created — its workload, rendered objects and
 * content hash never change; the engine only moves its status along:
 *   queued → applying → progressing → healthy | degraded | failed,  or queued → superseded;
 * in an environment whose type has metric checks, a Healthy rollout goes on verifying, then
 * healthy or failed.
 * A release to a protected environment starts as pending_approval and becomes queued when a
 * second person approves it, or ends as rejected or expired. Whether the API server already
 * dry-ran its objects (validated_at) is written in the insert that creates it, so every
 * replica and every restart of the engine reads the same answer (see dryRunHolds in the engine).
 */
export interface ReleaseRecord {
  id: string;
  serviceId: string;
  environmentId: string;
  number: number;
  status: ReleaseStatus;
  contentHash: string;
  image: string | null;
  commitSha: string | null;
  /** When the deployed commit was made; null: unknown (the lead time skips it). */
  commitTime: Date | null;
  createdBy: string;
  reason: string | null;
  workload: unknown;
  objects: KubeObject[];
  rollbackOf: string | null;
  autoRollback: boolean;
  message: string;
  health: unknown;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** The release of another environment this one promotes (same workload and image). */
  promotedFrom: string | null;
  /** For a release awaiting approval: when the request lapses. */
  approvalExpiresAt: Date | null;
  /** The deploy's inputs besides the workload, to render it again elsewhere. */
  inputs: ReleaseInputs;
  /**
   * When the API server dry-ran these objects, just before the release was stored; null when
   * nobody did (a rollback). The engine skips its own dry run only while this is fresh.
   */
  validatedAt: Date | null;
  /** Its metric checks, once its rollout was Healthy in an environment whose type has some. */
  verification: Verification | null;
}

export interface ReleaseInputs {
  image?: string;
  files?: Record<string, string>;
}

export interface NewRelease {
  serviceId: string;
  environmentId: string;
  contentHash: string;
  image: string | null;
  commitSha: string | null;
  /** When the deployed commit was made; left out: unknown. */
  commitTime?: Date | null;
  createdBy: string;
  reason: string | null;
  workload: unknown;
  objects: KubeObject[];
  rollbackOf?: string | null;
  autoRollback?: boolean;
  promotedFrom?: string | null;
  /** Set for a release to a protected environment: it waits, as pending_approval, until then. */
  approvalExpiresAt?: Date | null;
  inputs?: ReleaseInputs;
  /** When the API server dry-ran `objects` (stored in the same insert); left out: never. */
  validatedAt?: Date | null;
}

export const unfinishedStatuses: readonly ReleaseStatus[] = ['queued', 'applying', 'progressing', 'verifying'];
export const finishedStatuses: readonly ReleaseStatus[] = [
  'healthy',
  'degraded',
  'failed',
  'superseded',
  'rejected',
  'expired',
];

/**
 * Stores a new queued release with the next number of its service and environment. The
 * number is taken inside the insert's transaction; two deploys racing for it collide on the
 * unique key and the loser takes the next one.
 */
export async function createRelease(
  db: Kysely<Schema>,
  input: NewRelease,
  /** Runs in the insert's transaction: what must be written with the release (its notification). */
  afterInsert?: (tx: Kysely<Schema>, release: ReleaseRecord) => Promise<void>,
): Promise<ReleaseRecord> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction().execute(async (tx) => {
        const release = await insertNext(tx, input);
        await afterInsert?.(tx, release);
        return release;
      });
    } catch (error) {
      if (attempt < 5 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

async function insertNext(tx: Transaction<Schema>, input: NewRelease): Promise<ReleaseRecord> {
  const { max } = await tx
    .selectFrom('releases')
    .select(sql<number | null>`max(number)`.as('max'))
    .where('service_id', '=', input.serviceId)
    .where('environment_id', '=', input.environmentId)
    .executeTakeFirstOrThrow();
  const row = await tx
    .insertInto('releases')
    .values({
      service_id: input.serviceId,
      environment_id: input.environmentId,
      number: (max ?? 0) + 1,
      status: input.approvalExpiresAt ? 'pending_approval' : 'queued',
      approval_expires_at: input.approvalExpiresAt ?? null,
      promoted_from: input.promotedFrom ?? null,
      inputs: JSON.stringify(input.inputs ?? {}),
      validated_at: input.validatedAt ?? null,
      content_hash: input.contentHash,
      image: input.image,
      commit_sha: input.commitSha,
      commit_time: input.commitTime ?? null,
      created_by: input.createdBy,
      reason: input.reason,
      workload: JSON.stringify(input.workload),
      objects: JSON.stringify(input.objects),
      rollback_of: input.rollbackOf ?? null,
      auto_rollback: input.autoRollback ?? true,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRelease(row);
}

export async function getRelease(db: Kysely<Schema>, id: string): Promise<ReleaseRecord> {
  const row = await db.selectFrom('releases').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Release ${id}`);
  return toRelease(row);
}

export async function getReleaseByNumber(
  db: Kysely<Schema>,
  serviceId: string,
  environmentId: string,
  number: number,
): Promise<ReleaseRecord> {
  const row = await db
    .selectFrom('releases')
    .selectAll()
    .where('service_id', '=', serviceId)
    .where('environment_id', '=', environmentId)
    .where('number', '=', number)
    .executeTakeFirst();
  if (!row) throw notFound(`Release #${number}`);
  return toRelease(row);
}

/**
 * Newest first, a page at a time: `before` (a release's id, the last of the previous page)
 * continues after it. The position is read in SQL, so it keeps the database's microseconds.
 */
export async function listReleases(
  db: Kysely<Schema>,
  filter: {
    serviceId?: string;
    environmentId?: string;
    limit?: number;
    serviceIds?: readonly string[] | null;
    before?: string;
  } = {},
): Promise<ReleaseRecord[]> {
  // serviceIds: only these services (what the caller may read); null or left out: all.
  if (filter.serviceIds?.length === 0) return [];
  let query = db.selectFrom('releases').selectAll();
  if (filter.serviceIds) query = query.where('service_id', 'in', [...filter.serviceIds]);
  if (filter.serviceId) query = query.where('service_id', '=', filter.serviceId);
  if (filter.environmentId) query = query.where('environment_id', '=', filter.environmentId);
  if (filter.before) {
    const from = filter.before;
    query = query.where(
      sql<boolean>`(created_at, number, id) < (select p.created_at, p.number, p.id from releases p where p.id = ${from})`,
    );
  }
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('number', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map(toRelease);
}

/**
 * The releases of a service in an environment asked for between `from` and `to`, oldest first:
 * the markers of a metrics chart (at most `limit`, the newest kept).
 */
export async function releasesBetween(
  db: Kysely<Schema>,
  filter: { serviceId: string; environmentId: string; from: Date; to: Date; limit: number },
): Promise<ReleaseRecord[]> {
  const rows = await db
    .selectFrom('releases')
    .selectAll()
    .where('service_id', '=', filter.serviceId)
    .where('environment_id', '=', filter.environmentId)
    .where('created_at', '>=', filter.from)
    .where('created_at', '<=', filter.to)
    .orderBy('created_at', 'desc')
    .orderBy('number', 'desc')
    .limit(filter.limit)
    .execute();
  return rows.map(toRelease).reverse();
}

/**
 * Service/environment pairs that have unfinished releases, with the number of the newest:
 * the engine's work list, in one narrow query (it runs on every tick).
 */
export async function pairsWithWork(
  db: Kysely<Schema>,
): Promise<Array<{ serviceId: string; environmentId: string; newest: number }>> {
  const rows = await db
    .selectFrom('releases')
    .select(['service_id', 'environment_id', (eb) => eb.fn.max('number').as('newest')])
    .where('status', 'in', unfinishedStatuses)
    .groupBy(['service_id', 'environment_id'])
    .execute();
  return rows.map((r) => ({ serviceId: r.service_id, environmentId: r.environment_id, newest: Number(r.newest) }));
}

/** The unfinished releases of one pair, oldest first. */
export async function unfinishedReleases(db: Kysely<Schema>, serviceId: string, environmentId: string) {
  const rows = await db
    .selectFrom('releases')
    .selectAll()
    .where('service_id', '=', serviceId)
    .where('environment_id', '=', environmentId)
    .where('status', 'in', unfinishedStatuses)
    .orderBy('number')
    .execute();
  return rows.map(toRelease);
}

/** The statuses of a release that got applied and did not fail. */
const appliedStatuses: ReleaseStatus[] = ['progressing', 'verifying', 'healthy', 'degraded'];

/** The newest release of a pair that got past applying, before `beforeNumber` if given. */
export async function lastApplied(
  db: Kysely<Schema>,
  serviceId: string,
  environmentId: string,
  options: { beforeNumber?: number; status?: ReleaseStatus[] } = {},
): Promise<ReleaseRecord | undefined> {
  let query = db
    .selectFrom('releases')
    .selectAll()
    .where('service_id', '=', serviceId)
    .where('environment_id', '=', environmentId)
    .where('status', 'in', options.status ?? appliedStatuses)
    .where('started_at', 'is not', null);
  if (options.beforeNumber !== undefined) query = query.where('number', '<', options.beforeNumber);
  const row = await query.orderBy('number', 'desc').limit(1).executeTakeFirst();
  return row ? toRelease(row) : undefined;
}

export interface ReleaseProgress {
  status?: ReleaseStatus;
  message?: string;
  health?: unknown;
  verification?: Verification;
  startedAt?: Date;
  finishedAt?: Date;
}

/**
 * Moves a release along, only from the statuses given in `from` (compare-and-set), so two
 * workers can never both take it, and a finished release is never reopened.
 * Returns false when the release was not in one of those statuses.
 */
export async function advanceRelease(
  db: Kysely<Schema>,
  id: string,
  from: readonly ReleaseStatus[],
  progress: ReleaseProgress,
): Promise<boolean> {
  const result = await db
    .updateTable('releases')
    .set({
      ...(progress.status ? { status: progress.status } : {}),
      ...(progress.message !== undefined ? { message: progress.message } : {}),
      ...(progress.health !== undefined ? { health: JSON.stringify(progress.health) } : {}),
      ...(progress.verification ? { verification: JSON.stringify(progress.verification) } : {}),
      ...(progress.startedAt ? { started_at: progress.startedAt } : {}),
      ...(progress.finishedAt ? { finished_at: progress.finishedAt } : {}),
    })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Stores the samples of many verifying releases in one statement; returns the ids of those
 * still `verifying` (the others moved on: nothing of theirs is written).
 */
export async function writeVerifications(
  db: Kysely<Schema>,
  rows: ReadonlyArray<{ id: string; verification: Verification; message: string }>,
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const values = sql.join(
    rows.map((r) => sql`(${r.id}::uuid, ${JSON.stringify(r.verification)}::jsonb, ${r.message}::text)`),
  );
  const result = await sql<{ id: string }>`
    update releases as r set verification = v.verification, message = v.message
    from (values ${values}) as v(id, verification, message)
    where r.id = v.id and r.status = 'verifying'
    returning r.id`.execute(db);
  return new Set(result.rows.map((row) => row.id));
}

function toRelease(row: Selectable<ReleasesTable>): ReleaseRecord {
  return {
    id: row.id,
    serviceId: row.service_id,
    environmentId: row.environment_id,
    number: row.number,
    status: row.status,
    contentHash: row.content_hash,
    image: row.image,
    commitSha: row.commit_sha,
    commitTime: row.commit_time,
    createdBy: row.created_by,
    reason: row.reason,
    workload: row.workload,
    objects: row.objects as KubeObject[],
    rollbackOf: row.rollback_of,
    autoRollback: row.auto_rollback,
    message: row.message,
    health: row.health,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    promotedFrom: row.promoted_from,
    approvalExpiresAt: row.approval_expires_at,
    inputs: (row.inputs ?? {}) as ReleaseInputs,
    validatedAt: row.validated_at,
    verification: row.verification,
  };
}

/**
 * What runs in an environment, per service: the newest healthy release, or else the newest
 * that got applied. What a clone copies and a deletion cleans up. One statement for the whole
 * environment: every deploy asks (the ports of its neighbours), and a read per service made a
 * burst of N deploys cost N² reads.
 */
export async function currentReleases(db: Kysely<Schema>, environmentId: string): Promise<ReleaseRecord[]> {
  return (await appliedPerService(db, environmentId, { healthyFirst: true })).map(toRelease);
}

/**
 * Per service, the newest release that reached the cluster and did not fail: what Slipway
 * applied last and stands by (an export writes these).
 */
export async function newestAppliedReleases(db: Kysely<Schema>, environmentId: string): Promise<ReleaseRecord[]> {
  return (await appliedPerService(db, environmentId, { healthyFirst: false })).map(toRelease);
}

/**
 * The name and service ports of the workload each service runs in an environment (the current
 * release's, as `currentReleases` picks it): what every deploy reads of its neighbours. Only
 * those two fields leave the database: the whole rows carry each release's rendered objects,
 * and reading those for every neighbour made a burst of N deploys parse N² documents (at 100
 * services on PGlite, the statement's time in the burst fell from 882 to 369 ms).
 */
export async function currentServicePorts(
  db: Kysely<Schema>,
  environmentId: string,
): Promise<Array<{ name: unknown; ports: unknown }>> {
  return appliedPerService(db, environmentId, {
    healthyFirst: true,
    columns: sql`r.service_id, r.workload #> '{metadata,name}' as name, r.workload #> '{service,ports}' as ports`,
  });
}

/**
 * One applied release per service of an environment, the newest (healthy ones first if asked),
 * whole or the `columns` asked (of `r`; `service_id` among them, the order's).
 * An environment holds a third of all releases or more, so a plain DISTINCT ON reads them all;
 * this walks the services on the index (environment_id, service_id, number) instead, one probe
 * per service (a loose index scan), and reads only each one's newest releases.
 */
async function appliedPerService<Row = Selectable<ReleasesTable>>(
  db: Kysely<Schema>,
  environmentId: string,
  options: { healthyFirst: boolean; columns?: RawBuilder<unknown> },
): Promise<Row[]> {
  const order = options.healthyFirst ? sql`(r.status = 'healthy') desc, r.number desc` : sql`r.number desc`;
  const applied = sql.join(appliedStatuses.map((status) => sql`${status}`));
  const { rows } = await sql<Row>`
    with recursive services_of(service_id) as (
      (select service_id from releases where environment_id = ${environmentId} order by service_id limit 1)
      union all
      select (select r.service_id from releases r
              where r.environment_id = ${environmentId} and r.service_id > s.service_id
              order by r.service_id limit 1)
      from services_of s where s.service_id is not null
    )
    select picked.* from services_of s
    cross join lateral (
      select ${options.columns ?? sql`r.*`} from releases r
      where r.environment_id = ${environmentId} and r.service_id = s.service_id
        and r.status in (${applied}) and r.started_at is not null
      order by ${order} limit 1
    ) picked
    order by picked.service_id`.execute(db);
  return rows;
}

/**
 * Per service of the environment, the status of its newest release that was not turned down
 * (a rejected or expired one never reached the cluster).
 */
export async function newestReleaseStatuses(db: Kysely<Schema>, environmentId: string): Promise<ReleaseStatus[]> {
  const rows = await db
    .selectFrom('releases')
    .distinctOn('service_id')
    .select(['service_id', 'status'])
    .where('environment_id', '=', environmentId)
    .where('status', 'not in', ['rejected', 'expired'])
    .orderBy('service_id')
    .orderBy('number', 'desc')
    .execute();
  return rows.map((r) => r.status);
}

/** Ids of every release of an environment, whatever its status. */
export async function releaseIdsOf(db: Kysely<Schema>, environmentId: string): Promise<string[]> {
  const rows = await db.selectFrom('releases').select('id').where('environment_id', '=', environmentId).execute();
  return rows.map((r) => r.id);
}

/** Every release of an environment that reached the cluster, oldest first (for cleaning up). */
export async function appliedReleases(db: Kysely<Schema>, environmentId: string): Promise<ReleaseRecord[]> {
  const rows = await db
    .selectFrom('releases')
    .selectAll()
    .where('environment_id', '=', environmentId)
    .where('started_at', 'is not', null)
    .orderBy('created_at')
    .execute();
  return rows.map(toRelease);
}

/** Ends the releases of an environment that have not finished or not started (it is going away). */
export async function endOpenReleases(db: Kysely<Schema>, environmentId: string, message: string, at: Date) {
  await db
    .updateTable('releases')
    .set({ status: 'superseded', message, finished_at: at })
    .where('environment_id', '=', environmentId)
    .where('status', 'in', [...unfinishedStatuses, 'pending_approval'])
    .execute();
}

/** Releases waiting for approval whose time ran out at `now`. */
export async function lapsedApprovals(db: Kysely<Schema>, now: Date): Promise<ReleaseRecord[]> {
  const rows = await db
    .selectFrom('releases')
    .selectAll()
    .where('status', '=', 'pending_approval')
    .where('approval_expires_at', '<=', now)
    .execute();
  return rows.map(toRelease);
}
