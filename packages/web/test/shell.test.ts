/**
 * The portal's frame in a real browser: signing in and out through the session cookie,
 * errors in plain words, deep links served by the server, the theme, accessibility.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Portal, screenshot, seriousAccessibilityFindings, startPortal } from './harness.ts';

describe('portal shell', () => {
  let portal: Portal;
  before(async () => {
    portal = await startPortal({ namespacePrefix: 'web-shell' });
  });
  after(async () => {
    await portal?.stop();
  });

  test('a wrong password is refused in plain words, with the form still usable', async () => {
    const page = await portal.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    assert.equal(await page.title(), 'Sign in · Slipway');
    assert.deepEqual(await seriousAccessibilityFindings(page), []);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Could not sign in/);
    assert.equal(await alert.getAttribute('data-error-code'), 'unauthenticated');
    await screenshot(page, 'sign-in-error');
    await page.context().close();
  });

  test('signing in keeps the session across a reload, and signing out ends it', async () => {
    const page = await portal.signedIn();
    assert.equal(await page.getByTestId('current-user').innerText(), 'Administrator');
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name.endsWith('slipway_session'));
    assert.ok(session?.httpOnly, 'the session cookie is HttpOnly');
    await page.reload();
    await page.getByTestId('current-user').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const status = await page.evaluate(async () => (await fetch('/api/v1/whoami')).status);
    assert.equal(status, 401, 'the session is gone on the server too');
    await page.context().close();
  });

  test('a deep link opens the app at that page; API misses stay JSON errors', async () => {
    const page = await portal.signedIn();
    const response = await page.goto('/no/such/page');
    assert.equal(response?.status(), 200);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    const api = await fetch(`${portal.server.url}/api/v1/no-such-route`, { headers: { accept: 'text/html' } });
    assert.equal(api.status, 404);
    assert.equal(((await api.json()) as { error: { code: string } }).error.code, 'not_found');
    await page.context().close();
  });

  test('built assets are cached for good, the page never is', async () => {
    const page = await portal.newPage();
    const assets: Array<{ url: string; cache: string | undefined }> = [];
    page.on('response', (r) => {
      if (r.url().includes('/assets/')) assets.push({ url: r.url(), cache: r.headers()['cache-control'] });
    });
    const response = await page.goto('/');
    assert.equal(response?.headers()['cache-control'], 'no-cache');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    assert.ok(assets.length > 0);
    for (const a of assets) assert.match(a.cache ?? '', /immutable/, a.url);
    await page.context().close();
  });

  test('the dark theme is chosen, remembered, and passes the accessibility check', async () => {
    const page = await portal.signedIn();
    await page.getByLabel('Theme').selectOption('dark');
    await page.reload();
    await page.getByTestId('current-user').waitFor();
    assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark');
    assert.deepEqual(await seriousAccessibilityFindings(page), []);
    await page.context().close();
  });
});
