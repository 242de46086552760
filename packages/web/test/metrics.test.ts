/**
 * The Service page's Metrics tab in a real browser, on a real server reading the testbed's
 * real Prometheus: kwok's emulated CPU and memory of the service's pods, and request metrics
 * written through remote write as an instrumented app's would be scraped — 10 requests/s, and
 * from the release on 1 more per second failing.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { formatSignalValue, signalNames } from '@slipway/core';
import { useTestPrometheusUrl } from '../../server/test/harness/prometheus.ts';
import { startTraffic, type Traffic } from '../../server/test/harness/traffic.ts';
import { type Portal, screenshot, seriousAccessibilityFindings, startPortal } from './harness.ts';
import { adminApi, cleanUp, type ReleaseJson, score, settled } from './service-fixtures.ts';

interface Signal {
  name: string;
  title: string;
  unit: string;
  status: string;
  series: Array<{ points: Array<{ t: number; v: number | null }>; sinceRelease: { before: number | null } | null }>;
}
interface Metrics {
  namespace: string;
  signals: Signal[];
}

describe('service metrics tab', () => {
  const prometheus = useTestPrometheusUrl();
  let portal: Portal;
  let traffic: Traffic | undefined;
  let releasedAt = 0;

  before(async () => {
    // A namespace of its own: Prometheus keeps the series of earlier runs, which would add up.
    const namespacePrefix = `web-metrics-${randomBytes(3).toString('hex')}`;
    portal = await startPortal({ namespacePrefix, prometheusUrl: prometheus() });
    const api = adminApi(portal);
    await api('POST', '/environments', { name: 'dev', type: 'development', defaults: { replicas: 1 } });
    const { release } = await api<{ release: ReleaseJson }>('POST', '/deploys', {
      environment: 'dev',
      workload: score('shop', 'nginx:1.27', '1s'),
    });
    const done = await settled(portal, release.id);
    assert.equal(done.status, 'healthy', done.message);
    const { release: finished } = await api<{ release: { finishedAt: string } }>('GET', `/releases/${release.id}`);
    releasedAt = Date.parse(finished.finishedAt);
    const { namespace } = await metrics();
    traffic = await startTraffic({
      url: prometheus(),
      namespace,
      service: 'shop',
      since: releasedAt - 10 * 60_000,
      errorsFrom: releasedAt,
    });
  });
  after(async () => {
    await traffic?.stop();
    await cleanUp(portal);
    await portal?.stop();
  });

  const metrics = () => adminApi(portal)<Metrics>('GET', '/services/shop/environments/dev/metrics?sinceSeconds=900');
  const signal = (m: Metrics, name: string) => m.signals.find((s) => s.name === name);

  test('a chart per golden signal with the release marked, and the comparison around it', async () => {
    // Setup: wait until Prometheus has failing requests after the release and the pod's CPU.
    const deadline = Date.now() + 90_000;
    for (;;) {
      const m = await metrics();
      const errorsAfter = signal(m, 'errorRatio')?.series[0]?.points.filter((p) => p.t > releasedAt && (p.v ?? 0) > 0);
      if ((errorsAfter?.length ?? 0) >= 2 && signal(m, 'cpu')?.status === 'ok') break;
      if (Date.now() > deadline) assert.fail(`no errors after the release yet: ${JSON.stringify(m).slice(0, 1500)}`);
      await new Promise((r) => setTimeout(r, 1000));
    }

    const page = await portal.signedIn();
    await page.goto('/services/shop/metrics?env=dev&range=15m');
    const tab = page.getByRole('tab', { name: 'Metrics' });
    assert.equal(await tab.getAttribute('aria-selected'), 'true');
    const cards = page.locator('figure[data-signal]');
    await page.locator('[data-testid="metric-requestRate"][data-points]').waitFor();
    assert.deepEqual(await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-signal'))), [...signalNames]);
    for (const name of ['requestRate', 'errorRatio', 'latencyP95', 'cpu', 'memory']) {
      const chart = page.getByTestId(`metric-${name}`);
      await chart.and(page.locator('[data-points]')).waitFor();
      assert.ok(Number(await chart.getAttribute('data-values')) > 0, `${name} draws values`);
      assert.equal(await chart.getAttribute('data-markers'), '1', `${name} marks release #1`);
    }
    assert.match(
      (await page.locator('figure[data-signal="restarts"]').textContent()) ?? '',
      /No data: the query matched no series/,
      'the testbed runs no kube-state-metrics',
    );
    assert.equal(
      await page.locator('figure[data-signal="latencyP95"] .metric-now').textContent(),
      formatSignalValue(0.5, 'seconds'),
    );
    const memory = signal(await metrics(), 'memory')?.series[0]?.points.at(-1)?.v ?? null;
    assert.equal(
      await page.locator('figure[data-signal="memory"] .metric-now').textContent(),
      formatSignalValue(memory, 'bytes'),
    );

    // The comparison as text: no error before the release, some since.
    const comparison = page.getByRole('table', { name: /Since release #1/ });
    const errors = comparison.locator('tr[data-signal="errorRatio"] td');
    assert.deepEqual((await errors.allTextContents()).slice(0, 1), ['0%']);
    assert.match((await errors.nth(1).textContent()) ?? '', /^[1-9][\d.]*%$|^0\.\d+%$/, 'errors since the release');
    await screenshot(page, 'service-metrics');
    assert.deepEqual(await seriousAccessibilityFindings(page), [], 'accessibility of the Metrics tab');

    // Another range is part of the address, and the charts follow it.
    await page.getByLabel('Range').selectOption('6h');
    await page.waitForURL(/range=6h/);
    await page.locator('figure[data-signal="requestRate"] [data-points]').waitFor();
    await page.context().close();
  });

  test('in the dark theme on a narrow screen, nothing overflows and the check passes', async () => {
    const page = await portal.newPage({ colorScheme: 'dark', width: 390 });
    await page.goto('/');
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(portal.server.adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('current-user').waitFor();
    await page.goto('/services/shop/metrics?env=dev&range=15m');
    await page.locator('[data-testid="metric-cpu"][data-points]').waitFor();
    const overflow = (await page.evaluate(
      "(() => { const m = document.getElementById('main'); return m.scrollWidth - m.clientWidth; })()",
    )) as number;
    assert.ok(overflow <= 1, `nothing is wider than the page's column (${overflow}px too wide)`);
    assert.deepEqual(await seriousAccessibilityFindings(page), [], 'accessibility, dark and narrow');
    await page.context().close();
  });
});
