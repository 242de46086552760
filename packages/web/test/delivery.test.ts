/**
 * The Delivery page in a real browser, on a real server and the live cluster. The history is
 * the seeded one of packages/server/test/analytics/history.ts (rows whose times lie in past
 * weeks, which no API can back-date), placed four weeks back as `slipway dora`'s test does,
 * plus this week's deploys to production made through the API and rolled out by the engine:
 * one with a commit time that turns healthy, one that crashes. The page must show what
 * GET /analytics/dora answers for the same query, in the words `slipway dora` uses.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isoWeekStart } from '@slipway/core';
import type { Page } from 'playwright-core';
import { formatSeconds } from '../../cli/src/time.ts';
import { seedHistory } from '../../server/test/analytics/history.ts';
import { type Portal, screenshot, seriousAccessibilityFindings, startPortal } from './harness.ts';
import { adminApi, type ReleaseJson, score, settled } from './service-fixtures.ts';

interface Figures {
  deployments: number;
  deploymentsPerDay: number | null;
  leadTime: { medianSeconds: number | null; count: number; withoutCommitTime: number };
  changeFailure: { rate: number | null; changes: number; failed: number };
  timeToRestore: { medianSeconds: number | null; restored: number; open: number };
}
type Bands = Record<'deploymentFrequency' | 'leadTime' | 'changeFailureRate' | 'timeToRestore', string | null>;
interface Answer {
  figures: Figures;
  bands: Bands;
  weeks: Array<{ week: string; figures: Figures }>;
  groups?: Array<{ key: string | null; figures: Figures; bands: Bands }>;
}

const hourMs = 3_600_000;
const service = 'checkout';
const environment = 'checkout-prod';

describe('delivery page', () => {
  let portal: Portal;
  let reviewerToken: string;

  before(async () => {
    portal = await startPortal({ namespacePrefix: 'web-dora' });
    // Day 0 of the history: the Monday four weeks before this week's, so all of it is past.
    await seedHistory(portal.server.db(), new Date(isoWeekStart(new Date()).getTime() - 28 * 86_400_000));
    // The seeded history leaves cart #5 queued: the engine rolls it out now; wait for that.
    await settleAll('cart', 'cart-prod');
    await portal.createUser('reviewer');
    reviewerToken = await portal.server.tokenFor('reviewer');
    const api = adminApi(portal);
    await api('POST', '/environments', {
      name: environment,
      type: 'production',
      // Long enough for the autoscaler production adds to start (its controller syncs every 15 s).
      defaults: { replicas: 1, progressDeadlineSeconds: 30 },
    });
    await api('POST', '/services', { name: service, owner: 'payments' });
    const good = await deployApproved('nginx:1.27', 3);
    assert.equal(good.status, 'healthy', good.message);
    const bad = await deployApproved('nginx:1.27', 1, 'crashloop');
    assert.ok(['failed', 'degraded'].includes(bad.status), `${bad.status}: ${bad.message}`);
    // A failed rollout is rolled back by the engine: the history is complete once that settled too.
    await settleAll(service, environment);
  });
  after(async () => {
    await adminApi(portal)('DELETE', `/environments/${environment}`).catch(() => undefined);
    await portal?.stop();
  });

  /** A deploy to production with a commit made `hoursAgo`, approved by a second person, rolled out. */
  async function deployApproved(image: string, hoursAgo: number, fault?: 'crashloop'): Promise<ReleaseJson> {
    const { release } = await adminApi(portal)<{ release: ReleaseJson }>('POST', '/deploys', {
      environment,
      service,
      workload: score(service, image, '1s', fault),
      commit: `c0ffee${hoursAgo}`,
      commitTime: new Date(Date.now() - hoursAgo * hourMs).toISOString(),
    });
    assert.equal(release.status, 'pending_approval', 'production asks a second person');
    const approved = await fetch(`${portal.server.url}/api/v1/releases/${release.id}/approve`, {
      method: 'POST',
      headers: { authorization: `Bearer ${reviewerToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(approved.status, 200, await approved.text());
    return settled(portal, release.id);
  }

  async function settleAll(name: string, env: string): Promise<void> {
    const { items } = await adminApi(portal)<{ items: ReleaseJson[] }>(
      'GET',
      `/releases?service=${name}&environment=${env}&limit=50`,
    );
    for (const r of items) await settled(portal, r.id);
  }

  const dora = (query: Record<string, string>) =>
    adminApi(portal)<Answer>('GET', `/analytics/dora?${new URLSearchParams(query)}`);

  test('the four figures as tiles: what the API answers, each with its band in words', async () => {
    const page = await portal.signedIn();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Delivery' }).click();
    await page.getByRole('heading', { name: 'Delivery', level: 1 }).waitFor();
    assert.equal(await page.title(), 'Delivery · Slipway');
    const answer = await dora({ weeks: '12' });
    // The API deploys above count: this week has the healthy one and the crashed one.
    assert.ok(answer.figures.leadTime.count >= 1 && answer.figures.changeFailure.failed >= 1);
    await tilesShow(page, answer);
    await screenshot(page, 'delivery');
    assert.deepEqual(await seriousAccessibilityFindings(page), [], 'accessibility of the Delivery page');
    await page.context().close();
  });

  test('a chart per figure, one point per ISO week, gaps where a week has no data', async () => {
    const page = await portal.signedIn();
    await page.goto('/delivery?weeks=12');
    const answer = await dora({ weeks: '12' });
    const charts = {
      deployments: answer.weeks.length,
      leadTime: answer.weeks.filter((w) => w.figures.leadTime.medianSeconds !== null).length,
      changeFailureRate: answer.weeks.filter((w) => w.figures.changeFailure.rate !== null).length,
      timeToRestore: answer.weeks.filter((w) => w.figures.timeToRestore.medianSeconds !== null).length,
    };
    assert.equal(answer.weeks.length, 12);
    for (const [key, values] of Object.entries(charts)) {
      const chart = page.getByTestId(`chart-${key}`);
      await chart.locator('canvas').waitFor();
      await page.locator(`[data-testid="chart-${key}"][data-points="12"][data-values="${values}"]`).waitFor();
      const box = await chart.locator('canvas').boundingBox();
      assert.ok(box && box.width > 100 && box.height > 100, `the ${key} chart has room: ${JSON.stringify(box)}`);
      assert.match((await chart.getAttribute('aria-label')) ?? '', /12 weeks from \d{4}-W\d\d to \d{4}-W\d\d/);
    }
    // Under the chart, the newest week's value; pointing at the first week shows that one's.
    const [oldest, newest] = [answer.weeks[0], answer.weeks.at(-1)];
    assert.ok(oldest && newest);
    assert.notEqual(oldest.figures.deployments, newest.figures.deployments, 'this week has deploys, week 1 none');
    const legend = page.getByTestId('chart-deployments').locator('.u-legend .u-series').nth(1);
    const legendShows = (n: number) => legend.locator('.u-value', { hasText: new RegExp(`^${n}$`) }).waitFor();
    await legendShows(newest.figures.deployments);
    assert.match(await legend.innerText(), /Deployments/);
    const area = await page.getByTestId('chart-deployments').locator('.u-over').boundingBox();
    assert.ok(area);
    await page.mouse.move(area.x + 2, area.y + area.height / 2);
    await legendShows(oldest.figures.deployments);
    // The same numbers as a table, for those who read rather than look.
    await page.getByText('The same as a table').click();
    const rows = page.getByTestId('week-table').locator('tbody tr');
    assert.equal(await rows.count(), 12);
    assert.match(await rows.first().innerText(), new RegExp(`^${newest.week}\\b.*\\t${newest.figures.deployments}\\t`));
    // A window of one week (a link may ask for any 1…104): one point, still drawn.
    await page.goto('/delivery?weeks=1');
    await page.locator('[data-testid="chart-deployments"][data-points="1"][data-values="1"]').waitFor();
    assert.equal(await page.getByLabel('Window').locator('option:checked').innerText(), 'This week');
    await page.context().close();
  });

  test('grouped by service: a row per service with its figures and bands', async () => {
    const page = await portal.signedIn();
    await page.goto('/delivery');
    await page.getByTestId('value-deploymentFrequency').waitFor();
    await page.getByLabel('Group by').selectOption('service');
    await page.waitForURL(/[?&]by=service\b/);
    const table = page.getByTestId('group-table');
    await table.waitFor();
    const answer = await dora({ weeks: '12', groupBy: 'service' });
    const keys = (answer.groups ?? []).map((g) => g.key);
    assert.deepEqual([...keys].sort(), ['cart', 'checkout', 'search', 'shop']);
    const shown = await table.locator('tbody th[scope="row"]').allInnerTexts();
    assert.deepEqual([...shown].sort(), ['cart', 'checkout', 'search', 'shop']);
    for (const g of answer.groups ?? []) {
      const row = table.locator(`tr[data-group="${g.key}"]`);
      const text = await row.innerText();
      assert.ok(text.includes(frequency(g.figures)), `${g.key}: ${text}`);
      assert.ok(text.includes(percentOf(g.figures)), `${g.key}: ${text}`);
      const bands = await row.locator('.badge').evaluateAll((els) => els.map((e) => e.getAttribute('data-band')));
      assert.deepEqual(bands, [
        g.bands.deploymentFrequency ?? 'none',
        g.bands.leadTime ?? 'none',
        g.bands.changeFailureRate ?? 'none',
        g.bands.timeToRestore ?? 'none',
      ]);
    }
    assert.equal(
      await table.getByRole('link', { name: service }).getAttribute('href'),
      `/services/${service}`,
      'a service links to its page',
    );
    await page.context().close();
  });

  test('the filters go into the address and change the figures; the link opens the same view', async () => {
    const page = await portal.signedIn();
    await page.goto('/delivery');
    const all = await dora({ weeks: '12' });
    await tilesShow(page, all);
    await page.getByLabel('Service').selectOption('search');
    await page.getByLabel('Window').selectOption('4');
    await page.waitForURL(
      (url) => url.searchParams.get('service') === 'search' && url.searchParams.get('weeks') === '4',
    );
    const narrowed = await dora({ service: 'search', weeks: '4' });
    // search's own history: #1 (day 11), #2 failed (day 17), #3 (day 18), all in the last 4 weeks.
    assert.deepEqual([narrowed.figures.changeFailure.changes, narrowed.figures.changeFailure.failed], [3, 1]);
    assert.notEqual(narrowed.figures.changeFailure.changes, all.figures.changeFailure.changes);
    await tilesShow(page, narrowed);
    await page.locator('[data-testid="chart-deployments"][data-points="4"]').waitFor();
    // The address is the view: opened afresh, the same filters and figures.
    const link = page.url();
    const other = await portal.signedIn();
    await other.goto(link);
    await tilesShow(other, narrowed);
    assert.equal(await other.getByLabel('Service').inputValue(), 'search');
    assert.equal(await other.getByLabel('Window').inputValue(), '4');
    await other.context().close();
    // Back: the previous view again.
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('weeks') === null);
    await tilesShow(page, await dora({ service: 'search', weeks: '12' }));
    await page.context().close();
  });

  test('no production releases: said in plain words, with how to get some', async () => {
    const page = await portal.signedIn();
    await page.goto('/delivery');
    await page.getByLabel('Environment type').selectOption('development');
    await page.waitForURL(/[?&]envType=development\b/);
    const empty = page.locator('[data-empty]');
    await empty.waitFor();
    assert.match(await empty.innerText(), /No releases to development in the last 12 weeks/);
    assert.match(await empty.innerText(), /slipway deploy --env ENVIRONMENT .*--commit-time/);
    assert.equal(await page.getByTestId('value-deploymentFrequency').count(), 0, 'no tiles of zeros');
    assert.deepEqual(await seriousAccessibilityFindings(page), [], 'accessibility of the empty Delivery page');
    await page.context().close();
  });

  test("a filter naming nobody: the API's refusal, in its words, with the field", async () => {
    const page = await portal.signedIn();
    await page.goto('/delivery?team=nobody');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.equal(await alert.getAttribute('data-error-code'), 'invalid_input');
    assert.match(await alert.innerText(), /The delivery figures could not be computed/);
    assert.match(await alert.innerText(), /team: there is no team named nobody/);
    await page.context().close();
  });

  test('dark theme and a narrow screen', async () => {
    const answer = await dora({ weeks: '12', groupBy: 'team' });
    for (const [name, options] of [
      ['delivery-dark', { colorScheme: 'dark' as const }],
      ['delivery-narrow', { width: 390 }],
    ] as const) {
      const page = await signedInPage(portal, options);
      await page.goto('/delivery?by=team');
      await tilesShow(page, answer);
      await page.getByTestId('group-table').waitFor();
      await page.locator('[data-testid="chart-timeToRestore"][data-points="12"]').waitFor();
      const overflow = (await page.evaluate(
        "(() => { const m = document.getElementById('main'); return m.scrollWidth - m.clientWidth; })()",
      )) as number;
      assert.ok(overflow <= 1, `${name}: nothing is wider than the page's column (${overflow}px too wide)`);
      assert.deepEqual(await seriousAccessibilityFindings(page), [], `accessibility of ${name}`);
      await screenshot(page, name);
      await page.context().close();
    }
  });
});

