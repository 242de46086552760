// test-lane: waiting
// (most of this file's time goes waiting on Prometheus's scrapes of kwok's metrics and of the written requests: scripts/run-tests.mjs)
/**
 * A service's golden signals through the API, from the real Prometheus of the testbed: CPU
 * and memory are kwok's emulated container metrics of the service's real pods, requests are
 * written through Prometheus's remote-write receiver as an instrumented app's would be
 * scraped (harness/traffic.ts). Both database engines.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { SlipwayError } from '@slipway/core';
import { MetricsService } from '../../src/metrics/service.ts';
import { closedPort } from '../harness/closed-port.ts';
import { useTestNamespace } from '../harness/cluster.ts';
import { describeEachDatabase } from '../harness/databases.ts';
import { secondClusterKubeconfig } from '../harness/environment-app.ts';
import { useTestPrometheusUrl } from '../harness/prometheus.ts';
import { startTraffic, type Traffic } from '../harness/traffic.ts';
import { useLiveApp } from '../live/live-app.ts';

const shopScore = `
apiVersion: score.dev/v1b1
metadata:
  name: shop
  annotations:
    kwok.x-k8s.io/usage-cpu: 250m
    kwok.x-k8s.io/usage-memory: 96Mi
containers:
  web:
    image: nginx:1.27
service:
  ports:
    http:
      port: 80
      targetPort: 8080
`;

// biome-ignore lint/suspicious/noExplicitAny: JSON from the API under test
type Json = any;
const mebibytes = (n: number) => n * 1024 * 1024;
const near = (actual: number | null | undefined, expected: number, tolerance: number, what: string) =>
  assert.ok(
    actual !== null && actual !== undefined && Math.abs(actual - expected) <= tolerance,
    `${what}: ${actual}, expected ${expected} ± ${tolerance}`,
  );
const signal = (answer: Json, name: string): Json => answer.signals.find((s: Json) => s.name === name);

describeEachDatabase("a service's metrics, read from the real Prometheus", (getDb) => {
  const prometheus = useTestPrometheusUrl();
  const ns = useTestNamespace('metrics');
  const t = useLiveApp(getDb, ns.kc, { env: () => ({ SLIPWAY_PROMETHEUS_URL: prometheus() }) });
  const metrics = '/services/shop/environments/dev/metrics?sinceSeconds=900';
  let traffic: Traffic | undefined;
  let releasedAt = 0;

  /** Asks for the metrics until `ready` accepts them: new samples reach Prometheus at its next scrape. */
  const metricsWhen = async (ready: (answer: Json) => boolean, what: string, ms = 90_000): Promise<Json> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const res = await t.call('GET', metrics);
      assert.equal(res.status, 200, res.text);
      const answer = res.json();
      if (ready(answer)) return answer;
      if (Date.now() > deadline) assert.fail(`${what}: not after ${ms} ms; last answer ${res.text.slice(0, 2000)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  };

  before(async () => {
    const env = await t.call('PUT', '/environments/dev', {
      type: 'development',
      namespace: ns.namespace(),
      defaults: { replicas: 2, progressDeadlineSeconds: 60 },
    });
    assert.equal(env.status, 200, env.text);
    const res = await t.call('POST', '/deploys', { environment: 'dev', workload: shopScore });
    assert.equal(res.status, 202, res.text);
    const release = await t.settle(res.json().release.id);
    assert.equal(release.status, 'healthy');
    releasedAt = Date.parse(release.finishedAt);
    // Ten quiet minutes of 10 requests/s before the release; from it on, 1 request/s fails too.
    traffic = await startTraffic({
      url: prometheus(),
      namespace: ns.namespace(),
      service: 'shop',
      since: releasedAt - 10 * 60_000,
      errorsFrom: releasedAt,
    });
  });
  after(() => traffic?.stop());

  it('charts every golden signal, with the release as a marker and each series compared around it', async () => {
    const afterRelease = (s: Json) => s.series[0]?.points.filter((p: Json) => p.t >= releasedAt && p.v !== null) ?? [];
    const answer = await metricsWhen(
      (a) =>
        afterRelease(signal(a, 'errorRatio')).filter((p: Json) => p.v > 0).length >= 3 &&
        // rate() over the pods' first minute sees only part of it: wait for a whole one.
        Math.abs((signal(a, 'cpu').series[0]?.summary.last ?? 0) - 0.5) <= 0.05 &&
        signal(a, 'memory').series[0]?.summary.last > 0,
      'errors after the release, CPU and memory',
      150_000,
    );
    assert.deepEqual(
      answer.signals.map((s: Json) => s.name),
      ['requestRate', 'errorRatio', 'latencyP50', 'latencyP95', 'latencyP99', 'cpu', 'memory', 'restarts'],
    );
    assert.equal(answer.namespace, ns.namespace());
    assert.equal(answer.stepSeconds, 8, '900 s in about 120 points');

    const requests = signal(answer, 'requestRate');
    assert.equal(requests.status, 'ok');
    assert.equal(
      requests.query,
      `sum(rate(http_requests_total{namespace="${ns.namespace()}",service="shop"}[60s]))`,
      'the placeholders are filled in',
    );
    const rate = requests.series[0];
    near(rate.sinceRelease.before, 10, 0.1, 'requests/s before the release');
    assert.ok(rate.sinceRelease.after > rate.sinceRelease.before, 'the failing requests come on top');
    // rate() looks back a minute: it climbs from 10 to 11 over the minute after the release.
    assert.ok(rate.summary.max > 10 && rate.summary.max <= 11.05, `requests/s at most: ${rate.summary.max}`);

    const errors = signal(answer, 'errorRatio').series[0];
    assert.equal(errors.sinceRelease.before, 0, 'no error before the release');
    assert.ok(errors.sinceRelease.after > 0 && errors.sinceRelease.after <= 1 / 11 + 0.005, errors.sinceRelease);
    assert.equal(errors.sinceRelease.change, null, 'no ratio to nothing');

    // 80 % under 0.1 s, 95 % under 0.5 s: p50 is interpolated in the first bucket, p95 ends the
    // second, p99 falls in +Inf, which histogram_quantile answers with the highest finite bound.
    near(signal(answer, 'latencyP50').series[0].summary.last, 0.0625, 0.001, 'p50');
    near(signal(answer, 'latencyP95').series[0].summary.last, 0.5, 0.001, 'p95');
    near(signal(answer, 'latencyP99').series[0].summary.last, 0.5, 0.001, 'p99');

    near(signal(answer, 'cpu').series[0].summary.last, 0.5, 0.05, 'two pods at 250m each');
    assert.equal(signal(answer, 'memory').series[0].summary.last, 2 * mebibytes(96));

    const restarts = signal(answer, 'restarts');
    assert.equal(restarts.status, 'no_data', 'the testbed runs no kube-state-metrics');
    assert.match(restarts.message, /no series/);

    assert.deepEqual(
      answer.releases.map((r: Json) => [r.number, r.status, r.createdBy]),
      [[1, 'healthy', 'dev']],
    );
    assert.equal(answer.comparedWith.number, 1);
    assert.equal(Date.parse(answer.comparedWith.at), releasedAt);
  });

  it("takes an environment type's own PromQL, and refuses one Prometheus cannot parse with its message", async () => {
    const type = (await t.call('GET', '/environment-types/development')).json().type;
    const { name: _name, ...body } = type;
    const onlyOk = 'sum(rate(http_requests_total{namespace="$namespace",service="$service",code="200"}[$rate]))';
    const put = await t.call('PUT', '/environment-types/development', {
      ...body,
      metrics: { signals: { requestRate: onlyOk } },
    });
    assert.equal(put.status, 200, put.text);
    try {
      const answer = await metricsWhen((a) => signal(a, 'requestRate').query.includes('code="200"'), 'the new query');
      near(signal(answer, 'requestRate').series[0].summary.max, 10, 0.1, 'only the 200s');

      const broken = await t.call('PUT', '/environment-types/development', {
        ...body,
        metrics: { signals: { cpu: 'sum(rate(container_cpu_usage_seconds_total[$rate])' } },
      });
      assert.equal(broken.status, 400, broken.text);
      const field = broken.json().error.fields[0];
      assert.equal(field.path, '/metrics/signals/cpu');
      assert.match(field.message, /parse error/, "Prometheus's own words");

      const unknown = await t.call('PUT', '/environment-types/development', {
        ...body,
        metrics: { signals: { cpus: 'sum(x)', memory: 'sum(y{pod=~"$pod"})' } },
      });
      assert.equal(unknown.status, 400, unknown.text);
      assert.deepEqual(
        unknown.json().error.fields.map((f: Json) => f.path),
        ['/metrics/signals/cpus', '/metrics/signals/memory'],
      );
      const kept = (await t.call('GET', '/environment-types/development')).json().type;
      assert.deepEqual(
        kept.metrics,
        { signals: { requestRate: onlyOk } },
        'a refused change leaves the type as it was',
      );
    } finally {
      assert.equal((await t.call('PUT', '/environment-types/development', body)).status, 200);
    }
  });

  it('gives unavailable signals, not an error, when Prometheus does not answer; not_configured without one', async () => {
    const down = new MetricsService({
      db: getDb().db,
      source: { url: `http://127.0.0.1:${await closedPort()}`, timeoutMs: 2_000 },
    });
    try {
      const answer = await down.read({ service: 'shop', environment: 'dev', sinceSeconds: 600 });
      for (const s of answer.signals) {
        assert.equal(s.status, 'unavailable', s.name);
        assert.match(s.message, /Cannot reach Prometheus/);
      }
      assert.equal(answer.releases.length, 1, 'the releases are there all the same');
    } finally {
      await down.close();
    }
    await assert.rejects(
      new MetricsService({ db: getDb().db, source: null }).read({
        service: 'shop',
        environment: 'dev',
        sinceSeconds: 600,
      }),
      (e: unknown) =>
        e instanceof SlipwayError && e.code === 'not_configured' && /kubernetes\.prometheus/.test(e.hint ?? ''),
    );
  });

  it('reads an environment on a registered cluster from the Prometheus set on that cluster', async () => {
    const registered = await t.call('POST', '/clusters', { name: 'second', kubeconfig: secondClusterKubeconfig() });
    assert.equal(registered.status, 201, registered.text);
    assert.equal(registered.json().cluster.metricsSource, false);
    const farNamespace = `${ns.namespace()}-far`;
    const env = await t.call('PUT', '/environments/far', {
      type: 'development',
      cluster: 'second',
      namespace: farNamespace,
    });
    assert.equal(env.status, 200, env.text);
    const far = '/services/shop/environments/far/metrics?sinceSeconds=600';
    const none = await t.call('GET', far);
    assert.equal(none.status, 503, none.text);
    assert.equal(none.json().error.code, 'not_configured');
    assert.match(none.json().error.hint, /clusters\/\{name\}\/prometheus/);

    const wrong = await t.call('PUT', '/clusters/second/prometheus', { url: `http://127.0.0.1:${await closedPort()}` });
    assert.equal(wrong.status, 400, wrong.text);
    assert.equal(wrong.json().error.fields[0].path, '/url');
    assert.match(wrong.json().error.fields[0].message, /Cannot reach Prometheus/);
    const halfAuth = await t.call('PUT', '/clusters/second/prometheus', { url: prometheus(), username: 'ana' });
    assert.equal(halfAuth.status, 400, halfAuth.text);
    assert.equal(
      (await t.call('PUT', '/clusters/default/prometheus', { url: prometheus() })).json().error.code,
      'not_found',
      "Slipway's own cluster takes its Prometheus from the configuration",
    );

    const set = await t.call('PUT', '/clusters/second/prometheus', { url: prometheus(), timeoutMs: 5000 });
    assert.equal(set.status, 200, set.text);
    assert.equal(set.json().cluster.metricsSource, true);
    const stored = await getDb()
      .db.selectFrom('clusters')
      .select('prometheus')
      .where('name', '=', 'second')
      .executeTakeFirstOrThrow();
    assert.ok(stored.prometheus && !stored.prometheus.includes(prometheus()), 'stored sealed, the URL included');

    const farTraffic = await startTraffic({
      url: prometheus(),
      namespace: farNamespace,
      service: 'shop',
      since: Date.now() - 5 * 60_000,
      errorsFrom: Date.now() + 86_400_000,
    });
    try {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const res = await t.call('GET', far);
        assert.equal(res.status, 200, res.text);
        const requests = signal(res.json(), 'requestRate');
        if (requests.status === 'ok') {
          assert.match(requests.query, new RegExp(`namespace="${farNamespace}"`));
          near(requests.series[0].summary.max, 10, 0.1, 'requests/s on the registered cluster');
          break;
        }
        if (Date.now() > deadline) assert.fail(`no request rate on far: ${res.text.slice(0, 1000)}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    } finally {
      await farTraffic.stop();
    }

    assert.equal((await t.call('DELETE', '/clusters/second/prometheus')).status, 204);
    assert.equal((await t.call('GET', far)).status, 503);
    assert.equal((await t.call('DELETE', '/environments/far')).status < 300, true);
  });

  it('answers 404 for an unknown service and 400 for a range out of bounds', async () => {
    assert.equal((await t.call('GET', '/services/nope/environments/dev/metrics')).status, 404);
    const short = await t.call('GET', '/services/shop/environments/dev/metrics?sinceSeconds=10');
    assert.equal(short.status, 400, short.text);
    assert.equal(short.json().error.code, 'invalid_input');
  });
});
