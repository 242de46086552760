/**
 * A developer's whole journey through the portal, in one real browser against a real server,
 * database and local cluster: sign in → create a service from the Node.js golden path (its
 * repository pushed to a bare Git repository, its first deploy to development) → watch it turn
 * Healthy live → promote it to production, approved by a second person → ship a new image to
 * development and roll it back. Every step is done on the pages, none through the API; the
 * API only sets the stage (two environments, a team, a reviewer).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { deleteNamespacesWithPrefix, liveKubeconfig } from '../../cli/test/harness.ts';
import { type Portal, screenshot, seriousAccessibilityFindings, startPortal } from './harness.ts';
import { adminApi } from './service-fixtures.ts';

const prefix = 'webjourney';
const service = 'journey';

/** The live panel's release line: number and status as the page shows them now. */
const liveRelease = (page: Page, number: number, status: string) =>
  page.locator(`[data-testid="live-release"]:has(strong:text-is("Release #${number}")) [data-status="${status}"]`);

async function accessible(page: Page, where: string) {
  assert.deepEqual(await seriousAccessibilityFindings(page), [], `accessibility of ${where}`);
}

describe('the journey: create, deploy, watch, promote with approval, roll back', () => {
  let portal: Portal;
  let work: string;
  let repoUrl: string;
  let page: Page;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'slipway-journey-'));
    const repo = join(work, `${service}.git`);
    execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', repo]);
    repoUrl = pathToFileURL(repo).href;
    portal = await startPortal({ namespacePrefix: prefix, allowFileUrls: true });
    const api = adminApi(portal);
    await api('POST', '/environments', { name: 'dev', type: 'development', defaults: { replicas: 2 } });
    await api('POST', '/environments', { name: 'prod', type: 'production', defaults: { replicas: 1 } });
    await api('POST', '/teams', { name: 'web' });
    await api('PUT', '/teams/web/members/admin');
  });
  after(async () => {
    await portal?.stop();
    rmSync(work, { recursive: true, force: true });
    await deleteNamespacesWithPrefix(liveKubeconfig(), prefix);
  });

  test('sign in and create the service from the Node.js golden path, deployed to development', async () => {
    page = await portal.signedIn();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Create', exact: true }).click();
    await page.getByRole('article', { name: 'Node.js HTTP service' }).getByRole('link').click();
    await page.getByRole('heading', { name: /The service/ }).waitFor();
    await page.getByLabel('Name').fill(service);
    await page.getByLabel('Owner').fill('web');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: /Where it lives/ }).waitFor();
    await page.getByLabel('Repository').fill(repoUrl);
    await page.getByLabel('First environment').fill('dev');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: /Review and create/ }).waitFor();
    await screenshot(page, 'journey-1-review');
    await page.getByRole('button', { name: 'Create', exact: true }).click();

    const outcome = page.getByRole('region', { name: `Created ${service}` });
    await outcome.waitFor({ timeout: 90_000 });
    assert.equal(await page.getByTestId('step-deploy').getAttribute('data-status'), 'succeeded');
    await accessible(page, 'the finished run');
    await screenshot(page, 'journey-2-created');
    await outcome.getByRole('link', { name: `Open the service ${service}` }).click();
    await page.getByRole('heading', { name: service, level: 1 }).waitFor();
  });

  test('watch the first release turn Healthy live', async () => {
    await page.getByRole('tab', { name: 'Live' }).click();
    await liveRelease(page, 1, 'healthy').waitFor({ timeout: 60_000 });
    await page.locator('[data-pod][data-ready="true"]').nth(1).waitFor();
    await accessible(page, 'the live panel');
    await screenshot(page, 'journey-3-healthy');
  });

  test('promote to production; a second person approves; it turns Healthy there', async () => {
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.locator('tr[data-environment="dev"]').getByRole('button', { name: 'Promote…' }).click();
    const dialog = page.getByRole('dialog', { name: `Promote ${service}` });
    await dialog.getByLabel('To').selectOption('prod');
    await dialog.getByText(/Needs approval/).waitFor();
    await dialog.getByRole('button', { name: 'Promote to prod' }).click();
    await page.locator('tr[data-environment="prod"] [data-release-status="pending_approval"]').waitFor();
    await screenshot(page, 'journey-4-pending');

    const reviewer = await portal.createUser('reviewer');
    const second = await portal.signedIn(reviewer.username, reviewer.password);
    // The reviewer finds it where it asks for them: Home, under "Needs you".
    await second
      .getByRole('link', { name: /Review/ })
      .first()
      .click();
    await second.getByRole('heading', { name: service, level: 1 }).waitFor();
    await second.goto(`/services/${service}/releases?env=prod`);
    await second.locator('.notice.warn').getByRole('button', { name: 'Approve #1…' }).click();
    const approve = second.getByRole('dialog', { name: `Approve release #1 of ${service} in prod` });
    await approve.getByRole('button', { name: 'Approve and roll out #1' }).click();
    await second
      .getByTestId('outcome')
      .getByText(/You approved release #1/)
      .waitFor();
    await second.context().close();

    // The developer's page hears of it without a reload.
    await page.getByRole('tab', { name: 'Live' }).click();
    await page.getByLabel('Environment').selectOption('prod');
    await liveRelease(page, 1, 'healthy').waitFor({ timeout: 60_000 });
    await screenshot(page, 'journey-5-prod-healthy');
  });

  test('ship a new image to development, then roll it back', async () => {
    await page.getByLabel('Environment').selectOption('dev');
    await page.getByRole('button', { name: 'Deploy…' }).first().click();
    const dialog = page.getByRole('dialog', { name: `Deploy ${service}` });
    await dialog.getByLabel('Environment').selectOption('dev');
    await dialog.getByLabel('Image', { exact: true }).fill('ghcr.io/slipway-dev/node-hello:2');
    await dialog.getByRole('button', { name: 'Deploy to dev' }).click();
    await liveRelease(page, 2, 'healthy').waitFor({ timeout: 60_000 });

    await page.getByRole('button', { name: 'Roll back dev…' }).click();
    const rollback = page.getByRole('dialog', { name: `Roll back ${service} in dev` });
    assert.match(await rollback.getByTestId('what-changes').innerText(), /returns to release #1/);
    await rollback.getByRole('button', { name: 'Roll back to #1' }).click();
    await liveRelease(page, 3, 'healthy').waitFor({ timeout: 60_000 });
    assert.match(await page.getByTestId('live-release').innerText(), /node-hello:1/);
    await accessible(page, 'the live panel after the rollback');
    await screenshot(page, 'journey-6-rolled-back');
    await page.context().close();
  });
});
