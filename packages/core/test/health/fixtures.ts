/**
 * Objects shaped like what a kube-apiserver returns (`kubectl get -o json`), trimmed of
 * managedFields. `now` is fixed so every timestamp is relative to it.
 */
import type { KubeObject } from '../../src/kube/object.ts';

type Json = Record<string, unknown>;

export const now = new Date('2025-06-02T10:30:00Z');

/** An RFC 3339 timestamp `seconds` before `now`, as the apiserver writes it. */
export const ago = (seconds: number): string =>
  new Date(now.getTime() - seconds * 1000).toISOString().replace('.000Z', 'Z');

const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Deep merge for fixtures: objects merge, arrays and scalars replace, `undefined` deletes. */
export function merge<T>(base: T, patch: Json): T {
  const out: Json = { ...(base as Json) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete out[k];
    else out[k] = isObj(v) && isObj(out[k]) ? merge(out[k], v) : v;
  }
  return out as T;
}

export const namespace = 'shop-dev';
export const serviceLabels = {
  'slipway.dev/service': 'web',
  'slipway.dev/environment': 'development',
  'app.kubernetes.io/managed-by': 'slipway',
};

const webContainer = {
  name: 'web',
  image: 'ghcr.io/acme/web:1.4.2',
  imagePullPolicy: 'IfNotPresent',
  ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
  resources: { requests: { cpu: '250m', memory: '128Mi' }, limits: { memory: '256Mi' } },
  readinessProbe: {
    httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' },
    initialDelaySeconds: 5,
    periodSeconds: 10,
    timeoutSeconds: 1,
    successThreshold: 1,
    failureThreshold: 3,
  },
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
};

const availableCondition = {
  type: 'Available',
  status: 'True',
  lastUpdateTime: ago(7200),
  lastTransitionTime: ago(7200),
  reason: 'MinimumReplicasAvailable',
  message: 'Deployment has minimum availability.',
};

export const healthyDeployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace,
    uid: '3f1c2a9e-5b7d-4e21-9a0c-1d2e3f4a5b6c',
    resourceVersion: '48102',
    generation: 3,
    creationTimestamp: ago(86400),
    labels: serviceLabels,
    annotations: { 'deployment.kubernetes.io/revision': '3' },
  },
  spec: {
    replicas: 3,
    selector: { matchLabels: { 'slipway.dev/service': 'web', 'slipway.dev/environment': 'development' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: 600,
    template: {
      metadata: { labels: serviceLabels },
      spec: { containers: [webContainer], restartPolicy: 'Always', terminationGracePeriodSeconds: 30 },
    },
  },
  status: {
    observedGeneration: 3,
    replicas: 3,
    updatedReplicas: 3,
    readyReplicas: 3,
    availableReplicas: 3,
    conditions: [
      availableCondition,
      {
        type: 'Progressing',
        status: 'True',
        lastUpdateTime: ago(7100),
        lastTransitionTime: ago(86400),
        reason: 'NewReplicaSetAvailable',
        message: 'ReplicaSet "web-5d8f7c6b9" has successfully progressed.',
      },
    ],
  },
};

const progressingCondition = (reason: string, message: string, status = 'True') => ({
  type: 'Progressing',
  status,
  lastUpdateTime: ago(60),
  lastTransitionTime: ago(status === 'True' ? 86400 : 60),
  reason,
  message,
});

/** generation 4 applied, new ReplicaSet scaled to 2 (surge), one old pod already gone. */
export const midRolloutDeployment = merge(healthyDeployment, {
  metadata: { generation: 4, annotations: { 'deployment.kubernetes.io/revision': '4' } },
  status: {
    observedGeneration: 4,
    replicas: 4,
    updatedReplicas: 2,
    readyReplicas: 3,
    availableReplicas: 3,
    unavailableReplicas: 1,
    conditions: [
      availableCondition,
      progressingCondition('ReplicaSetUpdated', 'ReplicaSet "web-7c9d8f6b5" is progressing.'),
    ],
  },
});

export const deadlineExceededDeployment = merge(midRolloutDeployment, {
  status: {
    conditions: [
      availableCondition,
      progressingCondition(
        'ProgressDeadlineExceeded',
        'ReplicaSet "web-7c9d8f6b5" has timed out progressing.',
        'False',
      ),
    ],
  },
});

export const pausedDeployment = merge(midRolloutDeployment, { spec: { paused: true } });

/** `kubectl apply` just bumped generation; status still describes generation 3. */
export const unobservedDeployment = merge(healthyDeployment, { metadata: { generation: 4 } });

// ---------------------------------------------------------------------------------------------
// Pods of the Deployment's new ReplicaSet.

export function webPod(name: string, status: Json, spec: Json = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: 'web-7c9d8f6b5-',
      namespace,
      uid: `9b2e${name.slice(-5)}-0c41-4d8e-b7a2-5f3c1e9d0a7b`,
      resourceVersion: '48231',
      creationTimestamp: ago(600),
      labels: { ...serviceLabels, 'pod-template-hash': '7c9d8f6b5' },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web-7c9d8f6b5',
          uid: '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d',
          controller: true,
        },
      ],
    },
    spec: merge(
      {
        containers: [webContainer],
        restartPolicy: 'Always',
        terminationGracePeriodSeconds: 30,
        dnsPolicy: 'ClusterFirst',
        serviceAccountName: 'default',
        schedulerName: 'default-scheduler',
        nodeName: 'worker-2',
        priority: 0,
        enableServiceLinks: true,
        preemptionPolicy: 'PreemptLowerPriority',
      },
      spec,
    ),
    status,
  };
}

