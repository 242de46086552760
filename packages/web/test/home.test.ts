/**
 * Home in a real browser: first steps on an empty installation; then a service deployed to
 * dev and promoted to prod (waiting for approval), as a second person sees it: the service
 * with its environments' health, "Needs you" with the approval, recent deployments.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { type Portal, screenshot, seriousAccessibilityFindings, startPortal } from './harness.ts';
import { adminApi, cleanUp, deploy, settled, setUpService } from './service-fixtures.ts';

const service = 'cart';

async function noSeriousFindings(page: Page, where: string) {
  assert.deepEqual(await seriousAccessibilityFindings(page), [], `accessibility of ${where}`);
}

describe('home page', () => {
  let portal: Portal;
  let reviewer: { username: string; password: string };

  before(async () => {
    portal = await startPortal({ namespacePrefix: 'web-home' });
  });
  after(async () => {
    await cleanUp(portal);
    await portal?.stop();
  });

  test('with no service yet, Home says where to start: a template', async () => {
    const page = await portal.signedIn();
    await page.getByRole('heading', { name: 'Start with your first service' }).waitFor();
    const create = page.getByRole('link', { name: 'Create a service from a template' });
    assert.equal(await create.getAttribute('href'), '/create');
    await noSeriousFindings(page, 'Home, empty');
    await screenshot(page, 'home-empty');
    await page.context().close();
  });

  test('Home shows the service, its environments, and the approval that needs the second person', async () => {
    await setUpService(portal, service, 'payments');
    const first = await settled(portal, (await deploy(portal, service, 'dev', 'nginx:1.27')).id);
    assert.equal(first.status, 'healthy', first.message);
    const promotion = await adminApi(portal)<{ release: { status: string } }>('POST', '/promotions', {
      service,
      from: 'dev',
      to: 'prod',
    });
    assert.equal(promotion.release.status, 'pending_approval');
    reviewer = await portal.createUser('carol');

    const page = await portal.signedIn(reviewer.username, reviewer.password);
    await page.getByRole('heading', { name: 'Home', level: 1 }).waitFor();
    const card = page.locator(`article[data-service="${service}"]`);
    await card.locator('li[data-environment="dev"] [data-status="healthy"]').waitFor();
    await card.locator('li[data-environment="prod"] [data-status="pending_approval"]').waitFor();
    assert.match(await card.innerText(), /team payments/);

    const needs = page.locator('[data-needs="approve"]');
    await needs.waitFor();
    assert.match(await needs.innerText(), /cart #1 in prod — nginx:1\.27, asked by admin/);
    const review = needs.getByRole('link', { name: 'Review cart #1' });
    assert.equal(await review.getAttribute('href'), `/services/${service}?env=prod`);

    const recent = page.getByRole('table');
    await recent.getByRole('link', { name: service }).first().waitFor();
    assert.match(await recent.innerText(), /dev\s+#1 nginx:1\.27\s+healthy\s+admin/);

    await noSeriousFindings(page, 'Home');
    await screenshot(page, 'home');

    await review.click();
    await page.getByRole('heading', { name: service, level: 1 }).waitFor();
    await page.locator('tr[data-environment="prod"] [data-release-status="pending_approval"]').waitFor();
    await page.context().close();
  });

  test('the one who asked sees it waiting for someone else, not as theirs to approve', async () => {
    const page = await portal.signedIn();
    await page.locator('[data-needs="waiting"]').waitFor();
    assert.equal(await page.locator('[data-needs="approve"]').count(), 0);
    // The admin belongs to the owning team: the service is theirs.
    await page.getByRole('heading', { name: 'Your services', exact: true }).waitFor();
    await page.locator(`article[data-service="${service}"]`).waitFor();
    await page.context().close();
  });

  test('a rollout of my service that failed needs me, with its reason', async () => {
    const api = adminApi(portal);
    await api('POST', '/environments', {
      name: 'qa',
      type: 'development',
      defaults: { replicas: 1, progressDeadlineSeconds: 8 },
    });
    const crash = await settled(portal, (await deploy(portal, service, 'qa', 'nginx:1.27', 'crashloop')).id);
    assert.ok(['degraded', 'failed'].includes(crash.status), `${crash.status}: ${crash.message}`);
    const page = await portal.signedIn();
    const broken = page.locator('[data-needs="broken"]');
    await broken.waitFor();
    assert.match(await broken.innerText(), /cart #1 in qa — nginx:1\.27: .*crash/i);
    assert.equal(
      await broken.getByRole('link', { name: 'Look at cart in qa' }).getAttribute('href'),
      `/services/${service}/live?env=qa`,
    );
    await noSeriousFindings(page, 'Home with a failed rollout');
    await page.context().close();
  });

  test('dark theme and a narrow screen', async () => {
    const dark = await portal.newPage({ colorScheme: 'dark' });
    await signIn(dark, reviewer);
    await dark.locator('[data-needs="approve"]').waitFor();
    await noSeriousFindings(dark, 'Home in the dark theme');
    await screenshot(dark, 'home-dark');
    await dark.context().close();

    const narrow = await portal.newPage({ width: 390 });
    await signIn(narrow, reviewer);
    await narrow.locator('[data-needs="approve"]').waitFor();
    await narrow.locator(`article[data-service="${service}"] li[data-environment="prod"]`).waitFor();
    // The page's own content fits its column (the shell around it is the layout's concern).
    const overflow = (await narrow.evaluate(
      "(() => { const m = document.getElementById('main'); return m.scrollWidth - m.clientWidth; })()",
    )) as number;
    assert.ok(overflow <= 1, `nothing is wider than the page's column (${overflow}px too wide)`);
    await noSeriousFindings(narrow, 'Home at 390px');
    await screenshot(narrow, 'home-narrow');
    await narrow.context().close();
  });
});

async function signIn(page: Page, user: { username: string; password: string }) {
  await page.goto('/');
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('current-user').waitFor();
}
