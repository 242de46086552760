import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CoreV1Api } from '@kubernetes/client-node';
import { SlipwayError } from '@slipway/core';
import { pushTimeseries } from 'prometheus-remote-write';
import { loadConfig } from '../../src/config/load.ts';
import { PrometheusClient, type PrometheusSource } from '../../src/metrics/prometheus.ts';
import { prometheusSource } from '../../src/metrics/source.ts';
import { useTestNamespace } from '../harness/cluster.ts';
import { queryUntil, useOwnPrometheus, useTestPrometheusUrl } from '../harness/prometheus.ts';

const mebibytes = (n: number) => n * 1024 * 1024;

/** Asserts that `promise` rejects with a SlipwayError of `code`; returns it. */
async function rejectsWith(promise: Promise<unknown>, code: SlipwayError['code']): Promise<SlipwayError> {
  const error = await promise.then(
    () => assert.fail(`expected a SlipwayError ${code}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof SlipwayError, `not a SlipwayError: ${error}`);
  assert.equal(error.code, code, error.message);
  return error;
}

describe('the Prometheus client, on a real Prometheus scraping the test cluster', () => {
  const url = useTestPrometheusUrl();
  const { kc, namespace } = useTestNamespace('prom');
  let client: PrometheusClient;

  before(async () => {
    client = new PrometheusClient({ url: url(), timeoutMs: 5_000 });
    // A pod whose container kwok says uses 250m of CPU and 96Mi of memory.
    await kc()
      .makeApiClient(CoreV1Api)
      .createNamespacedPod({
        namespace: namespace(),
        body: {
          metadata: {
            name: 'web',
            annotations: { 'kwok.x-k8s.io/usage-cpu': '250m', 'kwok.x-k8s.io/usage-memory': '96Mi' },
          },
          spec: { containers: [{ name: 'app', image: 'example.test/web:1' }] },
        },
      });
  });
  after(() => client.close());

  it('answers an instant query with the memory working set kwok emulates for the pod', async () => {
    const query = `container_memory_working_set_bytes{namespace="${namespace()}"}`;
    const series = await queryUntil(
      () => client.query(query),
      (s) => s.length > 0,
      query,
    );
    assert.equal(series.length, 1);
    const [only] = series;
    assert.equal(only?.labels.pod, 'web');
    assert.equal(only?.labels.container, 'app');
    assert.equal(only?.labels.job, 'kubelet');
    assert.equal(only?.sample.value, mebibytes(96));
  });

  it('answers a range query with the pod CPU as samples step apart, and rate() of the counter', async () => {
    const cpu = `container_cpu_usage_seconds_total{namespace="${namespace()}",container="app"}`;
    // Two scrapes at least, so that rate() has something to work on.
    await queryUntil(
      () => client.query(`rate(${cpu}[30s])`),
      (s) => (s[0]?.sample.value ?? 0) > 0,
      'rate of CPU',
    );
    const end = new Date();
    const start = new Date(end.getTime() - 20_000);
    const series = await client.queryRange(cpu, { start, end, stepSeconds: 2 });
    assert.equal(series.length, 1);
    const samples = series[0]?.samples ?? [];
    assert.ok(samples.length >= 2, `samples: ${JSON.stringify(samples)}`);
    for (const [i, s] of samples.entries()) {
      assert.ok(s.time >= start.getTime() && s.time <= end.getTime());
      if (i > 0) assert.equal(s.time - (samples[i - 1]?.time ?? 0), 2_000);
      if (i > 0) assert.ok(s.value >= (samples[i - 1]?.value ?? 0), 'a counter never goes down');
    }
  });

  it('queries with a timeout that is not whole seconds (Prometheus refused "1.5s")', async () => {
    const series = await client.query('vector(3)', { timeoutMs: 1500 });
    assert.equal(series[0]?.sample.value, 3);
  });

  it('returns no series for a query nothing matches', async () => {
    assert.deepEqual(await client.query(`container_memory_working_set_bytes{namespace="no-such-${namespace()}"}`), []);
  });

  it('reads a scalar as one series without labels', async () => {
    const [only, ...rest] = await client.query('scalar(vector(42))');
    assert.deepEqual(only?.labels, {});
    assert.equal(only?.sample.value, 42);
    assert.equal(rest.length, 0);
  });

  it('reads request metrics pushed through remote write, now and days ago', async () => {
    const service = `svc-${randomBytes(4).toString('hex')}`;
    const now = Date.now();
    const threeDaysAgo = now - 3 * 24 * 3600_000;
    const pushed = await pushTimeseries(
      [
        {
          labels: { __name__: 'http_requests_total', service, environment: 'staging', code: '200' },
          samples: [
            { value: 7, timestamp: threeDaysAgo },
            { value: 1200, timestamp: now },
          ],
        },
        {
          labels: { __name__: 'http_requests_total', service, environment: 'staging', code: '500' },
          samples: [{ value: 3, timestamp: now }],
        },
      ],
      {
        url: `${url()}/api/v1/write`,
        // The library types the body loosely (ArrayBufferLike); what it sends is snappy's Uint8Array.
        fetch: (to, init) => fetch(to, { ...init, body: init?.body as unknown as Uint8Array }),
      },
    );
    assert.ok(pushed.status >= 200 && pushed.status < 300, `remote write: ${pushed.status} ${pushed.errorMessage}`);

    const atNow = await client.query(`sum by (code) (http_requests_total{service="${service}"})`, {
      time: new Date(now),
    });
    const byCode = Object.fromEntries(atNow.map((s) => [s.labels.code, s.sample.value]));
    assert.deepEqual(byCode, { '200': 1200, '500': 3 });

    const [past] = await client.query(`http_requests_total{service="${service}",code="200"}`, {
      time: new Date(threeDaysAgo),
    });
    assert.equal(past?.sample.value, 7);
    assert.equal(past?.sample.time, threeDaysAgo);
  });

  it("refuses PromQL that does not parse with Prometheus's own message", async () => {
    const error = await rejectsWith(client.query('sum(rate(http_requests_total[5m])'), 'invalid_promql');
    assert.match(error.message, /parse error/);
    assert.match(error.message, /1:\d+/);
    const range = await rejectsWith(
      client.queryRange('rate(http_requests_total[5x])', {
        start: new Date(0),
        end: new Date(60_000),
        stepSeconds: 15,
      }),
      'invalid_promql',
    );
    assert.match(range.message, /parse error|bad duration|unknown unit/);
  });

  it('refuses a range vector as an instant answer, saying how to fix it', async () => {
    const error = await rejectsWith(client.query('up[1m]'), 'invalid_promql');
    assert.match(error.message, /matrix/);
    assert.match(error.hint ?? '', /rate\(\)/);
  });
});

describe('the Prometheus client when Prometheus fails', () => {
  const prometheus = useOwnPrometheus();

  it('gives unavailable, within the per-query timeout, when Prometheus does not answer', async () => {
    const client = new PrometheusClient({ url: prometheus.url(), timeoutMs: 10_000 });
    try {
      assert.deepEqual((await client.query('vector(1)'))[0]?.sample.value, 1);
      await prometheus.freeze();
      try {
        const error = await rejectsWith(client.query('vector(1)', { timeoutMs: 300 }), 'unavailable');
        assert.match(error.message, /did not answer within 300 ms/);
      } finally {
        prometheus.thaw();
      }
      // The client is usable again once Prometheus is.
      assert.equal((await client.query('vector(2)'))[0]?.sample.value, 2);
    } finally {
      await client.close();
    }
  });

  it("ends a query when the caller's signal aborts, with the caller's reason", async () => {
    const client = new PrometheusClient({ url: prometheus.url() });
    await prometheus.freeze();
    try {
      const controller = new AbortController();
      const asked = client.query('vector(1)', { signal: controller.signal });
      controller.abort(new Error('shutting down'));
      await assert.rejects(asked, /shutting down/);
    } finally {
      prometheus.thaw();
      await client.close();
    }
  });

  it('gives unavailable when Prometheus is stopped', async () => {
    const client = new PrometheusClient({ url: prometheus.url() });
    try {
      await prometheus.stop();
      const error = await rejectsWith(client.query('vector(1)'), 'unavailable');
      assert.match(error.message, /Cannot reach Prometheus at http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/);
      await rejectsWith(
        client.queryRange('vector(1)', { start: new Date(0), end: new Date(60_000), stepSeconds: 15 }),
        'unavailable',
      );
    } finally {
      await client.close();
    }
  });
});

describe('the Prometheus client over HTTPS with basic auth', () => {
  const user = { username: 'slipway', password: randomBytes(8).toString('hex') };
  const prometheus = useOwnPrometheus({ tls: true, basicAuth: user });

  /** One instant query through a client of these settings; closes the client after. */
  async function ask(source: Omit<PrometheusSource, 'url'>) {
    const client = new PrometheusClient({ url: prometheus.url(), ...source });
    try {
      return await client.query('vector(1)');
    } finally {
      await client.close();
    }
  }

  it('queries with the CA it is given and the right user', async () => {
    assert.match(prometheus.url(), /^https:/);
    const [only] = await ask({ tls: { ca: prometheus.ca() }, auth: user });
    assert.equal(only?.sample.value, 1);
  });

  it('skips the certificate check only when told to', async () => {
    const refused = await rejectsWith(ask({ auth: user }), 'unavailable');
    assert.match(refused.message, /certificate/);
    const [only] = await ask({ tls: { insecureSkipVerify: true }, auth: user });
    assert.equal(only?.sample.value, 1);
  });

  it("is reached through the settings of Slipway's configuration (kubernetes.prometheus)", async () => {
    const caFile = join(mkdtempSync(join(tmpdir(), 'slipway-prom-')), 'ca.pem');
    writeFileSync(caFile, prometheus.ca());
    const config = loadConfig({
      env: {
        SLIPWAY_PROMETHEUS_URL: prometheus.url(),
        SLIPWAY_PROMETHEUS_USERNAME: user.username,
        SLIPWAY_PROMETHEUS_PASSWORD: user.password,
        SLIPWAY_PROMETHEUS_CA_FILE: caFile,
      },
    });
    const settings = config.kubernetes.prometheus;
    assert.ok(settings);
    assert.equal(settings.timeoutMs, 10_000);
    const client = new PrometheusClient(prometheusSource(settings));
    try {
      assert.equal((await client.query('vector(3)'))[0]?.sample.value, 3);
    } finally {
      await client.close();
    }
  });

  it('gives unavailable, naming the credentials, when Prometheus refuses them', async () => {
    const tls = { ca: prometheus.ca() };
    for (const auth of [{ ...user, password: 'wrong' }, { bearerToken: 'not-a-user' }, undefined]) {
      const error = await rejectsWith(ask({ tls, ...(auth ? { auth } : {}) }), 'unavailable');
      assert.match(error.message, /refused Slipway's credentials \(HTTP 401\)/);
      assert.match(error.hint ?? '', /bearer token or user name and password/);
    }
  });
});

describe('the Prometheus source settings', () => {
  it('take a bearer token or a user and password, not both, and refuse other URLs', () => {
    const refused = (env: Record<string, string>) => {
      try {
        loadConfig({ env });
      } catch (error) {
        assert.ok(error instanceof SlipwayError && error.code === 'invalid_config');
        return (error.fields ?? []).map((f) => f.path);
      }
      return assert.fail(`accepted ${JSON.stringify(env)}`);
    };
    const url = 'https://prometheus.example:9090';
    assert.deepEqual(
      loadConfig({ env: { SLIPWAY_PROMETHEUS_URL: url, SLIPWAY_PROMETHEUS_BEARER_TOKEN: 't' } }).kubernetes.prometheus,
      { url, auth: { bearerToken: 't' }, timeoutMs: 10_000 },
    );
    assert.deepEqual(refused({ SLIPWAY_PROMETHEUS_URL: 'prometheus:9090' }), ['/kubernetes/prometheus/url']);
    assert.deepEqual(refused({ SLIPWAY_PROMETHEUS_URL: url, SLIPWAY_PROMETHEUS_USERNAME: 'u' }), [
      '/kubernetes/prometheus/auth',
    ]);
    assert.deepEqual(
      refused({ SLIPWAY_PROMETHEUS_URL: url, SLIPWAY_PROMETHEUS_BEARER_TOKEN: 't', SLIPWAY_PROMETHEUS_USERNAME: 'u' }),
      ['/kubernetes/prometheus/auth'],
    );
  });

  it('name the CA file that cannot be read', () => {
    const settings = { url: 'https://prometheus.example', timeoutMs: 1000, tls: { caFile: '/nonexistent/ca.pem' } };
    assert.throws(
      () => prometheusSource(settings),
      (e: unknown) =>
        e instanceof SlipwayError &&
        e.code === 'invalid_config' &&
        e.fields?.[0]?.path === '/kubernetes/prometheus/tls/caFile' &&
        /nonexistent\/ca\.pem/.test(e.message),
    );
  });

  it('refuses a URL that is not http(s) or holds credentials', () => {
    for (const url of ['prometheus:9090', 'ftp://prometheus', 'http://user:secret@prometheus:9090']) {
      assert.throws(
        () => new PrometheusClient({ url }),
        (e: unknown) => e instanceof SlipwayError && e.code === 'invalid_config',
      );
    }
  });
});
