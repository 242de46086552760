/**
 * A release's metric checks on the Service page's Releases tab, in a real browser: a real
 * server whose environment type verifies releases against the testbed's real Prometheus (request
 * metrics written through remote write as an instrumented app's would be scraped: 10 requests/s,
 * none failing). The expanded release shows each check with a bar of its samples.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { useTestPrometheusUrl } from '../../server/test/harness/prometheus.ts';
import { startTraffic, type Traffic } from '../../server/test/harness/traffic.ts';
import { type Portal, screenshot, seriousAccessibilityFindings, startPortal } from './harness.ts';
import { adminApi, cleanUp, type ReleaseJson, score, settled } from './service-fixtures.ts';

const errorRatio =
  '(sum(rate(http_requests_total{namespace="$namespace",service="$service",code=~"5.."}[30s])) or vector(0))' +
  ' / sum(rate(http_requests_total{namespace="$namespace",service="$service"}[30s]))';

describe('release verification in the portal', () => {
  const prometheus = useTestPrometheusUrl();
  let portal: Portal;
  let traffic: Traffic | undefined;
  let release: ReleaseJson;

  before(async () => {
    // A namespace of its own: Prometheus keeps the series of earlier runs.
    portal = await startPortal({
      namespacePrefix: `web-verify-${randomBytes(3).toString('hex')}`,
      prometheusUrl: prometheus(),
    });
    const api = adminApi(portal);
    await api('PUT', '/environment-types/verified', {
      defaults: { replicas: 1, progressDeadlineSeconds: 60 },
      verification: {
        checks: [
          {
            name: 'error-ratio',
            query: errorRatio,
            condition: { op: '<', threshold: 0.01 },
            intervalSeconds: 10,
            durationSeconds: 10,
          },
        ],
      },
    });
    await api('POST', '/environments', { name: 'stage', type: 'verified' });
    // The service adds a check of its own: its releases must see requests.
    await api('POST', '/services', { name: 'shop' });
    await api('PUT', '/services/shop/verification', {
      checks: [
        {
          name: 'request-rate',
          query: 'sum(rate(http_requests_total{namespace="$namespace",service="$service"}[30s]))',
          condition: { op: '>', threshold: 0 },
          intervalSeconds: 10,
          durationSeconds: 10,
          environmentTypes: ['verified'],
        },
      ],
    });
    const { environment } = await api<{ environment: { namespace: string } }>('GET', '/environments/stage');
    traffic = await startTraffic({
      url: prometheus(),
      namespace: environment.namespace,
      service: 'shop',
      since: Date.now() - 5 * 60_000,
      errorsFrom: Number.POSITIVE_INFINITY,
    });
    ({ release } = await api<{ release: ReleaseJson }>('POST', '/deploys', {
      environment: 'stage',
      workload: score('shop', 'nginx:1.27', '1s'),
    }));
    const done = await settled(portal, release.id);
    assert.equal(done.status, 'healthy', done.message);
  });
  after(async () => {
    await traffic?.stop();
    await cleanUp(portal);
    await portal?.stop();
  });

  test('the expanded release shows each check with its samples, verdict and query', async () => {
    const page = await portal.signedIn();
    await page.goto('/services/shop/releases?env=stage');
    // The newest release opens by itself; open it if it has not.
    const changes = page.getByRole('button', { name: /changes of #1$/i });
    await changes.waitFor();
    if ((await changes.getAttribute('aria-expanded')) !== 'true') await changes.click();
    const section = page.getByRole('region', { name: 'Verification' });
    await section.waitFor();
    assert.equal(await section.getAttribute('data-verification'), 'passed');
    const check = section.locator('li[data-check="error-ratio"]');
    assert.equal(await check.getAttribute('data-check-state'), 'passed');
    // Samples at 0 and 10 s; on a loaded machine one may be unknown (the bar says which).
    assert.match(
      (await check.getByRole('img').getAttribute('aria-label')) ?? '',
      /^[12] met(, 1 unknown.*)? of 2 samples$/,
    );
    assert.match((await check.innerText()) ?? '', /< 0\.01, every 10 s for 10 s/);
    assert.match((await check.innerText()) ?? '', /[12] samples met < 0\.01, 0 missed it/);
    await check.getByText('Query').click();
    assert.equal(await check.locator('pre').innerText(), errorRatio);
    assert.equal(await check.locator('[data-check-origin]').innerText(), "the environment type's");
    const own = section.locator('li[data-check="request-rate"]');
    assert.equal(await own.getAttribute('data-check-state'), 'passed');
    assert.equal(await own.locator('[data-check-origin]').innerText(), "the service's");
    await screenshot(page, 'release-verification');
    assert.deepEqual(await seriousAccessibilityFindings(page), [], 'accessibility of the checks');
  });

  test("the Overview tab lists the service's own checks and where they apply", async () => {
    const page = await portal.signedIn();
    await page.goto('/services/shop?env=stage');
    const section = page.getByRole('region', { name: 'Checks of its own' });
    await section.waitFor();
    const row = section.locator('tr[data-service-check="request-rate"]');
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, /> 0/);
    assert.match(text, /every 10 s for 10 s/);
    assert.match(text, /verified/);
    assert.deepEqual(await seriousAccessibilityFindings(page), [], 'accessibility of the checks table');
  });
});
