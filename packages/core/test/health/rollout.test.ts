import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assessRollout } from '../../src/health/rollout.ts';
import type { KubeObject } from '../../src/kube/object.ts';
import {
  crashLoopPod,
  deadlineExceededDeployment,
  evictedPod,
  healthyDeployment,
  merge,
  midRolloutDeployment,
  namespace,
  now,
  pausedDeployment,
  readyPod,
  serviceLabels,
  unschedulablePod,
  waitingPod,
} from './fixtures.ts';

const service: KubeObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace, labels: serviceLabels },
  spec: {
    type: 'ClusterIP',
    clusterIP: '10.96.143.27',
    ports: [{ port: 80, targetPort: 8080 }],
    selector: { 'slipway.dev/service': 'web' },
  },
  status: { loadBalancer: {} },
};
const config: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'web-files', namespace },
  data: { 'app.conf': 'x=1' },
};
const readyPods = ['4kq7m', '9sd2c', 'p8w3z'].map((s) => readyPod(`web-7c9d8f6b5-${s}`));

/** Mid-rollout: two ready pods of the old ReplicaSet, one new pod in trouble. */
const midRollout = (troubled: KubeObject, deployment = midRolloutDeployment, deadlineSeconds?: number) =>
  assessRollout({
    objects: [deployment, service, config],
    pods: [readyPods[0] as KubeObject, readyPods[1] as KubeObject, troubled],
    now,
    ...(deadlineSeconds === undefined ? {} : { deadlineSeconds }),
  });

