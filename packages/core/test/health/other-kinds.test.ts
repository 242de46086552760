import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hpaHealth } from '../../src/health/hpa.ts';
import { pdbHealth } from '../../src/health/pdb.ts';
import { pvcHealth } from '../../src/health/pvc.ts';
import type { HealthResult, HealthStatus } from '../../src/health/status.ts';
import type { KubeObject } from '../../src/kube/object.ts';
import { ago, merge, namespace } from './fixtures.ts';

const table = (fn: (o: KubeObject) => HealthResult, cases: Array<[string, KubeObject, HealthStatus, string]>) => {
  for (const [name, obj, status, message] of cases) it(name, () => assert.deepEqual(fn(obj), { status, message }));
};

const claim: KubeObject = {
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'data-db-0', namespace },
  spec: {
    accessModes: ['ReadWriteOnce'],
    resources: { requests: { storage: '10Gi' } },
    storageClassName: 'standard',
    volumeMode: 'Filesystem',
  },
  status: { phase: 'Pending' },
};

describe('pvcHealth', () => {
  table(pvcHealth, [
    ['Pending (e.g. WaitForFirstConsumer)', claim, 'Progressing', 'Waiting for a volume to be bound'],
    [
      'Bound',
      merge(claim, {
        spec: { volumeName: 'pvc-4c1d2e3f' },
        status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '10Gi' } },
      }),
      'Healthy',
      'Bound to a volume',
    ],
    ['Lost', merge(claim, { status: { phase: 'Lost' } }), 'Degraded', 'The volume behind this claim is lost'],
    ['no phase', merge(claim, { status: undefined }), 'Unknown', 'The claim has no phase yet'],
  ]);
});

const hpaCondition = (type: string, status: string, reason: string, message: string) => ({
  type,
  status,
  reason,
  message,
  lastTransitionTime: ago(300),
});
const hpa: KubeObject = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web', namespace },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    minReplicas: 2,
    maxReplicas: 6,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
  },
  status: { currentReplicas: 2, desiredReplicas: 2 },
};
const healthyConditions = [
  hpaCondition('AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size'),
  hpaCondition(
    'ScalingActive',
    'True',
    'ValidMetricFound',
    'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
  ),
  hpaCondition('ScalingLimited', 'False', 'DesiredWithinRange', 'the desired count is within the acceptable range'),
];

describe('hpaHealth', () => {
  table(hpaHealth, [
    ['no conditions yet', hpa, 'Progressing', 'Waiting for the autoscaler to start'],
    [
      'able to scale',
      merge(hpa, { status: { conditions: healthyConditions } }),
      'Healthy',
      'recommended size matches current size',
    ],
    [
      'target missing',
      merge(hpa, {
        status: {
          conditions: [
            hpaCondition(
              'AbleToScale',
              'False',
              'FailedGetScale',
              'the HPA controller was unable to get the target\'s current scale: deployments/scale.apps "web" not found',
            ),
            healthyConditions[1],
          ],
        },
      }),
      'Degraded',
      'the HPA controller was unable to get the target\'s current scale: deployments/scale.apps "web" not found',
    ],
    [
      'invalid selector listed after a healthy condition is still found (Argo stops at the first)',
      merge(hpa, {
        status: {
          conditions: [
            healthyConditions[0],
            hpaCondition('ScalingActive', 'False', 'InvalidSelector', "the HPA target's scale is missing a selector"),
          ],
        },
      }),
      'Degraded',
      "the HPA target's scale is missing a selector",
    ],
    [
      'no metrics-server: healthy, with a warning',
      merge(hpa, {
        status: {
          conditions: [
            hpaCondition(
              'AbleToScale',
              'True',
              'SucceededGetScale',
              "the HPA controller was able to get the target's current scale",
            ),
            hpaCondition(
              'ScalingActive',
              'False',
              'FailedGetResourceMetric',
              'the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)',
            ),
          ],
        },
      }),
      'Healthy',
      'The autoscaler cannot read its metrics, so it will not scale: the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)',
    ],
    [
      'autoscaling/v1: conditions in the annotation',
      merge(hpa, {
        apiVersion: 'autoscaling/v1',
        metadata: {
          annotations: {
            'autoscaling.alpha.kubernetes.io/conditions': JSON.stringify([
              {
                type: 'AbleToScale',
                status: 'True',
                lastTransitionTime: ago(300),
                reason: 'ReadyForNewScale',
                message: 'recommended size matches current size',
              },
            ]),
          },
        },
      }),
      'Healthy',
      'recommended size matches current size',
    ],
  ]);
});

const pdb: KubeObject = {
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'web', namespace, generation: 1 },
  spec: { minAvailable: 2, selector: { matchLabels: { 'slipway.dev/service': 'web' } } },
  status: {
    observedGeneration: 1,
    currentHealthy: 3,
    desiredHealthy: 2,
    disruptionsAllowed: 1,
    expectedPods: 3,
    conditions: [
      {
        type: 'DisruptionAllowed',
        status: 'True',
        reason: 'SufficientPods',
        message: '',
        observedGeneration: 1,
        lastTransitionTime: ago(600),
      },
    ],
  },
};
const insufficient = {
  type: 'DisruptionAllowed',
  status: 'False',
  reason: 'InsufficientPods',
  message: '',
  observedGeneration: 1,
};

describe('pdbHealth', () => {
  table(pdbHealth, [
    ['one disruption allowed', pdb, 'Healthy', '1 disruption(s) allowed; 3 of 3 pods healthy'],
    [
      'fewer healthy pods than required: the workload is coming up',
      merge(pdb, { status: { currentHealthy: 1, disruptionsAllowed: 0, conditions: [insufficient] } }),
      'Progressing',
      '1 of the 2 healthy pods the budget requires',
    ],
    [
      'zero disruptions by design (1 replica, minAvailable 1)',
      merge(pdb, {
        spec: { minAvailable: 1 },
        status: {
          currentHealthy: 1,
          desiredHealthy: 1,
          expectedPods: 1,
          disruptionsAllowed: 0,
          conditions: [insufficient],
        },
      }),
      'Healthy',
      'No disruption allowed: node drains will wait until more pods are healthy',
    ],
    [
      'controller cannot compute it',
      merge(pdb, {
        status: {
          conditions: [
            {
              type: 'DisruptionAllowed',
              status: 'False',
              reason: 'SyncFailed',
              message: 'found no controllers for pod "web-x"',
              observedGeneration: 1,
            },
          ],
        },
      }),
      'Degraded',
      'found no controllers for pod "web-x"',
    ],
    [
      'not observed yet',
      merge(pdb, { metadata: { generation: 2 } }),
      'Progressing',
      'Waiting for the controller to pick up the latest change',
    ],
  ]);
});
