import { type CheckVerdict, type Verification, verificationVerdict } from '@slipway/core';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { approvalsOf } from '../db/stores/approvals.ts';
import { type DriftRow, driftOfReleases } from '../db/stores/drift.ts';
import { environmentNames } from '../db/stores/environments.ts';
import type { ReleaseRecord } from '../db/stores/releases.ts';
import { serviceNames } from '../db/stores/services.ts';

/** A release as the API shows it: names instead of ids, dates as ISO strings, no objects. */
export async function releaseViews(db: Kysely<Schema>, releases: ReleaseRecord[]) {
  if (releases.length === 0) return [];
  const services = await serviceNames(
    db,
    releases.map((r) => r.serviceId),
  );
  const environments = await environmentNames(
    db,
    releases.map((r) => r.environmentId),
  );
  const approvals = await approvalsOf(
    db,
    releases.filter((r) => r.approvalExpiresAt).map((r) => r.id),
  );
  const drift = await driftOfReleases(
    db,
    releases.map((r) => r.id),
  );
  const name = (names: Map<string, string>, id: string) => names.get(id) ?? id;
  return releases.map((r) => ({
    id: r.id,
    service: name(services, r.serviceId),
    environment: name(environments, r.environmentId),
    number: r.number,
    status: r.status,
    message: r.message,
    contentHash: r.contentHash,
    image: r.image,
    commit: r.commitSha,
    commitTime: r.commitTime?.toISOString() ?? null,
    createdBy: r.createdBy,
    reason: r.reason,
    rollbackOf: r.rollbackOf,
    promotedFrom: r.promotedFrom,
    approvalExpiresAt: r.approvalExpiresAt?.toISOString() ?? null,
    approvals: approvals
      .filter((a) => a.releaseId === r.id)
      .map((a) => ({ decision: a.decision, actor: a.actor, comment: a.comment, at: a.createdAt.toISOString() })),
    autoRollback: r.autoRollback,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    health: (r.health ?? null) as Record<string, unknown> | null,
    verification: r.verification ? verificationView(r, r.verification) : null,
    drift: driftView(drift.get(r.id)),
  }));
}

function driftView(row: DriftRow | undefined) {
  if (!row) return null;
  return { status: row.status, checkedAt: row.checkedAt.toISOString(), objects: row.objects };
}

/**
 * Where a release's checks stand: as of its end once finished (a check still running when
 * the release was superseded is `stopped`), else as of its newest sample.
 */
function verificationView(r: ReleaseRecord, v: Verification) {
  const newest = Math.max(v.startedAt, ...Object.values(v.samples).flatMap((samples) => samples.map((s) => s.at)));
  const verdict = verificationVerdict(v, r.finishedAt?.getTime() ?? newest);
  const stopped = verdict.state === 'running' && r.finishedAt !== null;
  return {
    state: stopped ? ('stopped' as const) : verdict.state,
    startedAt: new Date(v.startedAt).toISOString(),
    deadline: new Date(verdict.deadline).toISOString(),
    checks: v.checks.map((check, i) => {
      const { state, reason, counts } = verdict.checks[i] as CheckVerdict;
      const last = v.samples[check.name]?.at(-1);
      return {
        ...check,
        origin: check.origin ?? ('environment-type' as const),
        state: stopped && state === 'running' ? ('stopped' as const) : state,
        reason,
        counts,
        last: last ? { ...last, at: new Date(last.at).toISOString() } : null,
      };
    }),
  };
}

export async function releaseView(db: Kysely<Schema>, release: ReleaseRecord) {
  const [view] = await releaseViews(db, [release]);
  return view as NonNullable<typeof view>;
}
