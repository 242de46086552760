/**
 * What several release commands share: release numbers (which people use) resolved to ids
 * (which the API uses), and the words and marks a release is described with.
 */
import {
  type ErrorBody,
  type HealthStatus,
  notFound,
  type PodFailure,
  type RolloutAssessment,
  SlipwayError,
} from '@slipway/core';
import { InvalidArgumentError } from 'commander';
import type { ReleaseStatus, ReleaseView, SlipwayClient } from './client.ts';
import { formatTime } from './output.ts';

/** The most releases the API lists in one answer. */
export const maxListed = 500;

/**
 * Release number N among the releases of one service in one environment (newest first), as
 * `GET /releases?service&environment` lists them; "not found" naming the numbers there are.
 */
export function releaseNumbered(releases: readonly ReleaseView[], number: number, where: string): ReleaseView {
  const found = releases.find((r) => r.number === number);
  if (found) return found;
  const newest = releases[0];
  throw notFound(
    `Release #${number} of ${where}`,
    newest ? `Its releases are numbered 1 to ${newest.number}.` : 'It has no releases yet.',
  );
}

/** The newest release of a service in an environment; "not found" when it has none. */
export async function newestRelease(client: SlipwayClient, service: string, environment: string): Promise<ReleaseView> {
  const [newest] = await client.listReleases({ service, environment, limit: 1 });
  if (newest) return newest;
  throw noReleases(service, environment);
}

export function noReleases(service: string, environment: string): SlipwayError {
  return new SlipwayError('not_found', `${service} has no releases in ${environment}`, {
    hint: `Deploy it first: slipway deploy -f score.yaml --env ${environment}`,
  });
}

/** Commander parser for a release number option. */
export function parseReleaseNumber(value: string): number {
  const number = /^#?\d+$/.test(value) ? Number(value.replace('#', '')) : Number.NaN;
  if (!(number >= 1 && Number.isSafeInteger(number))) {
    throw new InvalidArgumentError('It must be a release number: a whole number from 1 up.');
  }
  return number;
}

/** Commander parser for whole numbers within bounds. */
export function parseWholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!(number >= min && number <= max)) {
      throw new InvalidArgumentError(`It must be a whole number from ${min} to ${max}.`);
    }
    return number;
  };
}

const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000 };

/** Commander parser for a duration: `90s`, `10m`, `1h30m`, or plain seconds. */
export function parseDuration(value: string): number {
  const text = value.trim();
  const ms = /^\d+$/.test(text)
    ? Number(text) * 1000
    : /^(\d+[hms])+$/.test(text)
      ? [...text.matchAll(/(\d+)([hms])/g)].reduce((sum, [, n, unit]) => sum + Number(n) * (units[unit ?? 's'] ?? 0), 0)
      : Number.NaN;
  if (!(ms > 0)) throw new InvalidArgumentError('It must be a duration such as 90s, 10m or 1h30m.');
  return ms;
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return s % 60 ? `${Math.floor(s / 60)}m${s % 60}s` : `${s / 60}m`;
  const m = Math.floor((s % 3600) / 60);
  return m ? `${Math.floor(s / 3600)}h${m}m` : `${s / 3600}h`;
}

/** How long ago an ISO time was, briefly: `12s`, `5m`, `3h`, `2d`. */
export function formatAge(iso: string | null, now = Date.now()): string {
  if (!iso) return '-';
  const s = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}

/** A release that will not change any more (rejected and expired ones never ran). */
export const isFinished = (status: ReleaseStatus): boolean =>
  status === 'healthy' ||
  status === 'degraded' ||
  status === 'failed' ||
  status === 'superseded' ||
  status === 'rejected' ||
  status === 'expired';

/** A release no one should wait on: it has finished, or it waits for a person's approval. */
export const isSettled = (status: ReleaseStatus): boolean => isFinished(status) || status === 'pending_approval';

/** The rollout verdict of a release, when what the server stored is one (a refused apply stores the error). */
export function assessmentOf(release: ReleaseView): RolloutAssessment | undefined {
  const health = release.health as Partial<RolloutAssessment> | null;
  return health && Array.isArray(health.resources) && Array.isArray(health.failures)
    ? (health as RolloutAssessment)
    : undefined;
}

/** The error the cluster answered a release with, when it refused to apply it. */
export function refusalOf(release: ReleaseView): ErrorBody | undefined {
  const health = release.health as Partial<ErrorBody> | null;
  return health && typeof health.code === 'string' && typeof health.message === 'string'
    ? (health as ErrorBody)
    : undefined;
}

export const healthMarks: Record<HealthStatus, string> = {
  Healthy: '✔',
  Progressing: '…',
  Suspended: '‖',
  Missing: '?',
  Unknown: '?',
  Degraded: '✖',
};

/** `#3 (nginx:1.27, healthy, 5m ago by ada)` */
export function describeRelease(release: ReleaseView, now = Date.now()): string {
  const parts = [release.image ?? 'image from the Score file', release.status];
  parts.push(`${formatAge(release.createdAt, now)} ago by ${release.createdBy}`);
  return `#${release.number} (${parts.join(', ')})`;
}

/** The verdict on a finished release, in one line that starts with its mark. */
export function verdictLine(release: ReleaseView, label = 'Release'): string {
  const name = `${label} #${release.number} of ${release.service} in ${release.environment}`;
  const message = release.message ? `: ${release.message}` : '';
  switch (release.status) {
    case 'healthy':
      return `✔ ${name} is healthy${message}`;
    case 'degraded':
      return `✖ ${name} is degraded${message}`;
    case 'failed':
      return `✖ ${name} failed${message}`;
    case 'superseded':
      return `✖ ${name} was superseded${message}`;
    case 'rejected':
      return `✖ ${name} was rejected${message}`;
    case 'expired':
      return `✖ ${name} expired before anyone approved it${message}`;
    case 'pending_approval':
      return `‖ ${name} is waiting for approval by someone else: slipway approve ${release.id}`;
    default:
      return `… ${name} is ${release.status}${message}`;
  }
}

/**
 * What to tell the person who asked for a release that waits for approval: who must act, how,
 * and until when.
 */
export function approvalLines(release: ReleaseView): string[] {
  const until = release.approvalExpiresAt ? ` before ${formatTime(release.approvalExpiresAt, '-')}` : '';
  return [
    `‖ Release #${release.number} of ${release.service} in ${release.environment} is waiting for approval by someone else${until}:`,
    `  slipway approve ${release.id}`,
    `  (or: slipway reject ${release.id} --comment "why")`,
  ];
}

/** Warnings the server answered with (a deploy freeze in warn mode), for stderr. */
export function printWarnings(warnings: readonly string[] | undefined): void {
  for (const warning of warnings ?? []) process.stderr.write(`warning: ${warning}\n`);
}

/** A pod problem as a person reads it: what is wrong, and what to do. */
export function failureLines(failure: PodFailure, indent = '  '): string[] {
  const where = failure.container ? `pod ${failure.pod}, container ${failure.container}` : `pod ${failure.pod}`;
  return [`${indent}✖ ${failure.reason} (${where}): ${failure.message}`, `${indent}  fix: ${failure.fix}`];
}

/** A stable key per problem, so that one pod's crash is reported once however often it is polled. */
export const failureKey = (f: PodFailure): string => `${f.pod}|${f.container ?? ''}|${f.reason}`;
