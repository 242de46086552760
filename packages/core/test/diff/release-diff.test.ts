import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffReleases } from '../../src/diff/release-diff.ts';
import { SlipwayError } from '../../src/errors/slipway-error.ts';
import type { KubeObject } from '../../src/kube/object.ts';
import { parseScore } from '../../src/workload/parse.ts';
import { renderWorkload } from '../../src/workload/render.ts';
import { environment } from '../workload/helpers.ts';
import { asLive, b64, configMap, containersOf, deployment, ingress, secret, service } from './fixtures.ts';

describe('diffReleases', () => {
  it('reports nothing for identical releases', () => {
    const d = diffReleases([deployment(), service()], [deployment(), service()]);
    assert.deepEqual(d, { added: [], removed: [], changed: [], unchanged: 2, hidden: 0 });
  });

  it('reports an image change at the container, matched by name', () => {
    const d = diffReleases([deployment('nginx:1.27'), service()], [deployment('nginx:1.28'), service()]);
    assert.equal(d.unchanged, 1);
    assert.deepEqual(d.changed, [
      {
        key: 'apps/Deployment/shop-prod/web',
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'shop-prod',
        name: 'web',
        changes: [
          { path: '/spec/template/spec/containers/web/image', op: 'replace', from: 'nginx:1.27', to: 'nginx:1.28' },
        ],
      },
    ]);
  });

  it('reports an added env var by its name', () => {
    const d = diffReleases([deployment()], [deployment('nginx:1.27', [{ name: 'LOG_LEVEL', value: 'debug' }])]);
    assert.deepEqual(d.changed[0]?.changes, [
      {
        path: '/spec/template/spec/containers/web/env/LOG_LEVEL',
        op: 'add',
        to: { name: 'LOG_LEVEL', value: 'debug' },
      },
    ]);
  });

  it('matches containers by name even when their order changes', () => {
    const to = deployment();
    containersOf(to).reverse();
    assert.equal(diffReleases([deployment()], [to]).unchanged, 1);
  });

  it('reports a Service port change', () => {
    const d = diffReleases([service(80)], [service(8080)]);
    assert.deepEqual(d.changed[0]?.changes, [{ path: '/spec/ports/http/port', op: 'replace', from: 80, to: 8080 }]);
  });

  it('matches unnamed lists by index', () => {
    const from = deployment();
    const to = deployment();
    const metrics = containersOf(to)[1] as Record<string, unknown>;
    metrics.args = ['--statsd.listen-udp=:9125', '--log.level=debug'];
    assert.deepEqual(diffReleases([from], [to]).changed[0]?.changes, [
      { path: '/spec/template/spec/containers/metrics/args/1', op: 'add', to: '--log.level=debug' },
    ]);
  });

  it('reports added and removed objects', () => {
    const d = diffReleases([deployment(), service(), configMap()], [deployment(), service(), ingress()]);
    assert.deepEqual(d.added, [
      {
        key: 'networking.k8s.io/Ingress/shop-prod/web',
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        namespace: 'shop-prod',
        name: 'web',
      },
    ]);
    assert.deepEqual(d.removed, [
      {
        key: '/ConfigMap/shop-prod/web-config',
        apiVersion: 'v1',
        kind: 'ConfigMap',
        namespace: 'shop-prod',
        name: 'web-config',
      },
    ]);
    assert.equal(d.unchanged, 2);
    assert.deepEqual(d.changed, []);
  });

  it('ignores server-owned metadata and status', () => {
    const live = asLive(deployment(), (o) => {
      o.status = { replicas: 2, readyReplicas: 2 };
      o.metadata.annotations = { 'kubectl.kubernetes.io/last-applied-configuration': '{}' };
    });
    assert.equal(diffReleases([deployment()], [live]).unchanged, 1);
  });

  it('rejects a release with two objects of the same key', () => {
    assert.throws(
      () => diffReleases([service(), service()], []),
      (e: unknown) => e instanceof SlipwayError && e.code === 'invalid_input',
    );
  });

  describe('Secrets', () => {
    const oldPassword = 'hunter2-correct-horse';
    const newPassword = 's3cr3t-battery-staple';

    it('reports a changed value without revealing it', () => {
      const d = diffReleases(
        [secret({ DB_PASSWORD: oldPassword, DB_USER: 'shop' })],
        [secret({ DB_PASSWORD: newPassword, DB_USER: 'shop' })],
      );
      assert.deepEqual(d.changed[0]?.changes, [
        { path: '/stringData/DB_PASSWORD', op: 'replace', from: '(secret)', to: '(secret)' },
      ]);
    });

    it('never puts a value, plain or base64, anywhere in the diff', () => {
      const withData = (data: Record<string, string>, annotation: string): KubeObject => ({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: {
          name: 'web-tls',
          namespace: 'shop-prod',
          annotations: { 'kubectl.kubernetes.io/last-applied-configuration': annotation },
        },
        data,
      });
      const from = [
        secret({ DB_PASSWORD: oldPassword, REMOVED_KEY: 'gone-value-1234' }),
        withData({ 'tls.key': b64(oldPassword) }, JSON.stringify({ data: { 'tls.key': b64(oldPassword) } })),
        {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'dropped', namespace: 'shop-prod' },
          data: { k: b64('dropped-value-99') },
        },
      ];
      const to = [
        secret({ DB_PASSWORD: newPassword, ADDED_KEY: 'fresh-value-5678' }),
        withData({ 'tls.key': b64(newPassword) }, JSON.stringify({ data: { 'tls.key': b64(newPassword) } })),
        {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'created', namespace: 'shop-prod' },
          stringData: { k: 'created-value-42' },
        },
        // A secret that appears from nothing: data on one side only.
      ];
      const d = diffReleases(from as KubeObject[], to as KubeObject[]);
      const json = JSON.stringify(d);
      for (const value of [
        oldPassword,
        newPassword,
        'gone-value-1234',
        'fresh-value-5678',
        'dropped-value-99',
        'created-value-42',
      ]) {
        assert.ok(!json.includes(value), `plain value ${value} leaked`);
        assert.ok(!json.includes(b64(value)), `base64 of ${value} leaked`);
        assert.ok(!json.includes(b64(value).replace(/=+$/, '')), `unpadded base64 of ${value} leaked`);
      }
      assert.deepEqual(
        d.changed.flatMap((o) => o.changes).sort((a, b) => a.path.localeCompare(b.path)),
        [
          { path: '/data/tls.key', op: 'replace', from: '(secret)', to: '(secret)' },
          { path: '/stringData/ADDED_KEY', op: 'add', to: '(secret)' },
          { path: '/stringData/DB_PASSWORD', op: 'replace', from: '(secret)', to: '(secret)' },
          { path: '/stringData/REMOVED_KEY', op: 'remove', from: '(secret)' },
        ],
      );
    });

    it('redacts per key when a Secret switches from stringData to data', () => {
      const to: KubeObject = {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'web-db', namespace: 'shop-prod' },
        type: 'Opaque',
        data: { DB_PASSWORD: b64(newPassword) },
      };
      const d = diffReleases([secret({ DB_PASSWORD: oldPassword })], [to]);
      const json = JSON.stringify(d);
      assert.ok(!json.includes(oldPassword) && !json.includes(b64(newPassword)) && !json.includes(newPassword));
      assert.deepEqual(d.changed[0]?.changes, [
        { path: '/stringData/DB_PASSWORD', op: 'remove', from: '(secret)' },
        { path: '/data/DB_PASSWORD', op: 'add', to: '(secret)' },
      ]);
    });
  });

  describe("Slipway's own labels", () => {
    const workload = parseScore(`
apiVersion: score.dev/v1b1
metadata: { name: shop }
containers: { web: { image: . } }
service: { ports: { http: { port: 80, targetPort: 8080 } } }
`);
    const render = (image: string, release: string) =>
      renderWorkload({ workload, environment, resources: {}, image, release }).objects;
    const before = render('nginx:1.27', 'r-one');
    const after = render('nginx:1.28', 'r-two');

    it('leaves out the release and version labels a new image rewrites on every object, and counts them', () => {
      const d = diffReleases(before, after);
      const paths = d.changed.flatMap((o) => o.changes.map((c) => `${o.kind} ${c.path}`));
      assert.deepEqual(paths, ['Deployment /spec/template/spec/containers/web/image']);
      assert.ok(d.hidden >= 2 * before.length, `two labels on every object at least, got ${d.hidden}`);
      assert.equal(d.unchanged, before.length - 1);
    });

    it('shows them when asked, on objects and pod templates alike', () => {
      const d = diffReleases(before, after, { bookkeeping: true });
      assert.equal(d.hidden, 0);
      const paths = new Set(d.changed.flatMap((o) => o.changes.map((c) => c.path)));
      assert.ok(paths.has('/metadata/labels/slipway.dev~1release'));
      assert.ok(paths.has('/spec/template/metadata/labels/app.kubernetes.io~1version'));
      assert.equal(d.changed.length, before.length);
    });
  });
});
