import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { daemonSetHealth } from '../../src/health/daemonset.ts';
import { replicaSetHealth } from '../../src/health/replicaset.ts';
import type { HealthResult, HealthStatus } from '../../src/health/status.ts';
import type { KubeObject } from '../../src/kube/object.ts';
import { merge, namespace } from './fixtures.ts';

const agent: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'log-agent', namespace, generation: 5 },
  spec: {
    selector: { matchLabels: { app: 'log-agent' } },
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
    template: {
      metadata: { labels: { app: 'log-agent' } },
      spec: { containers: [{ name: 'agent', image: 'fluent/fluent-bit:3.0' }] },
    },
  },
  status: {
    observedGeneration: 5,
    currentNumberScheduled: 3,
    desiredNumberScheduled: 3,
    numberMisscheduled: 0,
    numberReady: 3,
    numberAvailable: 3,
    updatedNumberScheduled: 3,
  },
};

const replicaSet: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: {
    name: 'web-7c9d8f6b5',
    namespace,
    generation: 2,
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'u', controller: true }],
  },
  spec: { replicas: 3, selector: { matchLabels: { 'pod-template-hash': '7c9d8f6b5' } } },
  status: { observedGeneration: 2, replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3 },
};

type Case = [string, KubeObject, HealthStatus, string];
const table = (fn: (o: KubeObject) => HealthResult, cases: Case[]) => {
  for (const [name, obj, status, message] of cases) it(name, () => assert.deepEqual(fn(obj), { status, message }));
};

describe('daemonSetHealth', () => {
  table(daemonSetHealth, [
    ['every node runs an updated, available pod', agent, 'Healthy', '3 of 3 pods available'],
    [
      'generation not observed',
      merge(agent, { metadata: { generation: 6 } }),
      'Progressing',
      'Waiting for the controller to pick up the latest change',
    ],
    [
      '1 of 3 updated',
      merge(agent, { status: { updatedNumberScheduled: 1 } }),
      'Progressing',
      '1 of 3 pods updated so far',
    ],
    [
      'updated, 2 of 3 available',
      merge(agent, { status: { numberAvailable: 2, numberUnavailable: 1 } }),
      'Progressing',
      '2 of 3 pods available so far',
    ],
    [
      'OnDelete: old pods are fine',
      merge(agent, {
        spec: { updateStrategy: { type: 'OnDelete', rollingUpdate: undefined } },
        status: { updatedNumberScheduled: 0 },
      }),
      'Healthy',
      '3 of 3 pods available',
    ],
    [
      'OnDelete still needs its pods available (Argo would say Healthy)',
      merge(agent, {
        spec: { updateStrategy: { type: 'OnDelete', rollingUpdate: undefined } },
        status: { numberAvailable: 1 },
      }),
      'Progressing',
      '1 of 3 pods available so far',
    ],
  ]);
});

describe('replicaSetHealth', () => {
  table(replicaSetHealth, [
    ['all available', replicaSet, 'Healthy', '3 of 3 replicas available'],
    [
      '1 of 3 available',
      merge(replicaSet, { status: { availableReplicas: 1, readyReplicas: 1 } }),
      'Progressing',
      '1 of 3 replicas available so far',
    ],
    [
      'generation not observed',
      merge(replicaSet, { metadata: { generation: 3 } }),
      'Progressing',
      'Waiting for the controller to pick up the latest change',
    ],
    [
      'ReplicaFailure is Degraded',
      merge(replicaSet, {
        status: {
          availableReplicas: 0,
          conditions: [
            {
              type: 'ReplicaFailure',
              status: 'True',
              reason: 'FailedCreate',
              message:
                'pods "web-7c9d8f6b5-k2j4n" is forbidden: error looking up service account shop-dev/web: serviceaccount "web" not found',
            },
          ],
        },
      }),
      'Degraded',
      'pods "web-7c9d8f6b5-k2j4n" is forbidden: error looking up service account shop-dev/web: serviceaccount "web" not found',
    ],
  ]);
});
