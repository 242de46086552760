import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AppsV1Api } from '@kubernetes/client-node';
import { type EnvironmentContext, type KubeObject, parseProvisioners, resolveResources } from '@slipway/core';
import { ObjectApplier } from '../../src/kube/apply.ts';
import { renderHelmReleases } from '../../src/provisioners/helm.ts';
import { useTestNamespace } from '../harness/cluster.ts';

/**
 * What the built-in provisioners and a chart produce is applied to the real API server, which
 * is the judge of names, labels, ports and schemas (server-side apply refuses unknown fields).
 */
describe('provisioned objects on a real cluster', () => {
  const ns = useTestNamespace('provisioners');

  async function provision(): Promise<KubeObject[]> {
    const environment: EnvironmentContext = {
      name: 'development',
      type: 'development',
      namespace: ns.namespace(),
      domain: 'dev.example.com',
      routeKind: 'Ingress',
      defaults: { replicas: 1, progressDeadlineSeconds: 600 },
    };
    const chart = join(import.meta.dirname, 'fixtures', 'demo-chart');
    const provisioners = parseProvisioners(`
- id: demo
  kind: helm
  match: { type: greeter }
  chart: { path: ${JSON.stringify(chart)} }
  values: { image: "nginx:1.27" }
`);
    const result = resolveResources({
      workloadName: 'checkout-service-with-a-rather-long-name',
      resources: {
        db: { type: 'postgres' },
        shared: { type: 'postgres', id: 'orders' },
        cache: { type: 'redis' },
        data: { type: 'volume', class: 'persistent', params: { size: '2Gi' } },
        greeter: { type: 'greeter' },
      },
      environment,
      provisioners,
      seed: 'cluster-test',
    });
    const resolved = await renderHelmReleases(result);
    return Object.values(resolved).flatMap((r) => r.manifests);
  }

  it('applies every object, and the databases start', async () => {
    const objects = await provision();
    // Each data store: Secret, Service, StatefulSet and the NetworkPolicy admitting its users.
    assert.equal(objects.length, 4 + 4 + 4 + 1 + 2);
    await new ObjectApplier(ns.kc()).apply(objects);
    const apps = ns.kc().makeApiClient(AppsV1Api);
    const names = objects.filter((o) => o.kind === 'StatefulSet').map((o) => o.metadata.name);
    assert.equal(names.length, 3);
    for (const name of names) await waitReady(apps, ns.namespace(), name);
  });
});

async function waitReady(apps: AppsV1Api, namespace: string, name: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const sts = await apps.readNamespacedStatefulSet({ name, namespace });
    if (sts.status?.readyReplicas === 1) return;
    if (Date.now() > deadline) assert.fail(`StatefulSet ${name} is not ready: ${JSON.stringify(sts.status)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
