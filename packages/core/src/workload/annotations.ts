import type { FieldIssue } from '../errors/index.ts';
import { jsonPointer } from '../errors/index.ts';
import { type BatchSettings, batchSettings } from './batch-settings.ts';
import type { ScoreWorkload } from './types.ts';

/** Workload annotations Slipway reads; they are kept off the pods (they are instructions to Slipway). */
export const slipwayAnnotations = {
  /** `Deployment` (default) or `StatefulSet`. */
  kind: 'slipway.dev/kind',
  /** `deployment` (default), `statefulset`, `cronjob` or `job`: the same choice as `kind`, spelt like score-k8s' workload types. */
  workloadType: 'slipway.dev/workload-type',
  /** CronJob: when it runs (5 cron fields or a macro such as `@hourly`). Required for a cronjob. */
  schedule: 'slipway.dev/schedule',
  /** CronJob: IANA time zone of the schedule (e.g. `Europe/Berlin`); the controller's (UTC) when left out. */
  timeZone: 'slipway.dev/time-zone',
  /** CronJob: `Forbid` (default), `Allow` or `Replace`, for a run that is due while the previous one runs. */
  concurrencyPolicy: 'slipway.dev/concurrency-policy',
  /** CronJob and Job: retries before a run counts as failed (default 3). */
  backoffLimit: 'slipway.dev/backoff-limit',
  /** A fixed replica count; it overrides the environment's default and turns autoscaling off. */
  replicas: 'slipway.dev/replicas',
  /** On the pod template: digest of the rendered ConfigMap and Secret, so a change rolls the pods. */
  configChecksum: 'slipway.dev/config-checksum',
} as const;

const prefix = 'slipway.dev/';

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'CronJob' | 'Job';

const workloadTypes: Record<string, WorkloadKind> = {
  deployment: 'Deployment',
  statefulset: 'StatefulSet',
  cronjob: 'CronJob',
  job: 'Job',
};

export interface WorkloadSettings {
  kind: WorkloadKind;
  /** Set when the workload fixes its replica count. */
  replicas?: number;
  /** Set for CronJob and Job. */
  batch?: BatchSettings;
}

/** Pods that run to completion: no replicas, no Service, no autoscaler or disruption budget. */
export function isBatch(kind: WorkloadKind): kind is 'CronJob' | 'Job' {
  return kind === 'CronJob' || kind === 'Job';
}

export function workloadSettings(workload: ScoreWorkload, issues: FieldIssue[]): WorkloadSettings {
  const annotations = workload.metadata.annotations ?? {};
  const at = (key: string) => jsonPointer(['metadata', 'annotations', key]);
  const settings: WorkloadSettings = { kind: workloadKind(annotations, issues) };
  const batch = batchSettings(settings.kind, annotations, issues);
  if (batch) settings.batch = batch;
  const replicas = annotations[slipwayAnnotations.replicas];
  if (replicas !== undefined) {
    if (/^\d{1,4}$/.test(replicas)) settings.replicas = Number(replicas);
    else
      issues.push({
        path: at(slipwayAnnotations.replicas),
        message: `"${replicas}" is not a replica count; use a whole number such as "2"`,
      });
  }
  if (settings.replicas !== undefined && isBatch(settings.kind))
    issues.push({
      path: at(slipwayAnnotations.replicas),
      message: `a ${settings.kind} runs one pod per run; remove slipway.dev/replicas`,
    });
  return settings;
}

/** `slipway.dev/workload-type` or `slipway.dev/kind`; when both are set they must agree. */
function workloadKind(annotations: Record<string, string>, issues: FieldIssue[]): WorkloadKind {
  const at = (key: string) => jsonPointer(['metadata', 'annotations', key]);
  const kind = annotations[slipwayAnnotations.kind];
  const type = annotations[slipwayAnnotations.workloadType];
  const byKind = kind === 'StatefulSet' || kind === 'Deployment' ? kind : undefined;
  if (kind !== undefined && !byKind)
    issues.push({
      path: at(slipwayAnnotations.kind),
      message: `"${kind}" is not a workload kind; use Deployment or StatefulSet`,
    });
  const byType = type === undefined ? undefined : workloadTypes[type];
  if (type !== undefined && !byType)
    issues.push({
      path: at(slipwayAnnotations.workloadType),
      message: `"${type}" is not a workload type; use deployment, statefulset, cronjob or job`,
    });
  if (byKind && byType && byKind !== byType)
    issues.push({
      path: at(slipwayAnnotations.workloadType),
      message: `"${type}" contradicts slipway.dev/kind: ${kind}; keep one of the two`,
    });
  return byType ?? byKind ?? 'Deployment';
}

/** Workload annotations that go onto the pods (e.g. `dapr.io/enabled`), minus Slipway's own. */
export function podAnnotations(workload: ScoreWorkload): Record<string, string> {
  const entries = Object.entries(workload.metadata.annotations ?? {}).filter(([key]) => !key.startsWith(prefix));
  return Object.fromEntries(entries);
}
