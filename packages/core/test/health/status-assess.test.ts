import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assessHealth } from '../../src/health/assess.ts';
import { type HealthResult, healthOrder, isWorse, worstOf } from '../../src/health/status.ts';
import * as core from '../../src/index.ts';
import type { KubeObject } from '../../src/kube/object.ts';
import { ago, deadlineExceededDeployment, healthyDeployment, merge, namespace, readyPod } from './fixtures.ts';

describe('worstOf', () => {
  it('orders Healthy < Suspended < Progressing < Missing < Unknown < Degraded', () => {
    assert.deepEqual(healthOrder, ['Healthy', 'Suspended', 'Progressing', 'Missing', 'Unknown', 'Degraded']);
    assert.equal(isWorse('Progressing', 'Missing'), true);
    assert.equal(isWorse('Degraded', 'Unknown'), false);
  });

  it('picks the most severe, the first on a tie, and Healthy for nothing', () => {
    const r = (status: HealthResult['status'], message: string): HealthResult => ({ status, message });
    assert.deepEqual(
      worstOf([r('Healthy', 'a'), r('Progressing', 'b'), r('Suspended', 'c'), r('Progressing', 'd')]),
      r('Progressing', 'b'),
    );
    assert.deepEqual(worstOf([r('Unknown', 'u'), r('Degraded', 'x'), r('Missing', 'm')]), r('Degraded', 'x'));
    assert.deepEqual(worstOf([]), r('Healthy', ''));
  });
});

const configMap: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'web-files', namespace },
  data: { 'app.conf': 'x=1' },
};

describe('assessHealth', () => {
  it('is Missing for an object not found', () => {
    assert.deepEqual(assessHealth(undefined), { status: 'Missing', message: 'Not found in the cluster' });
  });

  it('dispatches by group and kind', () => {
    assert.equal(assessHealth(healthyDeployment).status, 'Healthy');
    assert.equal(assessHealth(deadlineExceededDeployment).status, 'Degraded');
    assert.equal(assessHealth(readyPod('web-1')).status, 'Healthy');
  });

  it('does not apply the Deployment rule to a CRD that reuses the kind name', () => {
    const foreign = merge(deadlineExceededDeployment, { apiVersion: 'example.com/v1' });
    assert.notEqual(assessHealth(foreign).status, 'Degraded');
  });

  it('calls configuration kinds Healthy when present', () => {
    for (const [apiVersion, kind] of [
      ['v1', 'ConfigMap'],
      ['v1', 'Secret'],
      ['v1', 'ServiceAccount'],
      ['rbac.authorization.k8s.io/v1', 'Role'],
      ['rbac.authorization.k8s.io/v1', 'RoleBinding'],
      ['networking.k8s.io/v1', 'NetworkPolicy'],
    ] as const) {
      assert.deepEqual(assessHealth({ ...configMap, apiVersion, kind }), { status: 'Healthy', message: '' }, kind);
    }
  });

  it('reports an object being deleted as Progressing, naming its finalizers', () => {
    const deleting = merge(configMap, {
      metadata: { deletionTimestamp: ago(10), finalizers: ['kubernetes.io/pvc-protection'] },
    });
    assert.deepEqual(assessHealth(deleting), {
      status: 'Progressing',
      message: 'Being deleted; waiting for finalizers: kubernetes.io/pvc-protection',
    });
  });

  it('is exported from the package entry point', () => {
    assert.equal(core.assessHealth, assessHealth);
    assert.equal(typeof core.assessRollout, 'function');
    assert.equal(typeof core.detectPodFailures, 'function');
  });
});

describe('assessHealth of other kinds, by their standard conditions', () => {
  const certificate = (conditions: unknown[], extra = {}): KubeObject => ({
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name: 'web-tls', namespace, generation: 1 },
    spec: {
      secretName: 'web-tls',
      dnsNames: ['web.dev.example.com'],
      issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' },
    },
    status: { conditions, ...extra },
  });
  const cases: Array<[string, KubeObject, HealthResult]> = [
    [
      'Ready=True',
      certificate([
        {
          type: 'Ready',
          status: 'True',
          reason: 'Ready',
          message: 'Certificate is up to date and has not expired',
          observedGeneration: 1,
        },
      ]),
      { status: 'Healthy', message: 'Certificate is up to date and has not expired' },
    ],
    [
      'Ready=False while issuing is a step on the way',
      certificate([
        {
          type: 'Issuing',
          status: 'True',
          reason: 'DoesNotExist',
          message: 'Issuing certificate as Secret does not exist',
        },
        {
          type: 'Ready',
          status: 'False',
          reason: 'DoesNotExist',
          message: 'Issuing certificate as Secret does not exist',
        },
      ]),
      { status: 'Progressing', message: 'DoesNotExist: Issuing certificate as Secret does not exist' },
    ],
    [
      'Ready=False with a failure reason is Degraded',
      certificate([
        {
          type: 'Ready',
          status: 'False',
          reason: 'Failed',
          message: 'The certificate request has failed to complete and will be retried',
        },
      ]),
      { status: 'Degraded', message: 'Failed: The certificate request has failed to complete and will be retried' },
    ],
    [
      'kstatus Stalled=True',
      certificate([{ type: 'Stalled', status: 'True', reason: 'InvalidSpec', message: 'spec.dnsNames is empty' }]),
      { status: 'Degraded', message: 'InvalidSpec: spec.dnsNames is empty' },
    ],
    [
      'observedGeneration behind',
      certificate([{ type: 'Ready', status: 'True', reason: 'Ready' }], { observedGeneration: 0 }),
      { status: 'Progressing', message: 'Waiting for the controller to pick up the latest change' },
    ],
    ['no conditions: present is healthy', certificate([]), { status: 'Healthy', message: '' }],
    [
      'Available (APIService-style)',
      {
        apiVersion: 'apiregistration.k8s.io/v1',
        kind: 'APIService',
        metadata: { name: 'v1beta1.metrics.k8s.io' },
        status: {
          conditions: [
            {
              type: 'Available',
              status: 'False',
              reason: 'MissingEndpoints',
              message: 'endpoints for service/metrics-server in "kube-system" have no addresses',
            },
          ],
        },
      },
      {
        status: 'Progressing',
        message: 'MissingEndpoints: endpoints for service/metrics-server in "kube-system" have no addresses',
      },
    ],
  ];
  for (const [name, obj, expected] of cases) it(name, () => assert.deepEqual(assessHealth(obj), expected));
});
