import { type Kysely, sql } from 'kysely';
import type { DriftSummary, ReleaseDriftTable, ReleaseStatus, Schema } from '../schema.ts';

/**
 * What the drift scan saw of each release (migration 0027). Only a release that stands in its
 * environment is scanned: the newest of its pair that reached the cluster, once it settled.
 */

/** A release the scan looks at: its pair's newest, settled, in an active environment Slipway applies to. */
export interface DriftCandidate {
  releaseId: string;
  /** The service's name: scorecards are asked to look again by name when its drift changes. */
  service: string;
  environmentId: string;
}

/** Releases that never reached the cluster: they do not stand in front of an older one. */
const neverApplied: readonly ReleaseStatus[] = ['pending_approval', 'rejected', 'expired', 'superseded'];
/** A rollout under way changes the live objects itself; a failed one is not what Slipway stands by. */
const settled: readonly ReleaseStatus[] = ['healthy', 'degraded'];

/**
 * Per service and active environment, its newest release that reached the cluster, when that one
 * settled. Paused environments (scaled down on purpose) and GitOps ones (a GitOps tool applies
 * them, and reports its own drift) are left out.
 */
export async function driftCandidates(db: Kysely<Schema>): Promise<DriftCandidate[]> {
  const rows = await db
    .selectFrom('releases as r')
    .innerJoin('environments as e', 'e.id', 'r.environment_id')
    .innerJoin('services as s', 's.id', 'r.service_id')
    .distinctOn(['r.service_id', 'r.environment_id'])
    .select(['r.id', 's.name as service', 'r.environment_id', 'r.status', 'e.settings'])
    .where('e.status', '=', 'active')
    .where('r.status', 'not in', neverApplied)
    .orderBy('r.service_id')
    .orderBy('r.environment_id')
    .orderBy('r.number', 'desc')
    .execute();
  return rows
    .filter((r) => settled.includes(r.status) && !gitopsSettings(r.settings))
    .map((r) => ({ releaseId: r.id, service: r.service, environmentId: r.environment_id }));
}

function gitopsSettings(settings: unknown): boolean {
  const parsed = typeof settings === 'string' ? (JSON.parse(settings) as unknown) : settings;
  return typeof parsed === 'object' && parsed !== null && 'gitops' in parsed && Boolean(parsed.gitops);
}

/**
 * Whether the release still stands: settled, and no newer release of its pair reached, or is on
 * its way to, the cluster. Read in the transaction that records a scan, so a deploy that began
 * while the scan read the cluster (its rollout changing the objects) does not count as drift.
 * Locks the release's row until the transaction ends: two scans of one release (a leader
 * handing over) record one after the other, and announce once.
 */
export async function lockStandingRelease(
  tx: Kysely<Schema>,
  release: { id: string; serviceId: string; environmentId: string; number: number },
): Promise<boolean> {
  const own = await tx
    .selectFrom('releases')
    .select('status')
    .where('id', '=', release.id)
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!own || !settled.includes(own.status)) return false;
  const newer = await tx
    .selectFrom('releases')
    .select('id')
    .where('service_id', '=', release.serviceId)
    .where('environment_id', '=', release.environmentId)
    .where('number', '>', release.number)
    .where('status', 'not in', neverApplied)
    .limit(1)
    .executeTakeFirst();
  return newer === undefined;
}

export interface DriftRow {
  status: ReleaseDriftTable['status'];
  fingerprint: string | null;
  objects: DriftSummary[];
  checkedAt: Date;
  announcedFingerprint: string | null;
}

export async function readDrift(db: Kysely<Schema>, releaseId: string): Promise<DriftRow | undefined> {
  const row = await db.selectFrom('release_drift').selectAll().where('release_id', '=', releaseId).executeTakeFirst();
  return row && toDriftRow(row);
}

/** The last scan of each of these releases that has one, by release id: one query for a page of views. */
export async function driftOfReleases(db: Kysely<Schema>, ids: readonly string[]): Promise<Map<string, DriftRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('release_drift')
    .selectAll()
    .where('release_id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.release_id, toDriftRow(r)]));
}

export async function writeDrift(tx: Kysely<Schema>, releaseId: string, row: DriftRow): Promise<void> {
  const values = {
    status: row.status,
    fingerprint: row.fingerprint,
    objects: JSON.stringify(row.objects),
    checked_at: row.checkedAt,
    announced_fingerprint: row.announcedFingerprint,
  };
  await tx
    .insertInto('release_drift')
    .values({ release_id: releaseId, ...values })
    .onConflict((c) => c.column('release_id').doUpdateSet(values))
    .execute();
}

/**
 * Whether the last scan found the service's standing release drifted: in `environmentId`, or in
 * any live environment when it is left out (a deleted one's last release stands nowhere). A
 * release the scan has not seen yet counts as in sync.
 */
export async function standingReleaseDrifted(
  db: Kysely<Schema>,
  serviceId: string,
  environmentId?: string,
): Promise<boolean> {
  let standing = db
    .selectFrom('releases')
    .distinctOn('environment_id')
    .select('id')
    .where('service_id', '=', serviceId)
    .where('status', 'not in', neverApplied)
    .orderBy('environment_id')
    .orderBy('number', 'desc');
  standing = environmentId
    ? standing.where('environment_id', '=', environmentId)
    : standing.where(
        'environment_id',
        'in',
        db.selectFrom('environments').select('id').where('status', 'in', ['active', 'paused']),
      );
  const row = await db
    .selectFrom('release_drift')
    .select(sql<number>`1`.as('one'))
    .where('status', '=', 'drifted')
    .where('release_id', 'in', standing)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

function toDriftRow(row: {
  status: ReleaseDriftTable['status'];
  fingerprint: string | null;
  objects: unknown;
  checked_at: Date;
  announced_fingerprint: string | null;
}): DriftRow {
  return {
    status: row.status,
    fingerprint: row.fingerprint,
    objects: (typeof row.objects === 'string' ? JSON.parse(row.objects) : row.objects) as DriftSummary[],
    checkedAt: row.checked_at,
    announcedFingerprint: row.announced_fingerprint,
  };
}
