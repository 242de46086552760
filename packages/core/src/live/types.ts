/**
 * What the portal's live Service page shows of a service in an environment, as the API sends
 * it: the shapes only; the server assembles them from the cluster's objects.
 */

/**
 * The workload kinds a service runs as (its own, and the data stores provisioned for it): a
 * batch workload runs as a CronJob, whose runs are Jobs, or as a Job.
 */
export type LiveWorkloadKind = 'Deployment' | 'StatefulSet' | 'CronJob' | 'Job';

export interface LiveWorkload {
  kind: LiveWorkloadKind;
  name: string;
  /** spec.replicas (1 when left out); a Job's completions; 0 for a CronJob. */
  desired: number;
  /** Ready replicas; a Job's succeeded pods. */
  ready: number;
  /** Replicas running the newest pod template; a Job's succeeded pods. */
  updated: number;
  available: number;
  /** For a CronJob or Job: its runs, as `kubectl get` shows them. */
  runs?: LiveRuns;
}

export interface LiveRuns {
  /** A CronJob's schedule; null for a Job. */
  schedule: string | null;
  /** spec.suspend: a paused environment suspends its CronJobs. */
  suspended: boolean;
  /** Jobs (of a CronJob) or pods (of a Job) running now. */
  active: number;
  /** A Job's succeeded and failed pods; 0 for a CronJob. */
  succeeded: number;
  failed: number;
  /** A CronJob's last scheduled and last successful run; a Job's start and completion. */
  lastStartAt: string | null;
  lastSuccessAt: string | null;
}

export interface LivePod {
  name: string;
  /** The name of its workload in `workloads`; null when it has none Slipway knows of. */
  workload: string | null;
  /** Kubernetes' phase: Pending, Running, Succeeded, Failed or Unknown. */
  phase: string;
  ready: boolean;
  /** Container restarts, init containers included. */
  restarts: number;
  /** Why it is not simply running: Terminating, CrashLoopBackOff, ImagePullBackOff, Evicted… */
  reason: string | null;
  message: string | null;
  node: string | null;
  startedAt: string | null;
}

export interface LiveStatus<Release = unknown> {
  service: string;
  environment: string;
  namespace: string;
  cluster: string;
  /** When the server built this status (ISO 8601). */
  at: string;
  /** The newest release of the service in the environment, as GET /releases/{id} shows it. */
  release: Release | null;
  workloads: LiveWorkload[];
  pods: LivePod[];
}

/** A Kubernetes Event about one of a service's objects. */
export interface LiveEvent {
  /** Normal or Warning. */
  type: string;
  reason: string;
  message: string;
  /** `Kind/name` of the object it is about. */
  object: string;
  count: number;
  firstAt: string | null;
  lastAt: string | null;
}

/** One line of a container's log. */
export interface LogLine {
  pod: string;
  container: string;
  /** When the container wrote it (RFC 3339), when the cluster says. */
  at: string | null;
  text: string;
}
