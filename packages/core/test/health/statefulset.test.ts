import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { statefulSetHealth } from '../../src/health/statefulset.ts';
import type { HealthStatus } from '../../src/health/status.ts';
import type { KubeObject } from '../../src/kube/object.ts';
import { ago, merge, namespace } from './fixtures.ts';

const postgres: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: {
    name: 'db',
    namespace,
    generation: 2,
    uid: '0d1c2b3a-4f5e-4d6c-8b7a-9e8f7a6b5c4d',
    creationTimestamp: ago(90000),
  },
  spec: {
    replicas: 3,
    serviceName: 'db',
    selector: { matchLabels: { 'slipway.dev/service': 'db' } },
    podManagementPolicy: 'OrderedReady',
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
    template: {
      metadata: { labels: { 'slipway.dev/service': 'db' } },
      spec: { containers: [{ name: 'postgres', image: 'postgres:16.3' }] },
    },
  },
  status: {
    observedGeneration: 2,
    replicas: 3,
    readyReplicas: 3,
    currentReplicas: 3,
    updatedReplicas: 3,
    availableReplicas: 3,
    currentRevision: 'db-6d4c8b9f7',
    updateRevision: 'db-6d4c8b9f7',
    collisionCount: 0,
  },
};

const rolling = merge(postgres, {
  metadata: { generation: 3 },
  status: { observedGeneration: 3, updatedReplicas: 1, currentReplicas: 2, updateRevision: 'db-7f5d9c0a8' },
});

const cases: Array<[string, KubeObject, HealthStatus, string]> = [
  ['rolled out and ready', postgres, 'Healthy', '3 pods updated and ready'],
  ['rolling update, 1 of 3 pods updated', rolling, 'Progressing', '1 of 3 pods updated so far'],
  [
    'a pod not ready',
    merge(postgres, { status: { readyReplicas: 2 } }),
    'Progressing',
    'Waiting for 1 of 3 pods to be ready',
  ],
  [
    'generation not observed',
    merge(postgres, { metadata: { generation: 3 } }),
    'Progressing',
    'Waiting for the controller to pick up the latest change',
  ],
  [
    'observedGeneration 0: controller never ran',
    merge(postgres, { metadata: { generation: 1 }, status: { observedGeneration: 0 } }),
    'Progressing',
    'Waiting for the controller to pick up the latest change',
  ],
  [
    'partition 2: only ordinal 2 must update',
    merge(rolling, { spec: { updateStrategy: { rollingUpdate: { partition: 2 } } } }),
    'Healthy',
    'Partitioned rollout complete: 1 pods updated',
  ],
  [
    'partition 1: ordinals 1 and 2 must update, 1 has',
    merge(rolling, { spec: { updateStrategy: { rollingUpdate: { partition: 1 } } } }),
    'Progressing',
    '1 of 2 pods updated so far (partition 1)',
  ],
  [
    'OnDelete: ready is all that can be asked, even with old revisions',
    merge(rolling, { spec: { updateStrategy: { type: 'OnDelete', rollingUpdate: undefined } } }),
    'Healthy',
    '3 pods ready; with OnDelete, pods update only when deleted',
  ],
  [
    'OnDelete but a pod not ready',
    merge(rolling, {
      spec: { updateStrategy: { type: 'OnDelete', rollingUpdate: undefined } },
      status: { readyReplicas: 1 },
    }),
    'Progressing',
    'Waiting for 2 of 3 pods to be ready',
  ],
];

describe('statefulSetHealth', () => {
  for (const [name, obj, status, message] of cases) {
    it(name, () => assert.deepEqual(statefulSetHealth(obj), { status, message }));
  }
});
