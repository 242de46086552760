import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppsV1Api, CoreV1Api, KubernetesObjectApi, PatchStrategy } from '@kubernetes/client-node';
import { type KubeObject, SlipwayError } from '@slipway/core';
import { ObjectApplier } from '../../src/kube/apply.ts';
import { useTestNamespace } from '../harness/cluster.ts';

function objects(namespace: string, image = 'nginx:1.27'): KubeObject[] {
  const labels = { app: 'web' };
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace, labels },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: { containers: [{ name: 'web', image, envFrom: [{ configMapRef: { name: 'web-env' } }] }] },
        },
      },
    },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-env', namespace }, data: { GREETING: 'hello' } },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace },
      spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
    },
  ];
}

describe('server-side apply', () => {
  const ns = useTestNamespace('apply');

  it('applies a set of objects with field manager slipway, and again idempotently', async () => {
    const applier = new ObjectApplier(ns.kc());
    const applied = await applier.apply(objects(ns.namespace()));
    assert.deepEqual(
      applied.map((o) => o.kind),
      ['ConfigMap', 'Service', 'Deployment'],
      'config before workloads',
    );
    const live = await ns
      .kc()
      .makeApiClient(AppsV1Api)
      .readNamespacedDeployment({ name: 'web', namespace: ns.namespace() });
    assert.ok(live.metadata?.managedFields?.some((f) => f.manager === 'slipway' && f.operation === 'Apply'));
    const generation = live.metadata?.generation;
    await applier.apply(objects(ns.namespace()));
    const again = await ns
      .kc()
      .makeApiClient(AppsV1Api)
      .readNamespacedDeployment({ name: 'web', namespace: ns.namespace() });
    assert.equal(again.metadata?.generation, generation, 'applying the same spec changes nothing');
  });

  it('takes back fields a person edited by hand, leaving fields others own alone', async () => {
    const applier = new ObjectApplier(ns.kc());
    await applier.apply(objects(ns.namespace()));
    const core = ns.kc().makeApiClient(CoreV1Api);
    // A person's edit, as `kubectl edit` would make it: a merge patch under another manager.
    await KubernetesObjectApi.makeApiClient(ns.kc()).patch(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'web-env', namespace: ns.namespace() },
        data: { GREETING: 'edited', EXTRA: 'mine' },
      },
      undefined,
      undefined,
      'kubectl-edit',
      undefined,
      PatchStrategy.MergePatch,
    );
    await applier.apply(objects(ns.namespace()));
    const cm = await core.readNamespacedConfigMap({ name: 'web-env', namespace: ns.namespace() });
    assert.equal(cm.data?.GREETING, 'hello');
    assert.equal(cm.data?.EXTRA, 'mine', 'a field Slipway never set stays with whoever set it');
  });

  it('refuses an invalid set in a dry run, naming object and field, and persists nothing', async () => {
    const applier = new ObjectApplier(ns.kc());
    const bad = objects(ns.namespace()).map((o) =>
      o.kind === 'Service' ? { ...o, spec: { ...o.spec, ports: [{ name: 'http', port: 99999 }] } } : o,
    );
    bad.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'fresh', namespace: ns.namespace() },
      data: { a: 'b' },
    });
    await assert.rejects(applier.validate(bad), (error: unknown) => {
      assert.ok(error instanceof SlipwayError);
      assert.equal(error.code, 'invalid_input');
      assert.match(error.message, /Kubernetes refused Service web: .*99999/);
      assert.ok(
        error.fields?.some((f) => f.path === '/spec/ports/0/port'),
        JSON.stringify(error.fields),
      );
      return true;
    });
    assert.equal(
      await applier.read({ apiVersion: 'v1', kind: 'ConfigMap', name: 'fresh', namespace: ns.namespace() }),
      undefined,
    );
  });

  it('says when the cluster has no API for a kind', async () => {
    const applier = new ObjectApplier(ns.kc());
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: ns.namespace() } };
    await assert.rejects(applier.validate([widget]), /no API for Widget w|Kubernetes refused Widget w/);
  });

  it('deletes objects, and deleting one that is gone is fine', async () => {
    const applier = new ObjectApplier(ns.kc());
    await applier.apply(objects(ns.namespace()));
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: 'web-env', namespace: ns.namespace() };
    await applier.delete([ref]);
    await applier.delete([ref]);
    assert.equal(await applier.read(ref), undefined);
  });
});
