import {
  involvedObject,
  type KubeEvent,
  type LiveEvent,
  newestEvents,
  ownsObjectName,
  selectWorkloads,
  summarizeEvent,
  type WorkloadNames,
} from '@slipway/core';
import { listInNamespace } from './namespace-objects.ts';
import type { LiveScope, ReleaseScope } from './scope.ts';

/**
 * The Kubernetes Events of a service's workloads, their ReplicaSets and pods, newest first.
 * The namespace's Events are listed once and filtered here (the API's field selectors take
 * one object name at a time). Workloads count when they run now or the service's releases
 * name them, so the events of a workload just removed still show.
 */
export async function serviceEvents(scope: LiveScope, release: ReleaseScope, limit: number): Promise<LiveEvent[]> {
  const [events, ...workloads] = await Promise.all([
    listInNamespace(scope, 'v1', 'Event'),
    listInNamespace(scope, 'apps/v1', 'Deployment'),
    listInNamespace(scope, 'apps/v1', 'StatefulSet'),
    listInNamespace(scope, 'batch/v1', 'CronJob'),
    listInNamespace(scope, 'batch/v1', 'Job'),
  ]);
  const names = workloadNames(
    selectWorkloads(workloads.flat(), release.selector).map((w) => `${w.kind}/${w.metadata.name}`),
    release.selector.applied,
  );
  const own = (events as unknown as KubeEvent[]).filter((e) => {
    const { kind, name } = involvedObject(e);
    return ownsObjectName(kind, name, names);
  });
  return newestEvents(own.map(summarizeEvent), limit);
}

function workloadNames(live: readonly string[], applied: ReadonlySet<string>): WorkloadNames {
  const all = new Set([...live, ...applied]);
  const named = (kind: string) => [...all].filter((k) => k.startsWith(`${kind}/`)).map((k) => k.slice(kind.length + 1));
  return {
    deployments: named('Deployment'),
    statefulSets: named('StatefulSet'),
    cronJobs: named('CronJob'),
    jobs: named('Job'),
  };
}
