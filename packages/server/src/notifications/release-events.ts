import type { ReleaseStatus } from '../db/schema.ts';
import type { PreviewEnvironment } from '../db/stores/environments.ts';
import type { NotificationInput } from '../db/stores/notifications.ts';
import type { ReleaseRecord } from '../db/stores/releases.ts';

/**
 * The notification a release's move reports, if any: the verdicts people wait for (healthy,
 * failed — a failure found by the metric checks is its own kind) and a release that now waits
 * for someone's approval. The engine and the deploy service write it in the move's transaction.
 */
export function releaseNotification(
  release: ReleaseRecord,
  move: { from: readonly ReleaseStatus[]; to: ReleaseStatus; message: string },
  at: Date,
): NotificationInput | null {
  const facts = {
    serviceId: release.serviceId,
    environmentId: release.environmentId,
    at,
    data: { releaseId: release.id, number: release.number, message: move.message, rollbackOf: release.rollbackOf },
  };
  const n = release.number;
  if (move.to === 'healthy')
    return { ...facts, kind: 'release.healthy', title: (x) => `${x.service} #${n} is healthy in ${x.environment}` };
  if (move.to === 'failed' && move.from.length === 1 && move.from[0] === 'verifying')
    return {
      ...facts,
      kind: 'verification.failed',
      title: (x) => `${x.service} #${n} failed its checks in ${x.environment}: ${move.message}`,
    };
  if (move.to === 'failed' || move.to === 'degraded')
    return {
      ...facts,
      kind: 'release.failed',
      title: (x) => `${x.service} #${n} ${move.to} in ${x.environment}: ${move.message}`,
    };
  return null;
}

/** A release was created: an approval request, or an automatic rollback under way. */
export function createdNotification(release: ReleaseRecord, at: Date): NotificationInput | null {
  const facts = {
    serviceId: release.serviceId,
    environmentId: release.environmentId,
    at,
    data: { releaseId: release.id, number: release.number, createdBy: release.createdBy, reason: release.reason },
  };
  const n = release.number;
  if (release.status === 'pending_approval')
    return {
      ...facts,
      kind: 'approval.requested',
      title: (x) => `${release.createdBy} asks for approval of ${x.service} #${n} to ${x.environment}`,
    };
  if (release.rollbackOf && release.createdBy === 'slipway')
    return {
      ...facts,
      kind: 'release.rolled_back',
      title: (x) => `${x.service} in ${x.environment} is rolled back: ${release.reason ?? ''}`.trim(),
    };
  return null;
}

export function approvalNotification(release: ReleaseRecord, actor: string, at: Date): NotificationInput {
  return {
    kind: 'approval.given',
    serviceId: release.serviceId,
    environmentId: release.environmentId,
    at,
    title: (x) => `${actor} approved ${x.service} #${release.number} to ${x.environment}`,
    data: { releaseId: release.id, number: release.number, approvedBy: actor },
  };
}

/**
 * `preview.ready` when the release just made healthy was the last one a preview waited for:
 * the newest release of every one of its services is healthy. `statuses` are those newest
 * releases' statuses, read after the move in its transaction.
 */
export function previewReadyNotification(
  release: ReleaseRecord,
  preview: PreviewEnvironment,
  statuses: readonly ReleaseStatus[],
  at: Date,
): NotificationInput | null {
  if (statuses.length === 0 || statuses.some((s) => s !== 'healthy')) return null;
  // Not the origin's head commit: it names the commit the preview was opened at.
  const { repository, number, url } = preview.origin;
  const services = `${statuses.length} service${statuses.length === 1 ? '' : 's'}`;
  return {
    kind: 'preview.ready',
    environmentId: release.environmentId,
    at,
    title: (x) => `Preview ${x.environment} of ${repository}#${number} is ready: ${services} healthy`,
    link: `/environments/${preview.name}`,
    data: { pullRequest: { repository, number, url }, services: statuses.length, releaseId: release.id },
  };
}
