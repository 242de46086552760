import { type KubeObject, slipwayLabels } from '@slipway/core';
import type { ObjectApplier } from '../kube/apply.ts';

/**
 * Pausing an environment: its Deployments and StatefulSets scale to zero and its CronJobs are
 * suspended, under a field manager of its own. What was there before is kept in an
 * annotation, so resuming restores it exactly, and the next deploy (which applies with
 * Slipway's own manager, forcing) takes the fields back. An HPA stops scaling a target that
 * has zero replicas, so autoscaled workloads stay down too.
 */
export const pauseManager = 'slipway-pause';
const savedReplicas = 'slipway.dev/paused-replicas';
const savedSuspend = 'slipway.dev/paused-suspend';

const scalable = [
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'apps/v1', kind: 'StatefulSet' },
] as const;
const cronJobs = { apiVersion: 'batch/v1', kind: 'CronJob' } as const;

export interface PauseSummary {
  scaledDown: number;
  suspended: number;
}

export async function pauseWorkloads(applier: ObjectApplier, namespace: string): Promise<PauseSummary> {
  const patches: KubeObject[] = [];
  let scaledDown = 0;
  for (const kind of scalable) {
    for (const live of await managed(applier, kind, namespace)) {
      if (live.metadata.annotations?.[savedReplicas] !== undefined) continue; // paused already
      const replicas = Number((live.spec as { replicas?: number } | undefined)?.replicas ?? 1);
      patches.push(partial(live, { annotations: { [savedReplicas]: String(replicas) } }, { replicas: 0 }));
      scaledDown++;
    }
  }
  let suspended = 0;
  for (const live of await managed(applier, cronJobs, namespace)) {
    if (live.metadata.annotations?.[savedSuspend] !== undefined) continue;
    const suspend = Boolean((live.spec as { suspend?: boolean } | undefined)?.suspend);
    patches.push(partial(live, { annotations: { [savedSuspend]: String(suspend) } }, { suspend: true }));
    suspended++;
  }
  await applier.applyAs(pauseManager, patches);
  return { scaledDown, suspended };
}

/** Puts back what pausing saved; the annotations go, since the pause manager no longer sets them. */
export async function resumeWorkloads(applier: ObjectApplier, namespace: string): Promise<PauseSummary> {
  const patches: KubeObject[] = [];
  let scaledDown = 0;
  for (const kind of scalable) {
    for (const live of await managed(applier, kind, namespace)) {
      const saved = live.metadata.annotations?.[savedReplicas];
      if (saved === undefined) continue;
      patches.push(partial(live, {}, { replicas: Number(saved) }));
      scaledDown++;
    }
  }
  let suspended = 0;
  for (const live of await managed(applier, cronJobs, namespace)) {
    const saved = live.metadata.annotations?.[savedSuspend];
    if (saved === undefined) continue;
    patches.push(partial(live, {}, { suspend: saved === 'true' }));
    suspended++;
  }
  await applier.applyAs(pauseManager, patches);
  return { scaledDown, suspended };
}

function managed(applier: ObjectApplier, kind: { apiVersion: string; kind: string }, namespace: string) {
  return applier.list(kind.apiVersion, kind.kind, namespace, `${slipwayLabels.managedBy}=slipway`);
}

function partial(live: KubeObject, metadata: { annotations?: Record<string, string> }, spec: object): KubeObject {
  return {
    apiVersion: live.apiVersion,
    kind: live.kind,
    metadata: { name: live.metadata.name, namespace: live.metadata.namespace, ...metadata },
    spec,
  } as KubeObject;
}
