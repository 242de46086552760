import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CoreV1Api } from '@kubernetes/client-node';
import type { KubeObject } from '@slipway/core';
import { watchCollection } from '../../src/kube/watch.ts';
import { useTestNamespace } from '../harness/cluster.ts';

/** Collects what a watch reports, and waits for a condition on it. */
function recorder() {
  const state = new Map<string, KubeObject>();
  const events: string[] = [];
  let syncs = 0;
  let waiter: (() => void) | undefined;
  const handler = {
    onSync(objects: KubeObject[]) {
      syncs++;
      state.clear();
      for (const o of objects) state.set(o.metadata.name, o);
      waiter?.();
    },
    onEvent(type: string, o: KubeObject) {
      events.push(`${type} ${o.metadata.name}`);
      if (type === 'DELETED') state.delete(o.metadata.name);
      else state.set(o.metadata.name, o);
      waiter?.();
    },
  };
  const until = async (check: () => boolean, ms = 10_000) => {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out; events: ${events.join(', ')}`);
      await new Promise<void>((resolve) => {
        waiter = resolve;
        setTimeout(resolve, 100);
      });
    }
  };
  return { state, events, handler, until, syncs: () => syncs };
}

describe('watching a collection', () => {
  const ns = useTestNamespace('watch');

  it('reports the initial list, then additions, changes and deletions, filtered by label', async () => {
    const core = ns.kc().makeApiClient(CoreV1Api);
    const namespace = ns.namespace();
    await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'before', labels: { app: 'x' } } } });
    await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'other', labels: { app: 'y' } } } });
    const r = recorder();
    const controller = new AbortController();
    const running = watchCollection(
      ns.kc(),
      { apiVersion: 'v1', kind: 'ConfigMap', namespace, labelSelector: 'app=x' },
      r.handler,
      controller.signal,
    );
    try {
      await r.until(() => r.syncs() === 1);
      assert.deepEqual([...r.state.keys()], ['before']);
      await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'after', labels: { app: 'x' } } } });
      await r.until(() => r.state.has('after'));
      await core.replaceNamespacedConfigMap({
        name: 'after',
        namespace,
        body: { metadata: { name: 'after', labels: { app: 'x' } }, data: { k: 'v' } },
      });
      await r.until(() => r.state.get('after')?.data?.k === 'v');
      await core.deleteNamespacedConfigMap({ name: 'before', namespace });
      await r.until(() => !r.state.has('before'));
      assert.ok(!r.events.some((e) => e.endsWith(' other')), 'the label selector keeps other objects out');
    } finally {
      controller.abort();
      await running;
    }
  });

  it('stops promptly when aborted', async () => {
    const controller = new AbortController();
    const r = recorder();
    const running = watchCollection(
      ns.kc(),
      { apiVersion: 'v1', kind: 'Pod', namespace: ns.namespace() },
      r.handler,
      controller.signal,
    );
    await r.until(() => r.syncs() === 1);
    const started = Date.now();
    controller.abort();
    await running;
    assert.ok(Date.now() - started < 2000);
  });
});
