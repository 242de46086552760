import { type FieldIssue, jsonPointer } from '../errors/index.ts';
import { scheduleProblem } from './schedule.ts';

/** What a CronJob or Job takes from the workload's annotations (see `slipwayAnnotations`). */
export interface BatchSettings {
  /** CronJob only. */
  schedule?: string;
  timeZone?: string;
  concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
  backoffLimit: number;
}

const keys = {
  schedule: 'slipway.dev/schedule',
  timeZone: 'slipway.dev/time-zone',
  concurrencyPolicy: 'slipway.dev/concurrency-policy',
  backoffLimit: 'slipway.dev/backoff-limit',
} as const;
const cronOnly = [keys.schedule, keys.timeZone, keys.concurrencyPolicy];
const policies = ['Allow', 'Forbid', 'Replace'] as const;
export const defaultBackoffLimit = 3;

/**
 * Reads the batch annotations for a CronJob or Job; for any other kind it only refuses them, so a
 * schedule on a Deployment is not silently ignored (the developer meant something by it).
 */
export function batchSettings(
  kind: string,
  annotations: Record<string, string>,
  issues: FieldIssue[],
): BatchSettings | undefined {
  const at = (key: string) => jsonPointer(['metadata', 'annotations', key]);
  const misplaced = kind === 'CronJob' ? [] : kind === 'Job' ? cronOnly : [...cronOnly, keys.backoffLimit];
  for (const key of misplaced.filter((k) => annotations[k] !== undefined))
    issues.push({
      path: at(key),
      message: `${key} applies to ${key === keys.backoffLimit ? 'a cronjob or job' : 'a cronjob'}, not a ${kind}; set slipway.dev/workload-type`,
    });
  if (kind !== 'CronJob' && kind !== 'Job') return undefined;
  const settings: BatchSettings = { backoffLimit: backoffLimit(annotations[keys.backoffLimit], at, issues) };
  if (kind === 'CronJob') Object.assign(settings, cronSettings(annotations, at, issues));
  return settings;
}

function backoffLimit(raw: string | undefined, at: (k: string) => string, issues: FieldIssue[]): number {
  if (raw === undefined) return defaultBackoffLimit;
  if (/^\d{1,2}$/.test(raw)) return Number(raw);
  issues.push({
    path: at(keys.backoffLimit),
    message: `"${raw}" is not a retry count; use a whole number from 0 to 99`,
  });
  return defaultBackoffLimit;
}

function cronSettings(
  annotations: Record<string, string>,
  at: (k: string) => string,
  issues: FieldIssue[],
): Partial<BatchSettings> {
  const out: Partial<BatchSettings> = { concurrencyPolicy: 'Forbid' };
  const schedule = annotations[keys.schedule];
  const problem =
    schedule === undefined ? 'a cronjob needs a schedule, e.g. "0 3 * * *" or "@hourly"' : scheduleProblem(schedule);
  if (problem) issues.push({ path: at(keys.schedule), message: problem });
  else out.schedule = schedule?.trim();
  const timeZone = annotations[keys.timeZone];
  if (timeZone !== undefined) {
    if (isTimeZone(timeZone)) out.timeZone = timeZone;
    else
      issues.push({ path: at(keys.timeZone), message: `"${timeZone}" is not an IANA time zone such as Europe/Berlin` });
  }
  const policy = annotations[keys.concurrencyPolicy];
  if (policy !== undefined) {
    const known = policies.find((p) => p === policy);
    if (known) out.concurrencyPolicy = known;
    else
      issues.push({
        path: at(keys.concurrencyPolicy),
        message: `"${policy}" is not a concurrency policy; use ${policies.join(', ')}`,
      });
  }
  return out;
}

/** Intl knows the IANA database in Node and browsers alike; Kubernetes refuses the zone names Intl does. */
function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