describe('assessRollout', () => {
  it('a finished rollout is Healthy, with every resource and the replica counts', () => {
    const a = assessRollout({ objects: [healthyDeployment, service, config], pods: readyPods, now });
    assert.equal(a.status, 'Healthy');
    assert.equal(a.message, 'All 3 resources healthy; 3 of 3 replicas available.');
    assert.deepEqual(a.failures, []);
    assert.deepEqual(a.progress, { desired: 3, updated: 3, ready: 3, available: 3 });
    assert.deepEqual(
      a.resources.map((r) => [r.key, r.kind, r.name, r.status]),
      [
        ['apps/Deployment/shop-dev/web', 'Deployment', 'web', 'Healthy'],
        ['/Service/shop-dev/web', 'Service', 'web', 'Healthy'],
        ['/ConfigMap/shop-dev/web-files', 'ConfigMap', 'web-files', 'Healthy'],
      ],
    );
  });

  it('mid-rollout without problems is Progressing and says how far it got', () => {
    const a = midRollout(readyPod('web-7c9d8f6b5-new01'));
    assert.equal(a.status, 'Progressing');
    assert.equal(a.message, "Rolling out: Deployment 'web': 2 of 3 replicas updated so far.");
    assert.deepEqual(a.progress, { desired: 3, updated: 2, ready: 3, available: 3 });
  });

  it('a crash-looping new pod makes a Progressing rollout report why', () => {
    const a = midRollout(crashLoopPod('web-7c9d8f6b5-x2x9z', 120));
    assert.equal(a.status, 'Progressing');
    assert.equal(
      a.message,
      "Rolling out: Deployment 'web': 2 of 3 replicas updated so far. Cause: The container 'web' keeps crashing: it exited with code 1 and has restarted 5 times.",
    );
    assert.deepEqual(
      a.failures.map((f) => f.reason),
      ['CrashLoopBackOff'],
    );
  });

  it('failures that outlast the deadline fail the rollout', () => {
    const a = midRollout(crashLoopPod('web-7c9d8f6b5-x2x9z', 700));
    assert.equal(a.status, 'Degraded');
    assert.equal(
      a.message,
      "Failed: The container 'web' keeps crashing: it exited with code 1 and has restarted 5 times.",
    );
  });

  it('the deadline can be given, overriding progressDeadlineSeconds', () => {
    assert.equal(midRollout(crashLoopPod('web-7c9d8f6b5-x2x9z', 120), midRolloutDeployment, 60).status, 'Degraded');
    assert.equal(midRollout(crashLoopPod('web-7c9d8f6b5-x2x9z', 120), midRolloutDeployment, 600).status, 'Progressing');
  });

  it("ProgressDeadlineExceeded is Degraded and names the pods' problem as the cause", () => {
    const a = midRollout(unschedulablePod('web-7c9d8f6b5-u1'), deadlineExceededDeployment);
    assert.equal(a.status, 'Degraded');
    assert.equal(
      a.message,
      "Failed: Deployment 'web': The rollout did not finish within its progress deadline: ReplicaSet \"web-7c9d8f6b5\" has timed out progressing. Cause: The pod 'web-7c9d8f6b5-u1' cannot be scheduled on any node: 0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
    );
    assert.equal(a.failures[0]?.reason, 'Unschedulable');
  });

  it('an invalid image name fails at once: waiting cannot fix it', () => {
    const pod = waitingPod(
      'web-7c9d8f6b5-p2',
      'InvalidImageName',
      'invalid reference format: repository name must be lowercase',
      'ghcr.io/Acme/web',
    );
    // Ten minutes old against a one-hour deadline: only the reason itself can fail it.
    assert.equal(midRollout(pod, midRolloutDeployment, 3600).status, 'Degraded');
    assert.equal(
      midRollout(waitingPod('web-7c9d8f6b5-p3', 'ImagePullBackOff', 'Back-off'), midRolloutDeployment, 3600).status,
      'Progressing',
    );
  });

  it('counts several problems and leads with the first', () => {
    const a = assessRollout({
      objects: [midRolloutDeployment],
      pods: [
        crashLoopPod('web-7c9d8f6b5-a1', 60),
        waitingPod('web-7c9d8f6b5-a2', 'ImagePullBackOff', 'Back-off pulling image'),
      ],
      now,
    });
    assert.match(a.message, /Cause: The container 'web' keeps crashing: .* \(and 1 more problem\)$/);
    assert.equal(a.failures.length, 2);
  });

  it('ignores pods no workload of the release selects, and replaced (evicted) pods do not fail it', () => {
    const otherService = merge(crashLoopPod('api-6b7c8d9e0-zz1', 900), {
      metadata: { labels: { 'slipway.dev/service': 'api', 'slipway.dev/environment': 'development' } },
    });
    const a = assessRollout({
      objects: [midRolloutDeployment],
      pods: [otherService, evictedPod('web-7c9d8f6b5-ev1')],
      now,
    });
    assert.equal(a.status, 'Progressing');
    assert.deepEqual(
      a.failures.map((f) => [f.pod, f.reason]),
      [['web-7c9d8f6b5-ev1', 'Evicted']],
    );
  });

  it('a missing object is Missing and, given what was expected, named', () => {
    const a = assessRollout({
      objects: [healthyDeployment, { desired: service, live: undefined }, undefined],
      pods: readyPods,
      now,
    });
    assert.equal(a.status, 'Missing');
    assert.equal(a.message, "Missing: Service 'web': Not found in the cluster.");
    assert.deepEqual(a.resources[1], {
      key: '/Service/shop-dev/web',
      kind: 'Service',
      name: 'web',
      status: 'Missing',
      message: 'Not found in the cluster',
    });
    assert.deepEqual(a.resources[2], {
      key: '#2',
      kind: '',
      name: '',
      status: 'Missing',
      message: 'An object of the release is missing',
    });
  });

  it('a paused Deployment makes the release Suspended', () => {
    const a = assessRollout({ objects: [pausedDeployment, service], pods: readyPods, now });
    assert.equal(a.status, 'Suspended');
    assert.equal(a.message, "Paused: Deployment 'web': The Deployment is paused: resume it to continue the rollout.");
  });

  it('sums progress over every workload kind', () => {
    const db: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace, generation: 1 },
      spec: {
        replicas: 1,
        selector: { matchLabels: { 'slipway.dev/service': 'db' } },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      },
      status: {
        observedGeneration: 1,
        replicas: 1,
        readyReplicas: 0,
        updatedReplicas: 1,
        currentRevision: 'db-1',
        updateRevision: 'db-1',
      },
    };
    const a = assessRollout({ objects: [midRolloutDeployment, db], pods: [], now });
    assert.deepEqual(a.progress, { desired: 4, updated: 3, ready: 3, available: 3 });
    assert.equal(a.status, 'Progressing');
  });

  it('an empty release is Healthy', () => {
    assert.deepEqual(assessRollout({ objects: [], pods: [], now }), {
      status: 'Healthy',
      message: 'All 0 resources healthy.',
      resources: [],
      failures: [],
      progress: { desired: 0, updated: 0, ready: 0, available: 0 },
    });
  });
});

describe('routes without a published address', () => {
  const ingress = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', namespace: 'ns' },
    spec: { rules: [{ host: 'web.example.com' }] },
    status: { loadBalancer: {} },
  };

  it('do not hold a release back by default, and say they have no address', () => {
    const a = assessRollout({ objects: [ingress], pods: [], now: new Date() });
    assert.equal(a.status, 'Healthy');
    assert.match(a.resources[0]?.message ?? '', /^Applied; waiting for the ingress controller/);
  });

  it('hold it back when the environment asks for published addresses', () => {
    const a = assessRollout({ objects: [ingress], pods: [], now: new Date(), awaitRouteAddresses: true });
    assert.equal(a.status, 'Progressing');
  });
});
