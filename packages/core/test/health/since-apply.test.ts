import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assessRollout } from '../../src/health/rollout.ts';
import { appliedAt, sinceApply } from '../../src/health/since-apply.ts';
import type { KubeObject } from '../../src/kube/object.ts';
import { healthyDeployment, merge, readyPod } from './fixtures.ts';

/**
 * A rollback of a Deployment with one replica, seconds after the release it replaces timed
 * out: the controller has observed the rollback's generation but kept the timeout, as
 * kube-controller-manager does when it returns to a ReplicaSet that still exists.
 */
const timeout = {
  type: 'Progressing',
  status: 'False',
  reason: 'ProgressDeadlineExceeded',
  message: 'ReplicaSet "web-7c9d8f6b5" has timed out progressing.',
  lastUpdateTime: '2025-06-02T10:29:59Z',
  lastTransitionTime: '2025-06-02T10:29:59Z',
};
const apply = (time: string) => ({
  manager: 'slipway',
  operation: 'Apply',
  apiVersion: 'apps/v1',
  time,
  fieldsType: 'FieldsV1',
  fieldsV1: {},
});
const rollback: KubeObject = merge(healthyDeployment, {
  metadata: {
    generation: 7,
    managedFields: [
      apply('2025-06-02T10:30:00Z'),
      { manager: 'kube-controller-manager', operation: 'Update', subresource: 'status', time: '2025-06-02T10:30:01Z' },
    ],
  },
  spec: { replicas: 1, progressDeadlineSeconds: 3 },
  status: {
    observedGeneration: 7,
    replicas: 2,
    updatedReplicas: 1,
    readyReplicas: 1,
    availableReplicas: 1,
    conditions: [timeout],
  },
});
/** Slipway's clock when the rollback began: a few milliseconds after the timeout it reacted to. */
const startedAt = new Date('2025-06-02T10:29:59.950Z');
const now = new Date('2025-06-02T10:30:01.200Z');
const pod = readyPod('web-7c9d8f6b5-4kq7m');

const assess = (live: KubeObject, applied?: { generation?: number; at?: Date }, started?: Date) =>
  assessRollout({
    objects: [{ desired: healthyDeployment, live, ...(applied ? { applied } : {}) }],
    pods: [pod],
    now,
    ...(started ? { startedAt: started } : {}),
  });

describe('a verdict counts only what the cluster recorded after the release’s own apply', () => {
  it('a rollback does not inherit the timeout of the release it replaces', () => {
    const a = assess(rollback, { generation: 7, at: new Date('2025-06-02T10:30:00Z') }, startedAt);
    assert.equal(a.status, 'Progressing', a.message);
    assert.equal(a.message, "Rolling out: Deployment 'web': Waiting for 1 old replica(s) to terminate.");
  });

  it('the time of the apply is read from the live object when the caller has none', () => {
    assert.equal(assess(rollback, {}, startedAt).status, 'Progressing');
  });

  it('by Slipway’s clock alone the same timeout looks like the rollback’s own (why the apply’s time is needed)', () => {
    const withoutRecord = merge(rollback, { metadata: { managedFields: undefined } });
    assert.equal(assess(withoutRecord, undefined, startedAt).status, 'Degraded');
  });

  it('a timeout progressDeadlineSeconds after the apply is the release’s own', () => {
    const own = merge(rollback, {
      status: { conditions: [{ ...timeout, lastUpdateTime: '2025-06-02T10:30:03Z' }] },
    });
    const a = assess(own, { generation: 7, at: new Date('2025-06-02T10:30:00Z') }, startedAt);
    assert.equal(a.status, 'Degraded');
    assert.match(a.message, /did not finish within its progress deadline: ReplicaSet "web-7c9d8f6b5" has timed out/);
  });

  it('a timeout sooner than progressDeadlineSeconds after the apply is not', () => {
    const early = merge(rollback, {
      status: { conditions: [{ ...timeout, lastUpdateTime: '2025-06-02T10:30:02Z' }] },
    });
    const judged = sinceApply(early, { at: new Date('2025-06-02T10:30:00Z') });
    assert.deepEqual(judged.status?.conditions, []);
    assert.equal(
      JSON.stringify(early.status?.conditions).includes('ProgressDeadlineExceeded'),
      true,
      'the live object is left as it was',
    );
  });

  it('a timeout from before the release started is set aside even without the apply’s time', () => {
    const withoutRecord = merge(rollback, { metadata: { managedFields: undefined } });
    assert.equal(assess(withoutRecord, undefined, new Date('2025-06-02T10:30:00.001Z')).status, 'Progressing');
  });

  it('with nothing known of the apply, the timeout counts as before', () => {
    const withoutRecord = merge(rollback, { metadata: { managedFields: undefined } });
    assert.equal(assess(withoutRecord).status, 'Degraded');
  });

  it('status of a generation older than the applied one is not judged: it waits for the controller', () => {
    const finished = merge(rollback, {
      status: {
        replicas: 1,
        conditions: [{ ...timeout, reason: 'NewReplicaSetAvailable', status: 'True' }],
      },
    });
    assert.equal(assess(finished, { generation: 7 }).status, 'Healthy');
    const a = assess(finished, { generation: 8 });
    assert.equal(a.status, 'Progressing');
    assert.match(a.message, /Waiting for the controller to pick up the latest change/);
  });

  it('appliedAt reads the latest apply of Slipway’s field manager, nothing else', () => {
    const obj = merge(rollback, {
      metadata: {
        managedFields: [
          apply('2025-06-02T10:00:00Z'),
          { ...apply('2025-06-02T10:20:00Z'), apiVersion: 'apps/v1beta2' },
          { ...apply('2025-06-02T10:25:00Z'), subresource: 'scale' },
          { ...apply('2025-06-02T10:26:00Z'), manager: 'kubectl' },
          { ...apply('2025-06-02T10:27:00Z'), operation: 'Update' },
        ],
      },
    });
    assert.equal(appliedAt(obj)?.toISOString(), '2025-06-02T10:20:00.000Z');
    assert.equal(appliedAt(healthyDeployment), undefined);
  });
});
