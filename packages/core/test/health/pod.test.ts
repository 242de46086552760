import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { podHealth } from '../../src/health/pod.ts';
import type { HealthStatus } from '../../src/health/status.ts';
import type { KubeObject } from '../../src/kube/object.ts';
import {
  crashLoopPod,
  evictedPod,
  failedJobPod,
  merge,
  oomKilledPod,
  readinessFailingPod,
  readyPod,
  unschedulablePod,
  waitingPod,
  webPod,
  webStatus,
} from './fixtures.ts';

const crashing = crashLoopPod('web-7c9d8f6b5-x2x9z');
const initCrashing = webPod('web-7c9d8f6b5-init1', {
  phase: 'Pending',
  initContainerStatuses: [
    webStatus({
      name: 'wait-for-db',
      restartCount: 4,
      lastState: { terminated: { exitCode: 1, reason: 'Error' } },
      state: {
        waiting: { reason: 'CrashLoopBackOff', message: 'back-off 1m20s restarting failed container=wait-for-db' },
      },
    }),
  ],
  containerStatuses: [webStatus({ state: { waiting: { reason: 'PodInitializing' } } })],
});

const cases: Array<[string, KubeObject, HealthStatus, string | RegExp]> = [
  ['running and ready', readyPod('web-7c9d8f6b5-4kq7m'), 'Healthy', 'Running and ready'],
  [
    'CrashLoopBackOff',
    crashing,
    'Degraded',
    'web: CrashLoopBackOff (back-off 2m40s restarting failed container=web pod=web-7c9d8f6b5-x2x9z_shop-dev(9b2e0c41-4d8e-b7a2-5f3c1e9d0a7b))',
  ],
  ['OOMKilled, now backing off', oomKilledPod('web-7c9d8f6b5-oom11'), 'Degraded', /^web: CrashLoopBackOff/],
  [
    'ImagePullBackOff',
    waitingPod('web-7c9d8f6b5-p1', 'ImagePullBackOff', 'Back-off pulling image "ghcr.io/acme/web:1.4.3"'),
    'Degraded',
    'web: ImagePullBackOff (Back-off pulling image "ghcr.io/acme/web:1.4.3")',
  ],
  [
    'InvalidImageName (missed by the Err*/…Error/…BackOff pattern)',
    waitingPod('web-7c9d8f6b5-p2', 'InvalidImageName', 'couldn\'t parse image reference "ghcr.io/Acme/web:1.4"'),
    'Degraded',
    /^web: InvalidImageName/,
  ],
  [
    'CreateContainerConfigError',
    waitingPod('web-7c9d8f6b5-p3', 'CreateContainerConfigError', 'secret "web-db" not found'),
    'Degraded',
    'web: CreateContainerConfigError (secret "web-db" not found)',
  ],
  [
    'ContainerCreating is just starting',
    waitingPod('web-7c9d8f6b5-p4', 'ContainerCreating', ''),
    'Progressing',
    'Waiting for the pod to start',
  ],
  [
    'crash-looping init container (Argo: Progressing forever)',
    initCrashing,
    'Degraded',
    'wait-for-db: CrashLoopBackOff (back-off 1m20s restarting failed container=wait-for-db)',
  ],
  [
    'unschedulable: the scheduler says why',
    unschedulablePod('web-7c9d8f6b5-u1'),
    'Progressing',
    /^Not scheduled: 0\/3 nodes are available: 3 Insufficient cpu\./,
  ],
  [
    'running, not ready yet, never crashed',
    readinessFailingPod('web-7c9d8f6b5-r1', 20),
    'Progressing',
    'Running, not ready yet',
  ],
  [
    'running, not ready, after a crash',
    merge(crashing, {
      status: {
        containerStatuses: [
          webStatus({
            restartCount: 1,
            lastState: { terminated: { exitCode: 1, reason: 'Error' } },
            state: { running: { startedAt: '2025-06-02T10:29:50Z' } },
          }),
        ],
      },
    }),
    'Degraded',
    "Not ready; container 'web' has restarted",
  ],
  ['evicted', evictedPod('web-7c9d8f6b5-ev1'), 'Degraded', /^The node was low on resource: memory\./],
  ['failed Job pod: the termination message', failedJobPod, 'Degraded', 'relation "orders" already exists'],
  [
    'Job pod with a failing pull is not failed early (it is a run-to-completion pod)',
    merge(failedJobPod, {
      status: {
        phase: 'Pending',
        containerStatuses: [
          webStatus({ name: 'migrate', state: { waiting: { reason: 'ErrImagePull', message: 'not found' } } }),
        ],
      },
    }),
    'Progressing',
    'Waiting for the pod to start',
  ],
  [
    'running Job pod is Progressing, never Healthy',
    merge(failedJobPod, {
      status: { phase: 'Running', containerStatuses: [webStatus({ name: 'migrate', state: { running: {} } })] },
    }),
    'Progressing',
    'Running',
  ],
  ['succeeded', merge(failedJobPod, { status: { phase: 'Succeeded' } }), 'Healthy', 'Completed'],
  [
    'phase Unknown: node lost',
    merge(readyPod('web-7c9d8f6b5-lost1'), { status: { phase: 'Unknown', containerStatuses: [] } }),
    'Unknown',
    'The pod state is unknown: its node may be unreachable',
  ],
  [
    'failed without message: exit code of the failed container',
    merge(failedJobPod, {
      status: {
        containerStatuses: [webStatus({ name: 'migrate', state: { terminated: { exitCode: 2, reason: 'Error' } } })],
      },
    }),
    'Degraded',
    "Container 'migrate' failed with exit code 2",
  ],
];

describe('podHealth', () => {
  for (const [name, pod, status, message] of cases) {
    it(name, () => {
      const result = podHealth(pod);
      assert.equal(result.status, status);
      if (typeof message === 'string') assert.equal(result.message, message);
      else assert.match(result.message, message);
    });
  }
});
