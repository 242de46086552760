/**
 * Scorecards in a real browser, on a real server: a service's Scorecards tab (its level, score,
 * rules with what to do, the score's history as a chart) and the grid of services × rules with
 * its team filter. The service moves from no level to bronze when it gets an owner, so its
 * history holds two results.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Portal, screenshot, seriousAccessibilityFindings, startPortal } from './harness.ts';
import { adminApi } from './service-fixtures.ts';

const card = {
  title: 'Basics',
  levels: ['bronze', 'silver'],
  rules: [
    {
      id: 'owned',
      title: 'A team owns it',
      level: 'bronze',
      expression: 'facts.owner != null',
      remedy: 'Set an owner.',
    },
    {
      id: 'documented',
      title: 'It has docs',
      level: 'silver',
      expression: 'facts.docsPresent',
      remedy: 'Add a docs/ folder next to catalog-info.yaml.',
    },
  ],
};

describe('scorecards in the portal', () => {
  let portal: Portal;

  before(async () => {
    portal = await startPortal({ namespacePrefix: 'web-score' });
    const api = adminApi(portal);
    await api('POST', '/teams', { name: 'payments' });
    await api('POST', '/services', { name: 'ledger' });
    await api('PUT', '/scorecards/basics', card);
    await api('POST', '/scorecards/basics/evaluate', { service: 'ledger' });
    await api('PATCH', '/services/ledger', { owner: 'payments' });
    await api('POST', '/scorecards/basics/evaluate', { service: 'ledger' });
  });
  after(async () => {
    await portal?.stop();
  });

  test("a service's tab shows its level, the failed rule with what to do, and the score's history", async () => {
    const page = await portal.signedIn();
    await page.goto('/services/ledger/scorecards');
    const section = page.locator('[data-scorecard="basics"]');
    await section.waitFor();
    assert.equal(await section.locator('[data-level]').getAttribute('data-level'), 'bronze');
    assert.equal((await section.getByTestId('score').textContent())?.trim(), '50%');
    const documented = section.locator('[data-rule="documented"]');
    assert.equal(await documented.getAttribute('data-status'), 'fail');
    assert.match(
      (await documented.textContent()) ?? '',
      /What to do: Add a docs\/ folder next to catalog-info\.yaml\./,
    );
    assert.equal(await section.locator('[data-rule="owned"]').getAttribute('data-status'), 'pass');
    await page.getByTestId('score-history-basics').waitFor();
    await screenshot(page, 'service-scorecards');
    assert.deepEqual(await seriousAccessibilityFindings(page), [], 'accessibility of the Scorecards tab');
  });

  test('the grid shows services × rules with their level, filtered by team', async () => {
    const page = await portal.signedIn();
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Scorecards' }).click();
    const row = page.getByTestId('scorecard-grid').locator('tr[data-service="ledger"]');
    await row.waitFor();
    assert.equal(await row.locator('[data-level]').getAttribute('data-level'), 'bronze');
    assert.equal(await row.locator('td[data-rule="owned"]').getAttribute('data-status'), 'pass');
    assert.equal(await row.locator('td[data-rule="documented"]').getAttribute('data-status'), 'fail');
    await page.getByLabel('Team').fill('search');
    await page.getByText('No services match.').waitFor();
    await page.getByLabel('Team').fill('payments');
    await row.waitFor();
    assert.match(page.url(), /team=payments/);
    await screenshot(page, 'scorecards-grid');
    assert.deepEqual(await seriousAccessibilityFindings(page), [], 'accessibility of the Scorecards page');
  });
});
