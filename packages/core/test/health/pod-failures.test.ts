import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectPodFailures, type PodFailure } from '../../src/health/pod-failures.ts';
import type { KubeObject } from '../../src/kube/object.ts';
import {
  ago,
  crashLoopPod,
  evictedPod,
  failedJobPod,
  merge,
  now,
  oomKilledPod,
  readinessFailingPod,
  readyPod,
  unschedulablePod,
  waitingPod,
  webStatus,
} from './fixtures.ts';

const only = (pod: KubeObject, options = {}): PodFailure => {
  const found = detectPodFailures([pod], now, options);
  assert.equal(found.length, 1, JSON.stringify(found));
  return found[0] as PodFailure;
};

describe('detectPodFailures', () => {
  it('finds nothing wrong with ready pods', () => {
    assert.deepEqual(detectPodFailures([readyPod('web-7c9d8f6b5-4kq7m'), readyPod('web-7c9d8f6b5-9sd2c')], now), []);
  });

  it('CrashLoopBackOff: exit code, restart count, and where the logs are', () => {
    assert.deepEqual(only(crashLoopPod('web-7c9d8f6b5-x2x9z')), {
      pod: 'web-7c9d8f6b5-x2x9z',
      namespace: 'shop-dev',
      container: 'web',
      reason: 'CrashLoopBackOff',
      message: "The container 'web' keeps crashing: it exited with code 1 and has restarted 5 times.",
      fix: 'Read the logs of the crashed run (slipway logs web --env development --previous) to see why it exits.',
      since: ago(300),
    });
  });

  it('CrashLoopBackOff: explains exit code 127 and quotes the termination message', () => {
    const pod = crashLoopPod('web-7c9d8f6b5-x2x9z');
    const cs = ((pod.status?.containerStatuses ?? []) as Array<Record<string, unknown>>)[0] ?? {};
    const withCode = merge(pod, {
      status: {
        containerStatuses: [
          merge(cs, {
            lastState: {
              terminated: { exitCode: 127, message: 'exec: "gunicorn": executable file not found in $PATH' },
            },
          }),
        ],
      },
    });
    const f = only(withCode);
    assert.equal(
      f.message,
      'The container \'web\' keeps crashing: it exited with code 127 (its command was not found in the image), saying "exec: "gunicorn": executable file not found in $PATH" and has restarted 5 times.',
    );
    assert.match(f.fix, /Check the container's command and entrypoint\.$/);
  });

  it('OOMKilled wins over CrashLoopBackOff: exit 137, the memory limit and the fix', () => {
    assert.deepEqual(only(oomKilledPod('web-7c9d8f6b5-oom11')), {
      pod: 'web-7c9d8f6b5-oom11',
      namespace: 'shop-dev',
      container: 'web',
      reason: 'OOMKilled',
      message:
        "The container 'web' ran out of memory: it was killed (exit code 137) for using more than its 256Mi memory limit, and has restarted 3 times.",
      fix: 'Raise its memory limit (resources.limits.memory, now 256Mi) or reduce what the app holds in memory; the logs of the killed run (slipway logs web --env development --previous) may show what it was doing.',
      since: ago(240),
    });
  });

  it('OOMKilled in a Job pod that never restarts', () => {
    const pod = merge(failedJobPod, {
      status: {
        containerStatuses: [
          webStatus({
            name: 'migrate',
            state: { terminated: { exitCode: 137, reason: 'OOMKilled', finishedAt: ago(100) } },
          }),
        ],
      },
    });
    const f = only(pod);
    assert.equal(f.reason, 'OOMKilled');
    assert.equal(
      f.message,
      "The container 'migrate' ran out of memory: it was killed (exit code 137) for using more memory than its node could spare.",
    );
    assert.match(f.fix, /^Give it a memory request and limit/);
  });

  it('an old OOM kill of a container that is ready again is history', () => {
    const recovered = (finishedAgo: number) =>
      merge(readyPod('web-7c9d8f6b5-oom22'), {
        status: {
          containerStatuses: [
            webStatus({
              ready: true,
              started: true,
              restartCount: 1,
              state: { running: { startedAt: ago(finishedAgo - 1) } },
              lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', finishedAt: ago(finishedAgo) } },
            }),
          ],
        },
      });
    assert.deepEqual(detectPodFailures([recovered(3600)], now), []);
    assert.equal(only(recovered(120)).reason, 'OOMKilled');
  });

  it('ImagePullBackOff', () => {
    const f = only(
      waitingPod('web-7c9d8f6b5-p1', 'ImagePullBackOff', 'Back-off pulling image "ghcr.io/acme/web:1.4.3"'),
    );
    assert.equal(f.reason, 'ImagePullBackOff');
    assert.equal(f.message, "The image 'ghcr.io/acme/web:1.4.3' of container 'web' cannot be pulled.");
    assert.match(f.fix, /image name and tag exist in the registry/);
    assert.equal(f.since, ago(600));
  });

  it('ErrImagePull: a missing tag and a refused registry get different fixes', () => {
    const notFound = only(
      waitingPod(
        'web-7c9d8f6b5-p2',
        'ErrImagePull',
        'rpc error: code = NotFound desc = failed to pull and unpack image "ghcr.io/acme/web:1.4.3": failed to resolve reference "ghcr.io/acme/web:1.4.3": ghcr.io/acme/web:1.4.3: not found',
      ),
    );
    assert.equal(notFound.reason, 'ErrImagePull');
    assert.equal(
      notFound.message,
      "The image 'ghcr.io/acme/web:1.4.3' of container 'web' cannot be pulled: the image or its tag does not exist.",
    );
    assert.equal(notFound.fix, 'Check the image name and tag, and that the build pushed it to the registry.');

    const denied = only(
      waitingPod(
        'web-7c9d8f6b5-p3',
        'ErrImagePull',
        'failed to pull and unpack image "ghcr.io/acme/private:2.0": failed to resolve reference "ghcr.io/acme/private:2.0": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://ghcr.io/token?scope=repository%3Aacme%2Fprivate%3Apull&service=ghcr.io: 401 Unauthorized',
        'ghcr.io/acme/private:2.0',
      ),
    );
    assert.equal(
      denied.message,
      "The image 'ghcr.io/acme/private:2.0' of container 'web' cannot be pulled: the registry refused access.",
    );
    assert.match(denied.fix, /imagePullSecret/);
  });

  it('InvalidImageName', () => {
    const f = only(
      waitingPod(
        'web-7c9d8f6b5-p4',
        'InvalidImageName',
        'Failed to apply default image tag "ghcr.io/Acme/web:1.4": couldn\'t parse image reference "ghcr.io/Acme/web:1.4": invalid reference format: repository name must be lowercase',
        'ghcr.io/Acme/web:1.4',
      ),
    );
    assert.equal(f.reason, 'InvalidImageName');
    assert.match(
      f.message,
      /^The image reference 'ghcr.io\/Acme\/web:1.4' of container 'web' is not valid: .*repository name must be lowercase$/,
    );
  });

  it('CreateContainerConfigError names the missing Secret', () => {
    const f = only(
      waitingPod(
        'web-7c9d8f6b5-p5',
        'CreateContainerConfigError',
        'secret "web-db" not found',
        'ghcr.io/acme/web:1.4.2',
      ),
    );
    assert.equal(f.reason, 'CreateContainerConfigError');
    assert.equal(
      f.message,
      'The container \'web\' cannot start because its configuration refers to something missing: secret "web-db" not found',
    );
    assert.match(f.fix, /^Create the missing Secret or ConfigMap/);
  });

  it('CreateContainerError', () => {
    const f = only(
      waitingPod(
        'web-7c9d8f6b5-p6',
        'CreateContainerError',
        'failed to generate container spec: failed to mkdir "/data": mkdir /data: read-only file system',
      ),
    );
    assert.equal(f.reason, 'CreateContainerError');
    assert.match(f.message, /could not be created: failed to generate container spec/);
  });

  it('Unschedulable quotes the scheduler and proposes a fix for insufficient cpu', () => {
    assert.deepEqual(only(unschedulablePod('web-7c9d8f6b5-u1')), {
      pod: 'web-7c9d8f6b5-u1',
      namespace: 'shop-dev',
      reason: 'Unschedulable',
      message:
        "The pod 'web-7c9d8f6b5-u1' cannot be scheduled on any node: 0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
      fix: "No node has enough free cpu for the pod's requests: lower the service's cpu request, or add capacity to the cluster.",
      since: ago(90),
    });
  });

  it('Unschedulable with several causes proposes a fix for each', () => {
    const pod = merge(unschedulablePod('web-7c9d8f6b5-u2'), {
      status: {
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            lastTransitionTime: ago(30),
            message:
              "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
          },
        ],
      },
    });
    const f = only(pod);
    assert.match(f.fix, /nodeSelector or affinity/);
    assert.match(f.fix, /toleration/);
  });

  it('Unschedulable for cpu and memory names both', () => {
    const pod = merge(unschedulablePod('web-7c9d8f6b5-u3'), {
      status: {
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            lastTransitionTime: ago(30),
            message:
              '0/3 nodes are available: 2 Insufficient cpu, 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
          },
        ],
      },
    });
    assert.equal(
      only(pod).fix,
      "No node has enough free cpu and memory for the pod's requests: lower the service's cpu and memory request, or add capacity to the cluster.",
    );
  });

  it('Evicted', () => {
    const f = only(evictedPod('web-7c9d8f6b5-ev1'));
    assert.equal(f.reason, 'Evicted');
    assert.equal(f.container, undefined);
    assert.match(
      f.message,
      /^The pod 'web-7c9d8f6b5-ev1' was evicted from its node: The node was low on resource: memory\./,
    );
    assert.equal(f.since, ago(3000));
  });

  it('readiness failing only once past the threshold, naming the probe', () => {
    assert.deepEqual(detectPodFailures([readinessFailingPod('web-7c9d8f6b5-r1', 60)], now), []);
    const f = only(readinessFailingPod('web-7c9d8f6b5-r2', 300));
    assert.equal(f.reason, 'ReadinessProbeFailing');
    assert.equal(
      f.message,
      "The container 'web' is running but has not been ready for 5m: its readiness probe (HTTP GET /healthz on port 8080) keeps failing.",
    );
    assert.equal(f.since, ago(300));
    assert.deepEqual(
      detectPodFailures([readinessFailingPod('web-7c9d8f6b5-r3', 60)], now, { readinessThresholdSeconds: 30 }).length,
      1,
    );
  });

  it('a failed run-to-completion container (a migration Job)', () => {
    assert.deepEqual(only(failedJobPod), {
      pod: 'web-migrate-4-x7k2p',
      namespace: 'shop-dev',
      container: 'migrate',
      reason: 'ContainerFailed',
      message: 'The container \'migrate\' failed: it exited with code 1, saying "relation "orders" already exists".',
      fix: 'Read its logs (kubectl logs -n shop-dev web-migrate-4-x7k2p -c migrate) to see why it failed.',
      since: ago(120),
    });
  });

  it('ignores pods being deleted, and reports one failure per container', () => {
    const leaving = merge(crashLoopPod('web-5d8f7c6b9-old01'), { metadata: { deletionTimestamp: ago(5) } });
    const two = merge(crashLoopPod('web-7c9d8f6b5-two22'), {
      status: {
        containerStatuses: [
          ...((crashLoopPod('x').status?.containerStatuses ?? []) as unknown[]),
          webStatus({
            name: 'proxy',
            state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "envoy:bad"' } },
          }),
        ],
      },
    });
    const found = detectPodFailures([leaving, two], now);
    assert.deepEqual(
      found.map((f) => [f.pod, f.container, f.reason]),
      [
        ['web-7c9d8f6b5-two22', 'web', 'CrashLoopBackOff'],
        ['web-7c9d8f6b5-two22', 'proxy', 'ImagePullBackOff'],
      ],
    );
  });
});
