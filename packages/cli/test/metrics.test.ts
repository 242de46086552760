// test-lane: waiting
// (most of this file's time goes waiting on a whole minute of the pod's CPU in Prometheus: scripts/run-tests.mjs)
/**
 * `slipway metrics` against a real server reading the testbed's real Prometheus: the
 * service's pods' emulated CPU and memory (kwok), and request metrics written through remote
 * write as an instrumented app's would be scraped.
 */
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { useTestPrometheusUrl } from '../../server/test/harness/prometheus.ts';
import { startTraffic, type Traffic } from '../../server/test/harness/traffic.ts';
import type { ServiceMetrics } from '../src/client.ts';
import {
  type CliResult,
  closedPort,
  createTestNamespace,
  deleteTestNamespace,
  parseJson,
  runCli,
  secondKubeconfig,
  startLiveServer,
  type TestServer,
  tempDir,
} from './harness.ts';

const prometheus = useTestPrometheusUrl();
let server: TestServer;
let work: string;
let namespace: string;
let traffic: Traffic | undefined;

const score = `apiVersion: score.dev/v1b1
metadata:
  name: orders
  annotations:
    kwok.x-k8s.io/usage-cpu: 250m
    kwok.x-k8s.io/usage-memory: 96Mi
containers:
  api: { image: nginx:1.27 }
`;

before(async () => {
  work = tempDir('metrics');
  writeFileSync(join(work, 'score.yaml'), score);
  namespace = await createTestNamespace('metrics');
  server = await startLiveServer({ prometheusUrl: prometheus() });
  const env = await cli(['env', 'set', 'dev', '--type', 'development', '--namespace', namespace, '--replicas', '1']);
  assert.equal(env.code, 0, output(env));
  const deployed = await cli(['deploy', '--env', 'dev', '--wait']);
  assert.equal(deployed.code, 0, output(deployed));
  // Twenty minutes of 10 requests/s, none failing.
  const now = Date.now();
  traffic = await startTraffic({
    url: prometheus(),
    namespace,
    service: 'orders',
    since: now - 20 * 60_000,
    errorsFrom: now + 86_400_000,
  });
});

after(async () => {
  await traffic?.stop();
  await server?.stop();
  if (namespace) await deleteTestNamespace(namespace);
  rmSync(work, { recursive: true, force: true });
});

const cli = (args: string[]): Promise<CliResult> =>
  runCli([...args, '--server', server.url, '--token', server.adminToken], {
    configDir: join(work, 'config'),
    cwd: work,
  });
const output = (r: CliResult) => `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;

/**
 * Asks the server until `ready` accepts the answer (samples come at each scrape), then the CLI
 * once: a CLI per poll cost a second of CPU each, and the CLI's own output is what is tested.
 */
async function metricsWhen(ready: (m: ServiceMetrics) => boolean, ms = 120_000): Promise<ServiceMetrics> {
  const deadline = Date.now() + ms;
  const url = `${server.url}/api/v1/services/orders/environments/dev/metrics?sinceSeconds=900`;
  for (;;) {
    const answer = await fetch(url, { headers: { authorization: `Bearer ${server.adminToken}` } });
    assert.equal(answer.status, 200, await answer.clone().text());
    const body = (await answer.json()) as ServiceMetrics;
    if (ready(body)) break;
    if (Date.now() > deadline) assert.fail(`not ready after ${ms} ms: ${JSON.stringify(body).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  const run = await cli(['metrics', 'orders', '--env', 'dev', '--since', '15m', '-o', 'json']);
  assert.equal(run.code, 0, output(run));
  return parseJson<ServiceMetrics>(run);
}

const last = (m: ServiceMetrics, name: string) => m.signals.find((s) => s.name === name)?.series[0]?.summary.last;

