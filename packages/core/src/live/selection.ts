/**
 * Which objects of a namespace belong to a service in an environment. Several services share
 * an environment's namespace, and whoever may read one must not see the others' pods or logs,
 * so this is decided from what Slipway applied, never from name guesses alone:
 * - the service's own workload carries `app.kubernetes.io/instance: <service>-<environment>`
 *   (workload/labels.ts), kept on every release;
 * - a data store provisioned for it (postgres, redis) carries its resource's labels instead,
 *   so it is recognised by being one of the workloads the service's release applied;
 * - a pod belongs to the workload that controls it: a StatefulSet or Job directly, a Deployment
 *   through its ReplicaSet, named `<deployment>-<pod-template-hash>`;
 * - a CronJob's runs are Jobs carrying its labels (its job template's), so they are the
 *   service's workloads too, each with its pods.
 */
import type { KubeObject } from '../kube/object.ts';
import { kubeName, labelValue } from '../workload/names.ts';
import type { LiveWorkloadKind } from './types.ts';

export const instanceLabel = 'app.kubernetes.io/instance';
export const liveWorkloadKinds: readonly LiveWorkloadKind[] = ['Deployment', 'StatefulSet', 'CronJob', 'Job'];

export interface ServiceSelector {
  /** The `app.kubernetes.io/instance` value of the service's own objects. */
  instance: string;
  /** `Kind/name` of the workloads the service's release applied. */
  applied: ReadonlySet<string>;
}

/** The instance label value rendering gives a service's objects in an environment. */
export function serviceInstance(service: string, environment: string): string {
  return labelValue(`${kubeName([service])}-${environment}`);
}

export function serviceSelector(
  service: string,
  environment: string,
  releaseObjects: readonly Pick<KubeObject, 'kind' | 'metadata'>[] = [],
): ServiceSelector {
  const applied = new Set(
    releaseObjects.filter((o) => isLiveWorkloadKind(o.kind)).map((o) => `${o.kind}/${o.metadata.name}`),
  );
  return { instance: serviceInstance(service, environment), applied };
}

export function isLiveWorkloadKind(kind: string): kind is LiveWorkloadKind {
  return (liveWorkloadKinds as readonly string[]).includes(kind);
}

/** Whether a Deployment, StatefulSet, CronJob or Job is one of the service's. */
export function isServiceWorkload(o: KubeObject, selector: ServiceSelector): boolean {
  if (!isLiveWorkloadKind(o.kind)) return false;
  return (
    o.metadata.labels?.[instanceLabel] === selector.instance || selector.applied.has(`${o.kind}/${o.metadata.name}`)
  );
}

/** The service's workloads among `objects`, by kind then name. */
export function selectWorkloads(objects: Iterable<KubeObject>, selector: ServiceSelector): KubeObject[] {
  return [...objects]
    .filter((o) => isServiceWorkload(o, selector))
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.metadata.name.localeCompare(b.metadata.name));
}

/** The workload among `workloads` that controls the pod, if any. */
export function workloadOfPod(pod: KubeObject, workloads: readonly KubeObject[]): KubeObject | undefined {
  const owner = pod.metadata.ownerReferences?.find((r) => r.controller) ?? pod.metadata.ownerReferences?.[0];
  if (!owner) return undefined;
  if (owner.kind === 'StatefulSet' || owner.kind === 'Job')
    return workloads.find((w) => w.kind === owner.kind && w.metadata.name === owner.name);
  if (owner.kind !== 'ReplicaSet') return undefined;
  const hash = pod.metadata.labels?.['pod-template-hash'];
  return workloads.find(
    (w) =>
      w.kind === 'Deployment' &&
      (hash ? owner.name === `${w.metadata.name}-${hash}` : isReplicaSetOf(owner.name, w.metadata.name)),
  );
}

/**
 * The service's pods among `pods`: those its workloads control, and any carrying its instance
 * label without a workload Slipway knows of (shown with workload null). Sorted by name.
 */
export function selectPods(
  pods: Iterable<KubeObject>,
  workloads: readonly KubeObject[],
  selector: ServiceSelector,
): Array<{ pod: KubeObject; workload: KubeObject | undefined }> {
  const found: Array<{ pod: KubeObject; workload: KubeObject | undefined }> = [];
  for (const pod of pods) {
    const workload = workloadOfPod(pod, workloads);
    if (workload || pod.metadata.labels?.[instanceLabel] === selector.instance) found.push({ pod, workload });
  }
  return found.sort((a, b) => a.pod.metadata.name.localeCompare(b.pod.metadata.name));
}

/**
 * Whether an object named in an Event is one of the service's, given its workloads' names by
 * kind. Events outlive their objects (a replaced pod's "Killing"), so ReplicaSets, Jobs and
 * pods are recognised by the names their controllers give them: `<deployment>-<hash>`,
 * `<deployment>-<hash>-<5 characters>`, `<statefulset>-<ordinal>`, `<cronjob>-<minutes>`,
 * `<job>-<5 characters>`. Generated segments hold no dash, so a workload named `shop` never
 * claims the pods of one named `shop-api`.
 */
export function ownsObjectName(kind: string, name: string, workloads: WorkloadNames): boolean {
  switch (kind) {
    case 'Deployment':
      return workloads.deployments.includes(name);
    case 'StatefulSet':
      return workloads.statefulSets.includes(name);
    case 'CronJob':
      return workloads.cronJobs.includes(name);
    case 'Job':
      return workloads.jobs.includes(name) || workloads.cronJobs.some((c) => isRunOf(name, c));
    case 'ReplicaSet':
      return workloads.deployments.some((d) => isReplicaSetOf(name, d));
    case 'Pod':
      return (
        workloads.deployments.some((d) => suffixMatches(name, d, /^[a-z0-9]+-[a-z0-9]{5}$/)) ||
        workloads.statefulSets.some((s) => suffixMatches(name, s, /^[0-9]+$/)) ||
        workloads.jobs.some((j) => suffixMatches(name, j, /^[a-z0-9]{5}$/)) ||
        workloads.cronJobs.some((c) => suffixMatches(name, c, /^[0-9]+-[a-z0-9]{5}$/))
      );
    default:
      return false;
  }
}

/** The names of a service's workloads, by kind. */
export interface WorkloadNames {
  deployments: readonly string[];
  statefulSets: readonly string[];
  cronJobs: readonly string[];
  jobs: readonly string[];
}

/** A CronJob names each run after its scheduled time, in minutes since the epoch. */
function isRunOf(job: string, cronJob: string): boolean {
  return suffixMatches(job, cronJob, /^[0-9]+$/);
}

function isReplicaSetOf(replicaSet: string, deployment: string): boolean {
  return suffixMatches(replicaSet, deployment, /^[a-z0-9]+$/);
}

function suffixMatches(name: string, prefix: string, suffix: RegExp): boolean {
  return name.startsWith(`${prefix}-`) && suffix.test(name.slice(prefix.length + 1));
}
