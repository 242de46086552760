import type { FieldIssue } from '../errors/index.ts';
import { jsonPointer } from '../errors/index.ts';
import type { ScoreWorkload } from './types.ts';

/** Workload annotations Slipway reads; they are kept off the pods (they are instructions to Slipway). */
export const slipwayAnnotations = {
  /** `Deployment` (default) or `StatefulSet`. */
  kind: 'slipway.dev/kind',
  /** A fixed replica count; it overrides the environment's default and turns autoscaling off. */
  replicas: 'slipway.dev/replicas',
  /** On the pod template: digest of the rendered ConfigMap and Secret, so a change rolls the pods. */
  configChecksum: 'slipway.dev/config-checksum',
} as const;

const prefix = 'slipway.dev/';

export type WorkloadKind = 'Deployment' | 'StatefulSet';

export interface WorkloadSettings {
  kind: WorkloadKind;
  /** Set when the workload fixes its replica count. */
  replicas?: number;
}

export function workloadSettings(workload: ScoreWorkload, issues: FieldIssue[]): WorkloadSettings {
  const annotations = workload.metadata.annotations ?? {};
  const at = (key: string) => jsonPointer(['metadata', 'annotations', key]);
  const settings: WorkloadSettings = { kind: 'Deployment' };
  const kind = annotations[slipwayAnnotations.kind];
  if (kind === 'StatefulSet' || kind === 'Deployment') settings.kind = kind;
  else if (kind !== undefined) {
    issues.push({
      path: at(slipwayAnnotations.kind),
      message: `"${kind}" is not a workload kind; use Deployment or StatefulSet`,
    });
  }
  const replicas = annotations[slipwayAnnotations.replicas];
  if (replicas !== undefined) {
    if (/^\d{1,4}$/.test(replicas)) settings.replicas = Number(replicas);
    else
      issues.push({
        path: at(slipwayAnnotations.replicas),
        message: `"${replicas}" is not a replica count; use a whole number such as "2"`,
      });
  }
  return settings;
}

/** Workload annotations that go onto the pods (e.g. `dapr.io/enabled`), minus Slipway's own. */
export function podAnnotations(workload: ScoreWorkload): Record<string, string> {
  const entries = Object.entries(workload.metadata.annotations ?? {}).filter(([key]) => !key.startsWith(prefix));
  return Object.fromEntries(entries);
}