const cond = (type: string, status: string, since: number, extra: Json = {}) => ({
  type,
  status,
  lastProbeTime: null,
  lastTransitionTime: ago(since),
  ...extra,
});

/** The conditions of a scheduled pod whose containers are (not) ready since `since` seconds. */
export function podConditions(ready: boolean, since: number): Json[] {
  const readiness = ready ? {} : { reason: 'ContainersNotReady', message: 'containers with unready status: [web]' };
  return [
    cond('PodReadyToStartContainers', 'True', 590),
    cond('Initialized', 'True', 595),
    cond('Ready', ready ? 'True' : 'False', since, readiness),
    cond('ContainersReady', ready ? 'True' : 'False', since, readiness),
    cond('PodScheduled', 'True', 600),
  ];
}

export function webStatus(over: Json): Json {
  return {
    name: 'web',
    image: 'ghcr.io/acme/web:1.4.2',
    imageID: 'ghcr.io/acme/web@sha256:4b1f0c3e9a7d6b5c2e8f1a0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b',
    containerID: 'containerd://a3f9c1e7b5d2468097ace13579bdf2468ace13579bdf2468ace13579bdf2468',
    ready: false,
    started: false,
    restartCount: 0,
    lastState: {},
    ...over,
  };
}

const runningPodStatus = (containerStatus: Json, ready: boolean, since: number): Json => ({
  phase: 'Running',
  conditions: podConditions(ready, since),
  hostIP: '10.0.3.12',
  podIP: '10.244.2.17',
  podIPs: [{ ip: '10.244.2.17' }],
  startTime: ago(600),
  qosClass: 'Burstable',
  containerStatuses: [containerStatus],
});

export const readyPod = (name: string) =>
  webPod(
    name,
    runningPodStatus(webStatus({ ready: true, started: true, state: { running: { startedAt: ago(580) } } }), true, 560),
  );

/** CrashLoopBackOff, last run exited 1: the classic "app dies at startup". */
export const crashLoopPod = (name: string, unreadyFor = 300) =>
  webPod(
    name,
    runningPodStatus(
      webStatus({
        restartCount: 5,
        lastState: {
          terminated: {
            exitCode: 1,
            reason: 'Error',
            startedAt: ago(75),
            finishedAt: ago(72),
            containerID: 'containerd://5e1d9b7f3a2c4e6081b3d5f7092a4c6e8b0d2f4a6c8e0b2d4f6a8c0e2b4d6f8a',
          },
        },
        state: {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: `back-off 2m40s restarting failed container=web pod=${name}_shop-dev(9b2e0c41-4d8e-b7a2-5f3c1e9d0a7b)`,
          },
        },
      }),
      false,
      unreadyFor,
    ),
  );

