import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../src/kube/object.ts';
import { newestEvents, summarizeEvent } from '../../src/live/events.ts';
import { containerNames, summarizePod, summarizeWorkload } from '../../src/live/summaries.ts';

const pod = (status: Record<string, unknown>, extra: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'shop-abc-12345', ...extra },
  spec: {
    nodeName: 'node-1',
    initContainers: [{ name: 'migrate' }],
    containers: [{ name: 'web' }, { name: 'proxy' }],
  },
  status,
});

describe('live summaries', () => {
  it('reads replica counts, with the defaults the API server leaves out', () => {
    const d: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'shop' },
      spec: { replicas: 3 },
      status: { readyReplicas: 2, updatedReplicas: 3 },
    };
    assert.deepEqual(summarizeWorkload(d), {
      kind: 'Deployment',
      name: 'shop',
      desired: 3,
      ready: 2,
      updated: 3,
      available: 0,
    });
    assert.equal(summarizeWorkload({ ...d, spec: {} }).desired, 1);
  });

  it("reads a CronJob's schedule and runs, and a Job's completions", () => {
    const cron: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly' },
      spec: { schedule: '0 3 * * *', suspend: true },
      status: { active: [{ name: 'nightly-1' }], lastScheduleTime: '2026-01-02T03:00:00Z' },
    };
    assert.deepEqual(summarizeWorkload(cron), {
      kind: 'CronJob',
      name: 'nightly',
      desired: 0,
      ready: 0,
      updated: 0,
      available: 0,
      runs: {
        schedule: '0 3 * * *',
        suspended: true,
        active: 1,
        succeeded: 0,
        failed: 0,
        lastStartAt: '2026-01-02T03:00:00Z',
        lastSuccessAt: null,
      },
    });
    const job: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'seed-1' },
      spec: { completions: 2 },
      status: { succeeded: 1, failed: 1, active: 1, startTime: '2026-01-02T03:00:00Z' },
    };
    const summary = summarizeWorkload(job);
    assert.deepEqual([summary.desired, summary.ready], [2, 1]);
    assert.deepEqual(summary.runs, {
      schedule: null,
      suspended: false,
      active: 1,
      succeeded: 1,
      failed: 1,
      lastStartAt: '2026-01-02T03:00:00Z',
      lastSuccessAt: null,
    });
  });

  it('says why a pod is not simply running', () => {
    const running = pod({
      phase: 'Running',
      startTime: '2025-06-02T10:00:00Z',
      conditions: [{ type: 'Ready', status: 'True' }],
      initContainerStatuses: [
        { name: 'migrate', restartCount: 1, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
      ],
      containerStatuses: [
        { name: 'web', restartCount: 2, state: { running: {} } },
        { name: 'proxy', restartCount: 0, state: { running: {} } },
      ],
    });
    assert.deepEqual(summarizePod(running, 'shop'), {
      name: 'shop-abc-12345',
      workload: 'shop',
      phase: 'Running',
      ready: true,
      restarts: 3,
      reason: null,
      message: null,
      node: 'node-1',
      startedAt: '2025-06-02T10:00:00Z',
    });
    const crashing = pod({
      phase: 'Running',
      containerStatuses: [
        { name: 'web', restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s' } } },
      ],
    });
    assert.deepEqual(
      [summarizePod(crashing, null).reason, summarizePod(crashing, null).message, summarizePod(crashing, null).ready],
      ['CrashLoopBackOff', 'back-off 5m0s', false],
    );
    const failedInit = pod({
      phase: 'Pending',
      initContainerStatuses: [{ name: 'migrate', state: { terminated: { exitCode: 1 } } }],
    });
    assert.equal(summarizePod(failedInit, null).reason, 'ExitCode:1');
    const evicted = pod({ phase: 'Failed', reason: 'Evicted', message: 'The node was low on memory.' });
    assert.equal(summarizePod(evicted, null).reason, 'Evicted');
    const unscheduled = pod({
      phase: 'Pending',
      conditions: [
        { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available' },
      ],
    });
    assert.deepEqual(
      [summarizePod(unscheduled, null).reason, summarizePod(unscheduled, null).message],
      ['Unschedulable', '0/3 nodes are available'],
    );
    const leaving = pod({ phase: 'Running' }, { deletionTimestamp: '2025-06-02T10:29:00Z' });
    assert.equal(summarizePod(leaving, null).reason, 'Terminating');
    assert.equal(summarizePod(pod({}), null).phase, 'Unknown');
  });

  it('names containers, init containers only when asked', () => {
    assert.deepEqual(containerNames(pod({})), ['web', 'proxy']);
    assert.deepEqual(containerNames(pod({}), true), ['migrate', 'web', 'proxy']);
  });
});

describe('events', () => {
  it('reads both generations of event recorders alike', () => {
    const old = summarizeEvent({
      type: 'Normal',
      reason: 'ScalingReplicaSet',
      message: 'Scaled up replica set shop-7d9f8c6b5 from 0 to 2',
      involvedObject: { kind: 'Deployment', name: 'shop' },
      count: 3,
      firstTimestamp: '2025-06-02T10:00:00Z',
      lastTimestamp: '2025-06-02T10:05:00Z',
    });
    assert.deepEqual(old, {
      type: 'Normal',
      reason: 'ScalingReplicaSet',
      message: 'Scaled up replica set shop-7d9f8c6b5 from 0 to 2',
      object: 'Deployment/shop',
      count: 3,
      firstAt: '2025-06-02T10:00:00.000Z',
      lastAt: '2025-06-02T10:05:00.000Z',
    });
    const recent = summarizeEvent({
      type: 'Warning',
      reason: 'FailedScheduling',
      note: '0/3 nodes are available',
      involvedObject: { kind: 'Pod', name: 'shop-7d9f8c6b5-abcde' },
      eventTime: '2025-06-02T10:01:00.123456Z',
      series: { count: 4, lastObservedTime: '2025-06-02T10:06:00.000000Z' },
      metadata: { creationTimestamp: '2025-06-02T10:01:00Z' },
    });
    assert.deepEqual(
      [recent.message, recent.count, recent.firstAt, recent.lastAt],
      ['0/3 nodes are available', 4, '2025-06-02T10:01:00.123Z', '2025-06-02T10:06:00.000Z'],
    );
  });

  it('lists the newest first, at most as many as asked', () => {
    const at = (lastAt: string) => ({
      type: 'Normal',
      reason: lastAt,
      message: '',
      object: 'Pod/x',
      count: 1,
      firstAt: lastAt,
      lastAt,
    });
    const sorted = newestEvents(
      [at('2025-01-01T00:00:01Z'), at('2025-01-01T00:00:03Z'), at('2025-01-01T00:00:02Z')],
      2,
    );
    assert.deepEqual(
      sorted.map((e) => e.reason),
      ['2025-01-01T00:00:03Z', '2025-01-01T00:00:02Z'],
    );
  });
});
