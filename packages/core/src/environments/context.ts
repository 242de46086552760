/**
 * What rendering needs to know about the environment a workload is deployed to. Environment
 * types (set by platform engineers) supply the defaults; issue-level features such as
 * approvals and TTLs live elsewhere.
 */
export interface ResourceAmounts {
  cpu?: string;
  memory?: string;
}

export interface EnvironmentDefaults {
  /** Replicas when the workload does not say. */
  replicas: number;
  /** Container requests/limits when the workload does not say. */
  resources?: { requests?: ResourceAmounts; limits?: ResourceAmounts };
  /** A HorizontalPodAutoscaler is rendered when set. */
  autoscaling?: { minReplicas: number; maxReplicas: number; targetCPUUtilizationPercentage: number };
  /** A PodDisruptionBudget is rendered when set (and replicas > 1). */
  disruptionBudget?: { minAvailable?: number | string; maxUnavailable?: number | string };
  /** Seconds a rollout may take before it counts as failed (Deployment progressDeadlineSeconds). */
  progressDeadlineSeconds: number;
}

export interface EnvironmentContext {
  /** e.g. `development`, `pr-42` */
  name: string;
  /** e.g. `development`, `staging`, `production`, `preview` */
  type: string;
  /** Namespace the workload's objects go to. */
  namespace: string;
  /** Base DNS domain for routes, e.g. `dev.example.com`. */
  domain?: string;
  /** `Ingress` or the Gateway API's `HTTPRoute` (when the cluster has it). */
  routeKind: 'Ingress' | 'HTTPRoute';
  /** For HTTPRoute: the Gateway to attach to. */
  gateway?: { name: string; namespace?: string };
  /** IngressClass for Ingress routes. */
  ingressClassName?: string;
  defaults: EnvironmentDefaults;
}