export const oomKilledPod = (name: string) =>
  webPod(
    name,
    runningPodStatus(
      webStatus({
        restartCount: 3,
        lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: ago(50), finishedAt: ago(40) } },
        state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container=web' } },
      }),
      false,
      240,
    ),
  );

const pendingPodStatus = (containerStatus: Json): Json => ({
  phase: 'Pending',
  conditions: podConditions(false, 600),
  hostIP: '10.0.3.12',
  podIP: '10.244.2.18',
  startTime: ago(600),
  qosClass: 'Burstable',
  containerStatuses: [containerStatus],
});

export const waitingPod = (name: string, reason: string, message: string, image = 'ghcr.io/acme/web:1.4.3') =>
  webPod(
    name,
    pendingPodStatus(
      webStatus({ image, imageID: '', containerID: undefined, state: { waiting: { reason, message } } }),
    ),
    { containers: [{ ...webContainer, image }] },
  );

export const unschedulablePod = (name: string) =>
  webPod(
    name,
    {
      phase: 'Pending',
      conditions: [
        cond('PodScheduled', 'False', 90, {
          reason: 'Unschedulable',
          message:
            '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
        }),
      ],
      qosClass: 'Burstable',
    },
    { nodeName: undefined },
  );

export const readinessFailingPod = (name: string, unreadyFor: number) =>
  webPod(
    name,
    runningPodStatus(
      webStatus({ ready: false, started: true, state: { running: { startedAt: ago(unreadyFor) } } }),
      false,
      unreadyFor,
    ),
  );

export const evictedPod = (name: string) =>
  webPod(name, {
    phase: 'Failed',
    reason: 'Evicted',
    message:
      'The node was low on resource: memory. Threshold quantity: 100Mi, available: 91340Ki. Container web was using 412Mi, request is 128Mi, has larger consumption of memory. ',
    conditions: [
      cond('DisruptionTarget', 'True', 3000, {
        reason: 'TerminationByKubelet',
        message: 'The node was low on resource: memory.',
      }),
      cond('Ready', 'False', 3000, { reason: 'PodFailed' }),
      cond('PodScheduled', 'True', 9000),
    ],
    startTime: ago(9000),
    qosClass: 'Burstable',
    containerStatuses: [
      webStatus({
        state: { terminated: { exitCode: 137, reason: 'ContainerStatusUnknown', finishedAt: ago(3000) } },
      }),
    ],
  });

/** A pod of a migration Job: restartPolicy Never, exited 1. */
export const failedJobPod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web-migrate-4-x7k2p',
    namespace,
    labels: {
      'batch.kubernetes.io/controller-uid': '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9',
      'batch.kubernetes.io/job-name': 'web-migrate-4',
      'job-name': 'web-migrate-4',
    },
    ownerReferences: [
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        name: 'web-migrate-4',
        uid: '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9',
        controller: true,
      },
    ],
  },
  spec: {
    containers: [{ name: 'migrate', image: 'ghcr.io/acme/web:1.4.3', command: ['./migrate', 'up'] }],
    restartPolicy: 'Never',
  },
  status: {
    phase: 'Failed',
    conditions: [cond('Ready', 'False', 120, { reason: 'PodCompleted' }), cond('PodScheduled', 'True', 180)],
    containerStatuses: [
      {
        name: 'migrate',
        image: 'ghcr.io/acme/web:1.4.3',
        ready: false,
        started: false,
        restartCount: 0,
        lastState: {},
        state: {
          terminated: {
            exitCode: 1,
            reason: 'Error',
            message: 'relation "orders" already exists',
            startedAt: ago(130),
            finishedAt: ago(120),
          },
        },
      },
    ],
  },
};
