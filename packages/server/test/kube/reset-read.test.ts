import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listInNamespace } from '../../src/live/namespace-objects.ts';
import { useTestNamespace } from '../harness/cluster.ts';
import { found } from '../harness/found.ts';
import { useKubeProxy } from '../harness/kube-proxy.ts';

/**
 * Slipway keeps its connections to the API server alive (kube/connection-reuse.ts), and an API
 * server may close one in the instant a request goes out on it: the request never arrives. A
 * list is sent again once then, instead of answering 503 (the fuzz run met one such reset).
 */
describe('a list whose connection is reset as the request goes out', () => {
  const ns = useTestNamespace('reset-read');
  const through = useKubeProxy();

  it('is sent again once, and answers', async () => {
    const target = { namespace: ns.namespace(), cluster: { kube: through().kubeConfig() } };
    // The first list leaves a kept-alive connection for the second to go out on. It waits for
    // the controller manager to publish kube-root-ca.crt into the new namespace, so both lists
    // can answer the same.
    const before = await found('kube-root-ca.crt in the namespace', async () => {
      const configMaps = await listInNamespace(target, 'v1', 'ConfigMap');
      return configMaps.some((c) => c.metadata?.name === 'kube-root-ca.crt') ? configMaps : undefined;
    });
    through().resetNextRequest();
    const after = await listInNamespace(target, 'v1', 'ConfigMap');
    assert.equal(through().resets, 1, 'the second list met the reset');
    assert.deepEqual(
      after.map((c) => c.metadata?.name),
      before.map((c) => c.metadata?.name),
    );
    assert.ok(after.some((c) => c.metadata?.name === 'kube-root-ca.crt'));
  });
});
