// test-lane: waiting
// (most of this file's time goes waiting on Prometheus's scrapes and 10 s verification samples: scripts/run-tests.mjs)
/**
 * Metric-gated rollouts end to end, on the real engine, the test cluster and a real
 * Prometheus (request metrics written through its remote-write receiver as an instrumented
 * app's would be scraped: harness/traffic.ts). Both database engines.
 *
 * - A release whose error ratio stays low passes verification; once the error ratio rises, the
 *   next release fails its check, saying the query, the values and the threshold, and is rolled
 *   back automatically; a promotion into a type that takes only verified releases takes the one
 *   that passed and refuses one that was never verified.
 * - Prometheus stopped mid-verification: the samples are unknown (never failed) and the release
 *   says so, then at the deadline the check becomes what `inconclusive` says; the engine
 *   restarted mid-verification resumes with the samples it had.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DeployEngine } from '../../src/engine/engine.ts';
import { useTestNamespace } from '../harness/cluster.ts';
import { describeEachDatabase } from '../harness/databases.ts';
import { found } from '../harness/found.ts';
import { useOwnPrometheus, useTestPrometheusUrl } from '../harness/prometheus.ts';
import { startTraffic, type Traffic } from '../harness/traffic.ts';
import { useLiveApp } from '../live/live-app.ts';

// biome-ignore lint/suspicious/noExplicitAny: JSON from the API under test
type Json = any;
const quiet = { info() {}, warn() {}, error() {} };

const score = (name: string) => `
apiVersion: score.dev/v1b1
metadata:
  name: ${name}
containers:
  web:
    image: nginx:1.27
`;

const errorRatio =
  '(sum(rate(http_requests_total{namespace="$namespace",service="$service",code=~"5.."}[30s])) or vector(0))' +
  ' / sum(rate(http_requests_total{namespace="$namespace",service="$service"}[30s]))';

/** An environment type whose releases must keep the error ratio under 1 %. */
const verifiedType = (check: Record<string, unknown>) => ({
  defaults: { replicas: 1, progressDeadlineSeconds: 60 },
  verification: {
    checks: [{ name: 'error-ratio', query: errorRatio, condition: { op: '<', threshold: 0.01 }, ...check }],
  },
});

type App = ReturnType<typeof useLiveApp>;