test('metrics prints each golden signal with its unit and a sparkline, and the releases of the range', async () => {
  // rate() over the pod's first minute sees only part of it: wait for a whole one.
  await metricsWhen((m) => Math.abs((last(m, 'cpu') ?? 0) - 0.25) <= 0.03 && last(m, 'requestRate') !== undefined);
  const run = await cli(['metrics', 'orders', '--env', 'dev', '--since', '15m']);
  assert.equal(run.code, 0, output(run));
  const text = run.stdout;
  assert.match(text, /^orders in dev, the last 15m \(a point every 8s\); SINCE #1 compares with before release 1$/m);
  assert.match(text, /^SIGNAL +NOW +MEAN +MAX +SINCE #1 +TREND$/m);
  // The newest point may be a scrape short (rate() extrapolates less to a window's end).
  assert.match(text, /^Request rate +(10|9\.\d+)\/s +(10|9\.\d+)\/s +10\/s +[+-]\d+(\.\d)?% +[▁-█ ]{7,24}$/m);
  assert.match(text, /^Error ratio \(5xx\) +0% +0% +0% +— /m, 'no ratio to a zero before');
  assert.match(text, /^Latency p50 +62\.5ms /m);
  assert.match(text, /^Latency p99 +500ms /m);
  assert.match(text, /^CPU +2[2-7]\dm /m, 'a quarter core, in millicores');
  assert.match(text, /^Memory working set +96MiB +/m);
  assert.match(text, /^Container restarts +no data *$/m, 'the testbed runs no kube-state-metrics');
  assert.match(text, /^ {2}#1 healthy by admin, \d{4}-\d\d-\d\d \d\d:\d\d UTC$/m);
});

test('cluster metrics sets the Prometheus of a registered cluster once it answers, and removes it', async () => {
  const add = await cli(['cluster', 'add', 'second', '--kubeconfig', secondKubeconfig()]);
  assert.equal(add.code, 0, output(add));
  try {
    const wrong = await cli(['cluster', 'metrics', 'second', '--url', `http://127.0.0.1:${await closedPort()}`]);
    assert.equal(wrong.code, 2, output(wrong));
    assert.match(
      wrong.stderr,
      /^error: Slipway could not query the Prometheus at http:\/\/127\.0\.0\.1:\d+\n {2}\/url: Cannot reach Prometheus/m,
    );
    const set = await cli(['cluster', 'metrics', 'second', '--url', prometheus()]);
    assert.equal(set.code, 0, output(set));
    assert.equal(set.stdout.trim(), `Cluster second reads its metrics from ${prometheus()}.`);
    const list = parseJson<{ items: Array<{ name: string; metricsSource: boolean }> }>(
      await cli(['cluster', 'list', '-o', 'json']),
    );
    assert.deepEqual(
      list.items.map((c) => [c.name, c.metricsSource]),
      [
        ['default', true],
        ['second', true],
      ],
    );
    const removed = await cli(['cluster', 'metrics', 'second', '--remove']);
    assert.equal(removed.code, 0, output(removed));
    assert.equal(removed.stdout.trim(), 'Cluster second has no metrics source now.');
    const neither = await cli(['cluster', 'metrics', 'second']);
    assert.equal(neither.code, 2, output(neither));
  } finally {
    await cli(['cluster', 'remove', 'second']);
  }
});

test('metrics refuses a range outside 1m … 30d and names an unknown service', async () => {
  const short = await cli(['metrics', 'orders', '--env', 'dev', '--since', '30s']);
  assert.equal(short.code, 2, output(short));
  assert.match(short.stderr, /It must be from 1m to 30d/);
  const days = await cli(['metrics', 'orders', '--env', 'dev', '--since', '31d']);
  assert.equal(days.code, 2, output(days));
  const unknown = await cli(['metrics', 'nobody', '--env', 'dev', '-o', 'json']);
  assert.equal(unknown.code, 1, output(unknown));
  assert.equal(parseJson<{ error: { code: string } }>(unknown).error.code, 'not_found');
});
