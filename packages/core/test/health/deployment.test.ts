import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deploymentHealth } from '../../src/health/deployment.ts';
import type { HealthStatus } from '../../src/health/status.ts';
import type { KubeObject } from '../../src/kube/object.ts';
import {
  deadlineExceededDeployment,
  healthyDeployment,
  merge,
  midRolloutDeployment,
  pausedDeployment,
  unobservedDeployment,
} from './fixtures.ts';

const cases: Array<[string, KubeObject, HealthStatus, string]> = [
  ['all replicas updated and available', healthyDeployment, 'Healthy', '3 of 3 replicas available'],
  ['mid-rollout: 2 of 3 updated', midRolloutDeployment, 'Progressing', '2 of 3 replicas updated so far'],
  [
    'ProgressDeadlineExceeded',
    deadlineExceededDeployment,
    'Degraded',
    'The rollout did not finish within its progress deadline: ReplicaSet "web-7c9d8f6b5" has timed out progressing.',
  ],
  ['paused mid-rollout', pausedDeployment, 'Suspended', 'The Deployment is paused: resume it to continue the rollout'],
  [
    'observedGeneration behind generation, even though the old status looks healthy',
    unobservedDeployment,
    'Progressing',
    'Waiting for the controller to pick up the latest change',
  ],
  [
    'all updated, an old replica still terminating',
    merge(midRolloutDeployment, { status: { replicas: 4, updatedReplicas: 3, availableReplicas: 3 } }),
    'Progressing',
    'Waiting for 1 old replica(s) to terminate',
  ],
  [
    'all updated, not all available',
    merge(midRolloutDeployment, {
      status: { replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2 },
    }),
    'Progressing',
    '2 of 3 updated replicas available so far',
  ],
  [
    'scaled to zero',
    merge(healthyDeployment, {
      spec: { replicas: 0 },
      status: {
        replicas: undefined,
        updatedReplicas: undefined,
        readyReplicas: undefined,
        availableReplicas: undefined,
      },
    }),
    'Healthy',
    '0 of 0 replicas available',
  ],
  [
    'pods refused by a ResourceQuota (ReplicaFailure) are named, not just waited for',
    merge(midRolloutDeployment, {
      status: {
        conditions: [
          {
            type: 'ReplicaFailure',
            status: 'True',
            reason: 'FailedCreate',
            message:
              'pods "web-7c9d8f6b5-abcde" is forbidden: exceeded quota: compute, requested: limits.memory=256Mi, used: limits.memory=1Gi, limited: limits.memory=1Gi',
          },
        ],
      },
    }),
    'Progressing',
    'Pods cannot be created: pods "web-7c9d8f6b5-abcde" is forbidden: exceeded quota: compute, requested: limits.memory=256Mi, used: limits.memory=1Gi, limited: limits.memory=1Gi',
  ],
  [
    'just created: no status at all yet',
    merge(healthyDeployment, { metadata: { generation: 1 }, status: undefined }),
    'Progressing',
    'Waiting for the controller to pick up the latest change',
  ],
  [
    'a stale ProgressDeadlineExceeded is ignored once a new generation is applied',
    merge(deadlineExceededDeployment, { metadata: { generation: 5 } }),
    'Progressing',
    'Waiting for the controller to pick up the latest change',
  ],
];

describe('deploymentHealth', () => {
  for (const [name, obj, status, message] of cases) {
    it(name, () => assert.deepEqual(deploymentHealth(obj), { status, message }));
  }
});