/** Polls a release until `ready` accepts it. */
async function releaseWhen(t: App, id: string, ready: (r: Json) => boolean, what: string, ms = 90_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const { release } = (await t.call('GET', `/releases/${id}`)).json();
    if (ready(release)) return release;
    if (Date.now() > deadline) assert.fail(`${what}: not after ${ms} ms; release ${JSON.stringify(release)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function deploy(t: App, environment: string, service: string): Promise<string> {
  const res = await t.call('POST', '/deploys', { environment, workload: score(service) });
  assert.equal(res.status, 202, res.text);
  return res.json().release.id;
}

describeEachDatabase('metric-gated rollouts on the real Prometheus', (getDb) => {
  describe('a low error ratio passes, a rising one fails and rolls back', () => {
    const prometheus = useTestPrometheusUrl();
    const ns = useTestNamespace('verify');
    const prodNs = useTestNamespace('verify-prod');
    const t = useLiveApp(getDb, ns.kc, { env: () => ({ SLIPWAY_PROMETHEUS_URL: prometheus() }) });
    let traffic: Traffic | undefined;

    before(async () => {
      const type = await t.call(
        'PUT',
        '/environment-types/verified',
        verifiedType({ intervalSeconds: 10, durationSeconds: 20 }),
      );
      assert.equal(type.status, 200, type.text);
      const gate = await t.call('PUT', '/environment-types/gated', {
        defaults: { replicas: 1, progressDeadlineSeconds: 60 },
        verification: { checks: [], requireVerifiedPromotions: true },
      });
      assert.equal(gate.status, 200, gate.text);
      for (const [name, type, namespace] of [
        ['stage', 'verified', ns.namespace()],
        ['dev', 'development', `${ns.namespace()}-dev`],
        ['prod', 'gated', prodNs.namespace()],
      ] as const) {
        const env = await t.call('PUT', `/environments/${name}`, { type, namespace });
        assert.equal(env.status, 200, env.text);
      }
      traffic = await startTraffic({
        url: prometheus(),
        namespace: ns.namespace(),
        service: 'shop',
        since: Date.now() - 5 * 60_000,
        errorsFrom: Number.POSITIVE_INFINITY,
      });
    });
    after(() => traffic?.stop());

    it("refuses checks written wrongly when saved: each at its path, bad PromQL in Prometheus's words", async () => {
      const put = (checks: unknown[]) =>
        t.call('PUT', '/environment-types/broken', {
          defaults: { replicas: 1, progressDeadlineSeconds: 60 },
          verification: { checks },
        });
      const condition = { op: '<', threshold: 0.01 };
      const unparsable = await put([{ name: 'errors', query: 'sum(rate(x[$rate])', condition }]);
      assert.equal(unparsable.status, 400, unparsable.text);
      const [field] = unparsable.json().error.fields;
      assert.equal(field.path, '/verification/checks/0/query');
      assert.match(field.message, /parse error/, "Prometheus's own words");

      const wrong = await put([
        { name: 'errors', query: 'sum(x{pod=~"$pod"})', condition, intervalSeconds: 60, durationSeconds: 30 },
        { name: 'errors', query: 'sum(x)', condition, intervalSeconds: 10, durationSeconds: 86_400 },
      ]);
      assert.equal(wrong.status, 400, wrong.text);
      assert.deepEqual(
        wrong.json().error.fields.map((f: Json) => f.path),
        [
          '/verification/checks/0/query',
          '/verification/checks/0/durationSeconds',
          '/verification/checks/1/durationSeconds',
          '/verification/checks/1/name',
        ],
      );
      assert.equal((await t.call('GET', '/environment-types/broken')).status, 404, 'nothing was saved');

      const saved = (await t.call('GET', '/environment-types/verified')).json().type;
      assert.deepEqual(saved.verification.checks[0], {
        name: 'error-ratio',
        query: errorRatio,
        condition,
        intervalSeconds: 10,
        durationSeconds: 20,
        failureLimit: 0,
        inconclusive: 'fail',
      });
    });

    it('passes a release whose error ratio stays low, with every sample met', async () => {
      const id = await deploy(t, 'stage', 'shop');
      const verifying = await releaseWhen(
        t,
        id,
        (r) => r.status !== 'queued' && r.status !== 'applying' && r.status !== 'progressing',
        'verifying',
      );
      assert.equal(verifying.status, 'verifying', verifying.message);
      assert.match(verifying.message, /verifying error-ratio|error-ratio: \d of 3 samples taken/);
      const release = await t.settle(id);
      assert.equal(release.status, 'healthy', release.message);
      assert.equal(release.verification.state, 'passed');
      const [check] = release.verification.checks;
      assert.equal(check.state, 'passed');
      assert.equal(check.counts.fail, 0);
      // Samples at 0, 10 and 20 s; on a loaded machine one may miss Prometheus's timeout (unknown).
      assert.ok(check.counts.pass >= 2, JSON.stringify(check.counts));
      assert.equal(check.counts.pass + check.counts.unknown + check.counts.no_data, 3);
      assert.match(release.message, /^Verified: error-ratio: [23] samples met < 0\.01, 0 missed it$/);
    });

    it('takes only the verified release into a type that asks for it', async () => {
      const promoted = await t.call('POST', '/promotions', { service: 'shop', from: 'stage', to: 'prod' });
      assert.equal(promoted.status, 202, promoted.text);
      const devId = await deploy(t, 'dev', 'shop');
      assert.equal((await t.settle(devId)).status, 'healthy');
      const refused = await t.call('POST', '/promotions', { service: 'shop', from: 'dev', to: 'prod' });
      assert.equal(refused.status, 409, refused.text);
      assert.equal(refused.json().error.code, 'release_not_verified');
      assert.match(refused.json().error.message, /environments of type gated take only verified releases/);
    });

    it('fails a release once the error ratio rises, naming query, values and threshold, and rolls it back', async () => {
      traffic?.failFromNow();
      const id = await deploy(t, 'stage', 'shop');
      const release = await t.settle(id);
      assert.equal(release.status, 'failed', release.message);
      assert.equal(release.verification.state, 'failed');
      const [check] = release.verification.checks;
      assert.equal(check.state, 'failed');
      assert.ok(check.last.values[0] > 0.01, `the error ratio seen: ${check.last.values}`);
      assert.ok(
        release.message.startsWith(
          `Verification failed: check error-ratio (${errorRatio}): 1 samples missed < 0.01 (limit 0); the last saw `,
        ),
      );

      // The engine queues the rollback in a step of its own after recording the failure.
      const rollback = await found('the automatic rollback', async () => {
        const { items } = (await t.call('GET', '/releases?service=shop&environment=stage')).json();
        return items.find((r: Json) => r.number === release.number + 1);
      });
      assert.equal(rollback.createdBy, 'slipway');
      assert.match(
        rollback.reason,
        new RegExp(
          `^Automatic rollback to release #${release.number - 1}: release #${release.number} failed: Verification failed`,
        ),
      );
      const restored = await t.settle(rollback.id);
      assert.equal(restored.status, 'healthy', 'a rollback restores a good release: it is not verified again');
      assert.equal(restored.verification, null);
    });
  });

  describe('Prometheus stopped mid-verification, the engine restarted', () => {
    const prometheus = useOwnPrometheus();
    const ns = useTestNamespace('verify-dark');
    const t = useLiveApp(getDb, ns.kc, { env: () => ({ SLIPWAY_PROMETHEUS_URL: prometheus.url() }) });
    let traffic: Traffic | undefined;
    let engine: DeployEngine | undefined;

    before(async () => {
      const type = await t.call(
        'PUT',
        '/environment-types/verified',
        verifiedType({ intervalSeconds: 10, durationSeconds: 60 }),
      );
      assert.equal(type.status, 200, type.text);
      const env = await t.call('PUT', '/environments/canary', { type: 'verified', namespace: ns.namespace() });
      assert.equal(env.status, 200, env.text);
      traffic = await startTraffic({
        url: prometheus.url(),
        namespace: ns.namespace(),
        service: 'shop',
        since: Date.now() - 5 * 60_000,
        errorsFrom: Number.POSITIVE_INFINITY,
      });
    });
    after(async () => {
      await traffic?.stop();
      await engine?.stop();
    });

    it('resumes after a restart, says unknown while Prometheus is down, then fails as configured', async () => {
      const id = await deploy(t, 'canary', 'shop');
      const first = await releaseWhen(t, id, (r) => r.verification?.checks[0].counts.pass >= 1, 'a first sample');
      assert.equal(first.status, 'verifying');

      // A restart: the engine that took the first sample stops, a new one takes over.
      const platform = t.platform();
      await platform.engine.stop();
      engine = new DeployEngine({
        db: getDb().db,
        clusters: platform.clusters,
        sampler: platform.metrics,
        log: quiet,
        tickMs: 300,
      });
      engine.start();
      await traffic?.stop();
      traffic = undefined;
      await prometheus.stop();

      const dark = await releaseWhen(t, id, (r) => r.verification?.checks[0].counts.unknown >= 1, 'an unknown sample');
      assert.equal(dark.status, 'verifying', 'unknown is never failed');
      assert.match(dark.message, /the last is unknown: Prometheus did not answer \(/);
      assert.equal(dark.verification.startedAt, first.verification.startedAt, 'the same window goes on');
      assert.ok(dark.verification.checks[0].counts.pass >= 1, 'the samples before the restart are kept');

      const release = await t.settle(id);
      assert.equal(release.status, 'failed', release.message);
      assert.match(
        release.message,
        /only \d of 4 samples needed could be decided \(\d unknown: Prometheus did not answer; 0 without data\); inconclusive checks fail$/,
      );
    });
  });
});
