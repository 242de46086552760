import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CoreV1Api } from '@kubernetes/client-node';
import { WatchHub } from '../../src/kube/watch-hub.ts';
import { useTestNamespace } from '../harness/cluster.ts';
import { type KubeProxy, useKubeProxy } from '../harness/kube-proxy.ts';

async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a shared watch through an outage', () => {
  const ns = useTestNamespace('watch-outage');
  const through = useKubeProxy();

  const outages = {
    // The API server is down: connections are closed and refused.
    cut: (p: KubeProxy) => p.cut(),
    // Packets go nowhere: the open watch goes silent and new requests hang.
    'black-holed': (p: KubeProxy) => p.blackhole(),
  };
  it('keeps no listener per retry on the watch that waits out the outage', async () => {
    const hub = new WatchHub(through().kubeConfig(), {
      requestTimeoutMs: 1000,
      idleTimeoutMs: 2000,
      maxBackoffMs: 200,
    });
    const sub = hub.subscribe({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns.namespace() }, () => {});
    // Node warns once more than ten listeners wait on one signal: a listener left per retry did.
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on('warning', onWarning);
    try {
      await until(() => sub.isSynced(), 'the first list');
      through().cut();
      let retries = 0;
      let lastError: unknown;
      await until(() => {
        const error = sub.outage()?.error;
        if (error !== undefined && error !== lastError) [retries, lastError] = [retries + 1, error];
        return retries > 15;
      }, 'sixteen retries');
      assert.deepEqual(
        warnings.filter((w) => w.startsWith('MaxListenersExceededWarning')),
        [],
      );
    } finally {
      process.off('warning', onWarning);
      through().heal();
      sub.unsubscribe();
      await hub.close();
    }
  });

  for (const [name, fail] of Object.entries(outages)) {
    it(`reports a ${name} connection as an outage, keeps retrying, and resyncs every subscriber when it is back`, async () => {
      const namespace = ns.namespace();
      const core = ns.kc().makeApiClient(CoreV1Api);
      const hub = new WatchHub(through().kubeConfig(), {
        requestTimeoutMs: 1000,
        idleTimeoutMs: 2000,
        maxBackoffMs: 500,
      });
      const heard: string[] = [];
      const sub = hub.subscribe({ apiVersion: 'v1', kind: 'ConfigMap', namespace }, (changed) =>
        heard.push(changed?.metadata.name ?? '(resync)'),
      );
      try {
        await until(() => sub.isSynced(), 'the first list');
        fail(through());
        await until(() => sub.outage() !== undefined, 'the outage is reported');
        assert.equal(sub.isSynced(), false, 'an outage is not synced');
        const firstError = sub.outage()?.error;
        await until(() => sub.outage()?.error !== firstError, 'the watch tries again (and fails again)');
        assert.ok(sub.outage(), 'still out');
        await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: `during-${name.slice(0, 3)}` } } });
        const heardBefore = heard.length;

        through().heal();
        await until(
          () => sub.isSynced() && sub.objects.has(`during-${name.slice(0, 3)}`),
          'the resync after the outage',
        );
        assert.equal(sub.outage(), undefined);
        assert.ok(heard.slice(heardBefore).includes('(resync)'), 'subscribers heard of the full resync');
        await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: `after-${name.slice(0, 3)}` } } });
        await until(() => sub.objects.has(`after-${name.slice(0, 3)}`), 'an event after the outage');
      } finally {
        sub.unsubscribe();
        await hub.close();
      }
    });
  }
});
