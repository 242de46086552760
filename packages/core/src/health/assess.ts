import type { KubeObject } from '../kube/object.ts';
import { conditionsHealth } from './conditions.ts';
import { cronJobHealth } from './cronjob.ts';
import { daemonSetHealth } from './daemonset.ts';
import { deploymentHealth } from './deployment.ts';
import { hpaHealth } from './hpa.ts';
import { httpRouteHealth } from './httproute.ts';
import { ingressHealth } from './ingress.ts';
import { jobHealth } from './job.ts';
import { pdbHealth } from './pdb.ts';
import { podHealth } from './pod.ts';
import { pvcHealth } from './pvc.ts';
import { replicaSetHealth } from './replicaset.ts';
import { serviceHealth } from './service.ts';
import { statefulSetHealth } from './statefulset.ts';
import { type HealthResult, healthResult } from './status.ts';

export type HealthRule = (obj: KubeObject) => HealthResult;

/** Rules by `group/Kind` (core group empty), so a CRD that reuses a kind name is not misread. */
const rules: Readonly<Record<string, HealthRule>> = {
  'apps/Deployment': deploymentHealth,
  'apps/StatefulSet': statefulSetHealth,
  'apps/DaemonSet': daemonSetHealth,
  'apps/ReplicaSet': replicaSetHealth,
  'batch/Job': jobHealth,
  'batch/CronJob': cronJobHealth,
  '/Pod': podHealth,
  '/Service': serviceHealth,
  '/PersistentVolumeClaim': pvcHealth,
  'networking.k8s.io/Ingress': ingressHealth,
  'extensions/Ingress': ingressHealth,
  'gateway.networking.k8s.io/HTTPRoute': httpRouteHealth,
  'autoscaling/HorizontalPodAutoscaler': hpaHealth,
  'policy/PodDisruptionBudget': pdbHealth,
};

/** Kinds that are pure configuration: existing is all they can do. */
const presentIsHealthy = new Set([
  '/ConfigMap',
  '/Secret',
  '/ServiceAccount',
  '/Endpoints',
  '/LimitRange',
  '/ResourceQuota',
  'discovery.k8s.io/EndpointSlice',
  'rbac.authorization.k8s.io/Role',
  'rbac.authorization.k8s.io/RoleBinding',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'networking.k8s.io/NetworkPolicy',
  'networking.k8s.io/IngressClass',
  'scheduling.k8s.io/PriorityClass',
  'storage.k8s.io/StorageClass',
]);

export const groupKind = (obj: Pick<KubeObject, 'apiVersion' | 'kind'>): string =>
  `${obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : ''}/${obj.kind}`;

/** The health of one live object; `undefined` (not found in the cluster) is Missing. */
export function assessHealth(obj: KubeObject | undefined): HealthResult {
  if (!obj) return healthResult('Missing', 'Not found in the cluster');
  if (obj.metadata.deletionTimestamp) return pendingDeletion(obj);
  const key = groupKind(obj);
  if (presentIsHealthy.has(key)) return healthResult('Healthy', '');
  try {
    return (rules[key] ?? conditionsHealth)(obj);
  } catch (error) {
    // Rules read defensively, so this means a shape nobody expected: say so rather than guess.
    return healthResult('Unknown', `Cannot assess health: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Being deleted is progress towards absence; finalizers are what it usually waits for. */
function pendingDeletion(obj: KubeObject): HealthResult {
  const finalizers = Array.isArray(obj.metadata.finalizers) ? obj.metadata.finalizers.map(String) : [];
  const blockers = finalizers.length ? `; waiting for finalizers: ${finalizers.join(', ')}` : '';
  return healthResult('Progressing', `Being deleted${blockers}`);
}