async function signedInPage(portal: Portal, options: { colorScheme?: 'dark'; width?: number }): Promise<Page> {
  const page = await portal.newPage(options);
  await page.goto('/');
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(portal.server.adminPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('current-user').waitFor();
  return page;
}

/** Waits until the four tiles show the answer's figures and bands (the page may still be loading). */
async function tilesShow(page: Page, answer: Answer): Promise<void> {
  const f = answer.figures;
  const expected: Array<[keyof Bands, string, RegExp]> = [
    ['deploymentFrequency', frequency(f), new RegExp(`\\b${f.deployments} deployments?\\b`)],
    ['leadTime', duration(f.leadTime.medianSeconds), new RegExp(`\\b${f.leadTime.count} with a commit time`)],
    [
      'changeFailureRate',
      percentOf(f),
      new RegExp(`\\b${f.changeFailure.failed} of ${f.changeFailure.changes} changes`),
    ],
    ['timeToRestore', duration(f.timeToRestore.medianSeconds), new RegExp(`\\b${f.timeToRestore.restored} restored`)],
  ];
  for (const [key, value, counted] of expected) {
    const band = answer.bands[key];
    const tile = page.locator(`li[data-figure="${key}"][data-band="${band ?? 'none'}"]`);
    await tile.locator(`[data-testid="value-${key}"]`, { hasText: new RegExp(`^${escapeRegExp(value)}$`) }).waitFor();
    const text = await tile.innerText();
    assert.match(text, counted, `${key}: ${text}`);
    // The band in words, not colour alone.
    assert.match(text, band ? new RegExp(`\\b${band}\\b`, 'i') : /No data/, `${key}: ${text}`);
  }
}

// The figures in the words `slipway dora` prints (packages/cli/src/commands/dora.ts).
const round = (n: number) => String(Math.round(n * 10) / 10);
const duration = (seconds: number | null) => (seconds === null ? '—' : formatSeconds(seconds));
const percentOf = (f: Figures) => (f.changeFailure.rate === null ? '—' : `${round(f.changeFailure.rate * 100)}%`);
function frequency(f: Figures): string {
  if (f.deploymentsPerDay === null) return '—';
  return f.deploymentsPerDay >= 1 ? `${round(f.deploymentsPerDay)}/day` : `${round(f.deploymentsPerDay * 7)}/week`;
}
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
