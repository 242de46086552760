import {
  type KubeObject,
  type LiveStatus,
  type ServiceSelector,
  selectPods,
  selectWorkloads,
  summarizePod,
  summarizeWorkload,
} from '@slipway/core';
import type { releaseView } from '../views/releases.ts';
import type { LiveScope } from './scope.ts';

/** A release as the API shows it (GET /releases/{id}). */
export type ReleaseJson = Awaited<ReturnType<typeof releaseView>>;

export type LiveStatusJson = LiveStatus<ReleaseJson>;

/** What the shared watches hold of the service's namespace. */
export interface NamespaceObjects {
  /** Deployments, StatefulSets, CronJobs and Jobs. */
  workloads: Iterable<KubeObject>;
  pods: Iterable<KubeObject>;
}

/** The service's workloads and pods among the namespace's (which hold every service's). */
export interface ServiceObjects {
  workloads: KubeObject[];
  pods: Array<{ pod: KubeObject; workload: KubeObject | undefined }>;
}

export function selectServiceObjects(objects: NamespaceObjects, selector: ServiceSelector): ServiceObjects {
  const workloads = selectWorkloads(objects.workloads, selector);
  return { workloads, pods: selectPods(objects.pods, workloads, selector) };
}

/** The live status of a service in an environment, from its selected objects. */
export function buildLiveStatus(
  scope: LiveScope,
  release: ReleaseJson | null,
  objects: ServiceObjects,
  at: Date,
): LiveStatusJson {
  return {
    service: scope.service,
    environment: scope.environment,
    namespace: scope.namespace,
    cluster: scope.cluster.name,
    at: at.toISOString(),
    release,
    workloads: objects.workloads.map(summarizeWorkload),
    pods: objects.pods.map(({ pod, workload }) => summarizePod(pod, workload?.metadata.name ?? null)),
  };
}

/**
 * What a status says, leaving out when it was built and what never changes for a feed: two
 * statuses with the same content need not both be sent.
 */
export function statusContent(s: LiveStatusJson): string {
  return JSON.stringify([s.release, s.workloads, s.pods]);
}
