// test-lane: waiting
// (most of this file's time goes waiting on verification samples 10 s apart: scripts/run-tests.mjs)
/**
 * A service's own verification checks, on the real engine, the test cluster and a real
 * Prometheus, both database engines: refused when written wrongly (each at its path, bad
 * PromQL in Prometheus's words, an unknown type, a name a type's check has), verified on each
 * release once Healthy where they apply — even in an environment whose type has no checks —
 * marked as the service's, and gone once removed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { useTestNamespace } from '../harness/cluster.ts';
import { describeEachDatabase } from '../harness/databases.ts';
import { useTestPrometheusUrl } from '../harness/prometheus.ts';
import { startTraffic, type Traffic } from '../harness/traffic.ts';
import { useLiveApp } from '../live/live-app.ts';

// biome-ignore lint/suspicious/noExplicitAny: JSON from the API under test
type Json = any;

const score = `
apiVersion: score.dev/v1b1
metadata:
  name: cart
containers:
  web:
    image: nginx:1.27
`;

const requestRate = 'sum(rate(http_requests_total{namespace="$namespace",service="$service"}[30s]))';
const condition = { op: '>', threshold: 0 };

describeEachDatabase("a service's own verification checks", (getDb) => {
  describe('declared by the service, verified where they apply', () => {
    const prometheus = useTestPrometheusUrl();
    const ns = useTestNamespace('svc-checks');
    const t = useLiveApp(getDb, ns.kc, { env: () => ({ SLIPWAY_PROMETHEUS_URL: prometheus() }) });
    let traffic: Traffic | undefined;
    const put = (checks: unknown[], service = 'cart') => t.call('PUT', `/services/${service}/verification`, { checks });

    before(async () => {
      const type = await t.call('PUT', '/environment-types/guarded', {
        defaults: { replicas: 1, progressDeadlineSeconds: 60 },
        verification: {
          checks: [{ name: 'error-ratio', query: 'vector(0)', condition: { op: '<', threshold: 0.01 } }],
        },
      });
      assert.equal(type.status, 200, type.text);
      const env = await t.call('PUT', '/environments/dev', { type: 'development', namespace: ns.namespace() });
      assert.equal(env.status, 200, env.text);
      const service = await t.call('POST', '/services', { name: 'cart' });
      assert.equal(service.status, 201, service.text);
      traffic = await startTraffic({
        url: prometheus(),
        namespace: ns.namespace(),
        service: 'cart',
        since: Date.now() - 5 * 60_000,
        errorsFrom: Number.POSITIVE_INFINITY,
      });
    });
    after(() => traffic?.stop());

    it('refuses checks written wrongly, each at its path, and saves nothing', async () => {
      const refused = await put([
        { name: 'rate', query: 'sum(rate(x[$rate])', condition },
        { name: 'latency', query: 'vector(1)', condition, environmentTypes: ['prod'] },
        { name: 'error-ratio', query: 'vector(0)', condition, environmentTypes: ['guarded'] },
        { name: 'queue', query: 'vector(0)', condition, environmentTypes: [] },
      ]);
      assert.equal(refused.status, 400, refused.text);
      const fields = refused.json().error.fields;
      assert.deepEqual(
        fields.map((f: Json) => f.path),
        ['/checks/3/environmentTypes', '/checks/1/environmentTypes/0', '/checks/2/name'],
      );
      assert.match(fields[2].message, /environment type guarded has a check named error-ratio already/);

      const unparsable = await put([{ name: 'rate', query: 'sum(rate(x[$rate])', condition }]);
      assert.equal(unparsable.status, 400, unparsable.text);
      const [field] = unparsable.json().error.fields;
      assert.equal(field.path, '/checks/0/query');
      assert.match(field.message, /parse error/, "Prometheus's own words");

      const shape = await put([{ name: 'rate', query: requestRate, condition, intervalSeconds: 1 }]);
      assert.equal(shape.status, 400, shape.text);
      assert.equal(shape.json().error.fields[0].path, '/checks/0/intervalSeconds');

      assert.equal((await put([], 'no-such-service')).status, 404);
      assert.deepEqual((await t.call('GET', '/services/cart/verification')).json(), { service: 'cart', checks: [] });
    });

    it("verifies the service's checks that apply, after its type's, marked as the service's", async () => {
      const saved = await put([
        { name: 'request-rate', query: requestRate, condition, intervalSeconds: 10, durationSeconds: 20 },
        {
          name: 'checkout-p99',
          query: 'vector(0.2)',
          condition: { op: '<', threshold: 0.5 },
          environmentTypes: ['guarded'],
        },
      ]);
      assert.equal(saved.status, 200, saved.text);
      const read = (await t.call('GET', '/services/cart/verification')).json();
      assert.deepEqual(read, saved.json());
      assert.deepEqual(read.checks[0], {
        name: 'request-rate',
        query: requestRate,
        condition,
        intervalSeconds: 10,
        durationSeconds: 20,
        failureLimit: 0,
        inconclusive: 'fail',
      });

      const deployed = await t.call('POST', '/deploys', { environment: 'dev', workload: score });
      assert.equal(deployed.status, 202, deployed.text);
      const release = await t.settle(deployed.json().release.id);
      assert.equal(release.status, 'healthy', release.message);
      assert.equal(release.verification.state, 'passed');
      assert.deepEqual(
        release.verification.checks.map((c: Json) => [c.name, c.origin, c.state]),
        [['request-rate', 'service', 'passed']],
        'development has no checks of its own; checkout-p99 is for guarded environments only',
      );
      assert.match(release.message, /^Verified: request-rate: [23] samples met > 0, 0 missed it$/);
    });

    it('verifies nothing more once the service removes its checks', async () => {
      const cleared = await put([]);
      assert.equal(cleared.status, 200, cleared.text);
      const deployed = await t.call('POST', '/deploys', {
        environment: 'dev',
        workload: score,
        image: 'nginx:1.27.4',
      });
      assert.equal(deployed.status, 202, deployed.text);
      const release = await t.settle(deployed.json().release.id);
      assert.equal(release.status, 'healthy', release.message);
      assert.equal(release.verification, null);
    });
  });
});
