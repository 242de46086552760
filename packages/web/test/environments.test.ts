/**
 * The Environments pages in a real browser against a real server and the local cluster:
 * the list, the create form (a bad name refused at the field), an environment's page with
 * the services deployed in it, and clone, pause, resume and delete, each confirmed in a
 * dialog that says what will change. The tests run in order and build on each other.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { deleteNamespacesWithPrefix, liveKubeconfig } from '../../cli/test/harness.ts';
import { type Portal, screenshot, seriousAccessibilityFindings, startPortal } from './harness.ts';
import { adminApi } from './service-fixtures.ts';

const prefix = 'webenvs';

const score = `apiVersion: score.dev/v1b1
metadata:
  name: web
containers:
  web:
    image: nginx:1.27
service:
  ports:
    http:
      port: 80
      targetPort: 80
`;

describe('environments pages', () => {
  let portal: Portal;

  // Setup through the API as the first admin; paths below /api/v1.
  const apiCall = (method: string, path: string, body?: unknown) => adminApi(portal)(method, path, body);

  /** Signs in through the form on a page of one's own (a dark or narrow one, say). */
  const signIn = async (page: Page, path: string) => {
    await page.goto(path);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(portal.server.adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('current-user').waitFor();
  };

  const dialog = (page: Page) => page.getByRole('dialog');

  before(async () => {
    portal = await startPortal({ namespacePrefix: prefix });
    await apiCall('POST', '/teams', { name: 'payments', displayName: 'Payments' });
    await apiCall('POST', '/environments', { name: 'seed', type: 'development', owner: 'payments' });
    await apiCall('POST', '/deploys', { environment: 'seed', service: 'web', workload: score });
    // A pull request's preview: made by the GitHub webhook in real life; here its origin is
    // written as the preview service writes it (no API sets an origin).
    await apiCall('POST', '/environments', { name: 'pr-42', type: 'development', ttlSeconds: 3 * 86_400 });
    const origin = {
      kind: 'preview',
      source: 'shop',
      repository: 'acme/shop',
      number: 42,
      headSha: '0123456789abcdef0123456789abcdef01234567',
      url: 'https://github.com/acme/shop/pull/42',
      base: 'seed',
    };
    await portal.server
      .db()
      .updateTable('environments')
      .set({ origin: JSON.stringify(origin) } as never)
      .where('name', '=', 'pr-42')
      .execute();
  });
  after(async () => {
    await portal?.stop();
    await deleteNamespacesWithPrefix(liveKubeconfig(), prefix);
  });

  test('the form refuses a bad name at the field, then creates the environment', async () => {
    const page = await portal.signedIn();
    await page.goto('/environments');
    const table = page.getByRole('table', { name: 'Environments' });
    const seed = table.getByRole('row').filter({ hasText: 'seed' });
    await seed.waitFor();
    assert.equal(await page.title(), 'Environments · Slipway');
    assert.match(await seed.innerText(), /development[\s\S]*default[\s\S]*payments[\s\S]*active[\s\S]*Made by hand/);
    const preview = table.getByRole('row').filter({ hasText: 'pr-42' });
    assert.match(await preview.innerText(), /in 3 days[\s\S]*Preview[\s\S]*pull request #42[\s\S]*acme\/shop/);
    assert.equal(
      await preview.getByRole('link', { name: 'pull request #42 of acme/shop (opens GitHub)' }).getAttribute('href'),
      'https://github.com/acme/shop/pull/42',
    );

    await page.getByRole('button', { name: 'New environment' }).click();
    const form = page.getByRole('form', { name: 'New environment' });
    await form.getByLabel('Type').selectOption('development');
    await form.getByLabel('Name').fill('Bad_Name');
    await form.getByRole('button', { name: 'Create environment' }).click();
    await form.getByRole('alert').waitFor();
    const name = form.getByLabel('Name');
    assert.equal(await name.getAttribute('aria-invalid'), 'true');
    assert.ok((await page.locator('#env-name-error').innerText()).length > 0);
    assert.match((await name.getAttribute('aria-describedby')) ?? '', /env-name-error/);
    assert.deepEqual(await seriousAccessibilityFindings(page), []);

    await name.fill('alpha');
    await form.getByLabel('Owning team').selectOption('payments');
    await form.getByLabel('Lifetime').selectOption({ label: '1 day' });
    await form.getByLabel(/on a schedule/).check();
    await form.getByLabel('Time zone').fill('Europe/Paris');
    await form.getByRole('button', { name: 'Create environment' }).click();
    await page.waitForURL(/\/environments\/alpha$/);
    await page
      .getByRole('status')
      .filter({ hasText: `Created alpha: namespace ${prefix}-alpha on cluster default.` })
      .waitFor();
    const details = page.getByRole('region', { name: 'Details' });
    assert.match(await details.innerText(), /Owner\s+payments/);
    assert.match(await details.innerText(), /Expires\s+(tomorrow|in 2[34] hours)/);
    const schedule = page.getByRole('region', { name: 'Schedule' });
    assert.match(await schedule.innerText(), /Pauses at\s+0 20 \* \* 1-5[\s\S]*Europe\/Paris/);

    await page.goto('/environments');
    await table.getByRole('link', { name: 'alpha' }).waitFor();
    assert.match(
      await table.getByRole('row').filter({ hasText: 'alpha' }).innerText(),
      /on a schedule[\s\S]*(tomorrow|in 2[34] hours)/,
    );
    assert.deepEqual(await seriousAccessibilityFindings(page), []);
    await screenshot(page, 'environments');
    await page.context().close();
  });

  test("an environment's page shows its details and services; clone says what it copies, and copies it", async () => {
    const page = await portal.signedIn();
    await page.goto('/environments/seed');
    await page.getByRole('heading', { level: 1, name: 'seed' }).waitFor();
    const services = page.getByRole('table', { name: 'Services deployed in seed' });
    const web = services.getByRole('row').filter({ hasText: 'web' });
    await web.getByText('healthy', { exact: true }).waitFor({ timeout: 90_000 });
    assert.match(await web.innerText(), /#1[\s\S]*nginx:1\.27/);
    assert.equal(await web.getByRole('link', { name: 'web' }).getAttribute('href'), '/services/web');
    const defaults = page.getByRole('table', { name: 'Defaults and overrides' });
    assert.match(await defaults.innerText(), /replicas/);
    assert.match(await page.getByRole('region', { name: 'Details' }).innerText(), /Namespace\s+webenvs-seed/);
    assert.deepEqual(await seriousAccessibilityFindings(page), []);
    await screenshot(page, 'environment');

    await page.getByRole('button', { name: 'Clone' }).click();
    const clone = dialog(page);
    await clone.waitFor();
    assert.match(await clone.innerText(), /current release of each of its 1 service: web/);
    assert.match(await clone.innerText(), /seed itself does not change/);
    assert.deepEqual(await seriousAccessibilityFindings(page), []);
    // A name the server refuses is shown at the field, in the dialog.
    await clone.getByLabel('Name of the new environment').fill('Not A Name');
    await clone.getByRole('button', { name: 'Clone' }).click();
    await clone.getByRole('alert').waitFor();
    assert.equal(await clone.getByLabel('Name of the new environment').getAttribute('aria-invalid'), 'true');
    await clone.getByLabel('Name of the new environment').fill('seed-copy');
    await clone.getByText('Deploy other images (optional)').click();
    await clone.getByLabel('Image of web').fill('nginx:1.28');
    await clone.getByRole('button', { name: 'Clone' }).click();
    await page.waitForURL(/\/environments\/seed-copy$/);
    await page.getByRole('status').filter({ hasText: 'Cloned seed into seed-copy: 1 service deployed.' }).waitFor();
    assert.equal(await dialog(page).count(), 0, 'the dialog is gone');
    const copied = page
      .getByRole('table', { name: 'Services deployed in seed-copy' })
      .getByRole('row')
      .filter({ hasText: 'web' });
    await copied.waitFor();
    assert.match(await copied.innerText(), /nginx:1\.28/);
    const details = page.getByRole('region', { name: 'Details' });
    assert.match(await details.innerText(), /Owner\s+payments[\s\S]*Origin\s+Clone of\s+seed/);
    assert.equal(await details.getByRole('link', { name: 'seed' }).getAttribute('href'), '/environments/seed');
    await page.context().close();
  });

  test('pause and resume say what happens to the workloads, and do it', async () => {
    const page = await portal.newPage({ colorScheme: 'dark' });
    await signIn(page, '/environments/seed-copy');
    await page.getByRole('heading', { level: 1, name: 'seed-copy' }).waitFor();
    await page
      .getByRole('table', { name: 'Services deployed in seed-copy' })
      .getByText('healthy', { exact: true })
      .waitFor({ timeout: 90_000 });

    await page.getByRole('button', { name: 'Pause' }).click();
    const pause = dialog(page);
    assert.match(await pause.innerText(), /scale to zero replicas and its CronJobs are suspended/);
    assert.match(await pause.innerText(), /Nothing is deleted/);
    await pause.getByRole('button', { name: 'Pause' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Paused seed-copy: 1 workload scaled to zero, 0 CronJobs suspended.' })
      .waitFor();
    await page.getByRole('heading', { level: 1, name: 'seed-copy' }).waitFor();
    await page.locator('.page-header + .notice, .notice.warn').filter({ hasText: 'Paused' }).first().waitFor();
    assert.equal(
      await page.getByRole('region', { name: 'Details' }).locator('[data-status]').getAttribute('data-status'),
      'paused',
    );
    assert.deepEqual(await seriousAccessibilityFindings(page), []);
    await screenshot(page, 'environment-dark');

    await page.getByRole('button', { name: 'Resume' }).click();
    const resume = dialog(page);
    assert.match(await resume.innerText(), /scale back to the replicas they had before the pause/);
    await resume.getByRole('button', { name: 'Resume' }).click();
    await page.getByRole('status').filter({ hasText: 'Resumed seed-copy: 1 workload scaled back up' }).waitFor();
    await page.getByRole('button', { name: 'Pause' }).waitFor();
    assert.equal(
      await page.getByRole('region', { name: 'Details' }).locator('[data-status]').getAttribute('data-status'),
      'active',
    );
    await page.context().close();
  });

  test('delete asks for the name, says what is removed, and the environment goes', async () => {
    const page = await portal.newPage({ width: 390 });
    await signIn(page, '/environments/seed-copy');
    await page.getByRole('heading', { level: 1, name: 'seed-copy' }).waitFor();
    await page
      .getByRole('table', { name: 'Services deployed in seed-copy' })
      .getByRole('row')
      .filter({ hasText: 'web' })
      .waitFor();
    await page.getByRole('button', { name: 'Delete' }).click();
    const confirm = dialog(page);
    assert.match(await confirm.innerText(), /removes namespace webenvs-seed-copy on cluster default/);
    assert.match(await confirm.innerText(), /its 1 service \(web\)/);
    assert.match(await confirm.innerText(), /releases stay as history/);
    await confirm.getByRole('button', { name: 'Delete for good' }).click();
    assert.equal(await page.locator('#delete-confirm-name-error').innerText(), 'Type seed-copy exactly to confirm.');
    assert.deepEqual(await seriousAccessibilityFindings(page), []);
    await confirm.getByLabel('Type seed-copy to confirm').fill('seed-copy');
    await confirm.getByRole('button', { name: 'Delete for good' }).click();
    await page.waitForURL(/\/environments$/);
    await page.getByRole('status').filter({ hasText: 'Deleting seed-copy' }).waitFor();
    await screenshot(page, 'environments-narrow');
    // The list follows the deletion until the environment is gone.
    // On a narrow screen the list is cards (the table is hidden).
    const cards = page.getByRole('list', { name: 'Environments' });
    assert.equal(await page.getByRole('table', { name: 'Environments' }).count(), 0);
    await cards.getByRole('link', { name: 'alpha', exact: true }).waitFor();
    await cards.getByRole('link', { name: 'seed-copy', exact: true }).waitFor({ state: 'detached', timeout: 90_000 });
    assert.deepEqual(await seriousAccessibilityFindings(page), []);
    const gone = await fetch(`${portal.server.url}/api/v1/environments/seed-copy`, {
      headers: { authorization: `Bearer ${portal.server.adminToken}` },
    });
    assert.equal(gone.status, 404);
    await page.context().close();
  });
});
