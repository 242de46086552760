import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AppsV1Api, KubeConfig, type V1Deployment, type V1Pod } from '@kubernetes/client-node';
import { SlipwayError } from '@slipway/core';
import { checkCluster } from '../../src/kube/cluster-check.ts';
import { loadKubeConfig } from '../../src/kube/kubeconfig.ts';
import { testKubeConfigPath, useTestNamespace } from '../harness/cluster.ts';
import { watchUntil } from '../harness/watch.ts';

const isReady = (p: V1Pod) =>
  p.status?.phase === 'Running' && !!p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');

describe('the local cluster', () => {
  const ns = useTestNamespace('cluster');

  it('rolls out a Deployment: its pods go Running and Ready, and it becomes Available', async () => {
    const apps = ns.kc().makeApiClient(AppsV1Api);
    const labels = { app: 'hello' };
    await apps.createNamespacedDeployment({
      namespace: ns.namespace(),
      body: {
        metadata: { name: 'hello' },
        spec: {
          replicas: 3,
          selector: { matchLabels: labels },
          template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
        },
      },
    });
    const pods = await watchUntil<V1Pod>(
      ns.kc(),
      `/api/v1/namespaces/${ns.namespace()}/pods`,
      (all) => [...all.values()].filter(isReady).length === 3,
    );
    for (const pod of pods.values()) {
      assert.ok(pod.spec?.nodeName?.startsWith('kwok-node-'), 'scheduled onto a kwok node by kube-scheduler');
      assert.match(pod.status?.podIP ?? '', /^\d+\.\d+\.\d+\.\d+$/);
      assert.ok(
        pod.metadata?.ownerReferences?.some((o) => o.kind === 'ReplicaSet'),
        'created by the ReplicaSet controller',
      );
    }
    const deployments = await watchUntil<V1Deployment>(
      ns.kc(),
      `/apis/apps/v1/namespaces/${ns.namespace()}/deployments`,
      (all) => !!all.get('hello')?.status?.conditions?.some((c) => c.type === 'Available' && c.status === 'True'),
    );
    assert.equal(deployments.get('hello')?.status?.availableReplicas, 3);
  });

  it('makes a pod annotated with a fault fail the way a real container would', async () => {
    const apps = ns.kc().makeApiClient(AppsV1Api);
    const labels = { app: 'crashy' };
    await apps.createNamespacedDeployment({
      namespace: ns.namespace(),
      body: {
        metadata: { name: 'crashy' },
        spec: {
          selector: { matchLabels: labels },
          template: {
            metadata: { labels, annotations: { 'testbed.slipway.dev/fault': 'crashloop' } },
            spec: { containers: [{ name: 'app', image: 'busybox' }] },
          },
        },
      },
    });
    const pods = await watchUntil<V1Pod>(ns.kc(), `/api/v1/namespaces/${ns.namespace()}/pods`, (all) =>
      [...all.values()].some(
        (p) =>
          p.metadata?.labels?.app === 'crashy' &&
          p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff' &&
          (p.status.containerStatuses[0].restartCount ?? 0) >= 1,
      ),
    );
    const pod = [...pods.values()].find((p) => p.metadata?.labels?.app === 'crashy');
    assert.equal(pod?.status?.containerStatuses?.[0]?.ready, false);
  });

  it('is reported healthy by the cluster check, with its version and Ready nodes', async () => {
    const kc = loadKubeConfig({ kubeconfig: testKubeConfigPath(), inCluster: false });
    assert.ok(kc);
    const status = await checkCluster(kc);
    assert.match(status.version, /^v1\.\d+\.\d+/);
    assert.ok(status.nodes.ready >= 1 && status.nodes.ready === status.nodes.total);
    assert.match(status.server, /^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('says which API server is down and why when the cluster does not answer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-kc-'));
    const broken = join(dir, 'kubeconfig');
    const original = readFileSync(testKubeConfigPath(), 'utf8');
    writeFileSync(broken, original.replace(/server: https:\/\/127\.0\.0\.1:\d+/, 'server: https://127.0.0.1:1'));
    const kc = new KubeConfig();
    kc.loadFromFile(broken);
    await assert.rejects(checkCluster(kc, 3000), (error: unknown) => {
      assert.ok(error instanceof SlipwayError);
      assert.equal(error.code, 'unavailable');
      assert.match(error.message, /https:\/\/127\.0\.0\.1:1.*connection refused/);
      return true;
    });
  });
});
