import { Type } from '@sinclair/typebox';
import { ReleaseView } from './releases.ts';

const nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const LiveRunsView = Type.Object(
  {
    schedule: nullable(Type.String({ description: "A CronJob's schedule; null for a Job" })),
    suspended: Type.Boolean({ description: 'spec.suspend (a paused environment suspends its CronJobs)' }),
    active: Type.Integer({ description: 'Jobs (of a CronJob) or pods (of a Job) running now' }),
    succeeded: Type.Integer({ description: "A Job's succeeded pods; 0 for a CronJob" }),
    failed: Type.Integer({ description: "A Job's failed pods; 0 for a CronJob" }),
    lastStartAt: nullable(
      Type.String({ format: 'date-time', description: "A CronJob's last scheduled run; a Job's start" }),
    ),
    lastSuccessAt: nullable(
      Type.String({ format: 'date-time', description: "A CronJob's last successful run; a Job's completion" }),
    ),
  },
  { description: 'For a CronJob or Job: its runs' },
);

export const LiveWorkloadView = Type.Object({
  kind: Type.Union([
    Type.Literal('Deployment'),
    Type.Literal('StatefulSet'),
    Type.Literal('CronJob'),
    Type.Literal('Job'),
  ]),
  name: Type.String(),
  desired: Type.Integer({ description: "spec.replicas; a Job's completions; 0 for a CronJob" }),
  ready: Type.Integer({ description: "Ready replicas; a Job's succeeded pods" }),
  updated: Type.Integer({ description: "Replicas running the newest pod template; a Job's succeeded pods" }),
  available: Type.Integer(),
  runs: Type.Optional(LiveRunsView),
});

export const LivePodView = Type.Object({
  name: Type.String(),
  workload: nullable(Type.String({ description: 'The name of its workload in `workloads`' })),
  phase: Type.String({ description: 'Pending, Running, Succeeded, Failed or Unknown' }),
  ready: Type.Boolean(),
  restarts: Type.Integer({ description: 'Container restarts, init containers included' }),
  reason: nullable(
    Type.String({ description: 'Why it is not simply running: Terminating, CrashLoopBackOff, Evicted…' }),
  ),
  message: nullable(Type.String()),
  node: nullable(Type.String()),
  startedAt: nullable(Type.String({ format: 'date-time' })),
});

/** The data of each `status` event of GET …/live. */
export const LiveStatusView = Type.Object(
  {
    service: Type.String(),
    environment: Type.String(),
    namespace: Type.String(),
    cluster: Type.String({ description: 'The name of the cluster the environment lives on' }),
    at: Type.String({ format: 'date-time', description: 'When the server built this status' }),
    release: Type.Union([Type.Ref(ReleaseView), Type.Null()], {
      description: 'The newest release of the service in the environment',
    }),
    workloads: Type.Array(LiveWorkloadView),
    pods: Type.Array(LivePodView),
  },
  { $id: 'LiveStatus', description: 'A service in an environment as it runs now' },
);

export const LiveEventView = Type.Object({
  type: Type.String({ description: 'Normal or Warning' }),
  reason: Type.String(),
  message: Type.String(),
  object: Type.String({ description: 'Kind/name of the object it is about' }),
  count: Type.Integer({ minimum: 1 }),
  firstAt: nullable(Type.String({ format: 'date-time' })),
  lastAt: nullable(Type.String({ format: 'date-time' })),
});

export const LogLineView = Type.Object({
  pod: Type.String(),
  container: Type.String(),
  at: nullable(Type.String({ description: 'When the container wrote it (RFC 3339)' })),
  text: Type.String(),
});

export const LogUnavailableView = Type.Object({
  pod: Type.String(),
  container: Type.String(),
  message: Type.String({ description: "Kubernetes' reason" }),
});
