/**
 * The inbox in a real browser, on a real server: an inbox subscription for the signed-in admin,
 * a real event sent to it (the subscription's test event, through the outbox), the header's
 * unread badge picking it up on its own poll while a page is open, the Inbox page listing it,
 * and marking it read taking the badge away.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Portal, screenshot, seriousAccessibilityFindings, startPortal } from './harness.ts';
import { adminApi } from './service-fixtures.ts';

describe('the inbox in the portal', () => {
  let portal: Portal;
  let subscriptionId: string;

  before(async () => {
    portal = await startPortal({ namespacePrefix: 'web-inbox' });
    const api = adminApi(portal);
    const { user } = await api<{ user: { id: string } }>('GET', '/users/admin');
    const created = await api<{ subscription: { id: string } }>('POST', '/notifications/subscriptions', {
      name: 'my inbox',
      channel: 'inbox',
      userId: user.id,
    });
    subscriptionId = created.subscription.id;
  });
  after(async () => {
    await portal?.stop();
  });

  test('an event shows as 1 unread in the header, is listed in the inbox, and marking it read clears the badge', async () => {
    const page = await portal.signedIn();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await page.goto('/inbox');
    await page.getByText('Your inbox is empty').waitFor();
    assert.equal(await page.getByTestId('inbox-unread').count(), 0, 'no badge at 0');
    assert.equal(await nav.getByRole('link', { name: 'Inbox', exact: true }).count(), 1);
    assert.deepEqual(await seriousAccessibilityFindings(page), [], 'accessibility of the empty inbox');

    // The header has asked for the count (0) before the event: what follows comes from its poll.
    const firstCount = page.waitForResponse((r) => r.url().endsWith('/api/v1/inbox/unread-count'));
    await page.goto('/');
    await firstCount;
    await adminApi(portal)('POST', `/notifications/subscriptions/${subscriptionId}/test`);
    // No reload: the header's own poll (every 30 s) brings the count.
    await nav.getByRole('link', { name: 'Inbox 1 unread' }).waitFor({ timeout: 45_000 });
    assert.equal((await page.getByTestId('inbox-unread').innerText()).trim(), '1');

    await nav.getByRole('link', { name: 'Inbox 1 unread' }).click();
    const row = page.getByTestId('inbox').locator('tbody tr');
    await row.first().waitFor();
    assert.equal(await row.count(), 1);
    assert.equal(await row.getAttribute('data-unread'), 'true');
    assert.match(await row.innerText(), /A test of my inbox, sent by admin/);
    assert.match(await row.innerText(), /notification\.test/);
    assert.equal((await page.getByTestId('inbox-summary').innerText()).trim(), '1 unread.');
    await screenshot(page, 'inbox');
    assert.deepEqual(await seriousAccessibilityFindings(page), [], 'accessibility of the inbox with an item');

    await row.getByRole('button', { name: /^Mark read/ }).click();
    await page.locator('tbody tr[data-unread="false"]').waitFor();
    await nav.getByRole('link', { name: 'Inbox', exact: true }).waitFor();
    assert.equal(await page.getByTestId('inbox-unread').count(), 0, 'the badge is gone');
    assert.equal((await page.getByTestId('inbox-summary').innerText()).trim(), 'Nothing unread.');
    assert.equal(await page.getByRole('button', { name: 'Mark all read' }).count(), 0);
    await page.context().close();
  });

  test('"Mark all read" reads every item at once', async () => {
    const api = adminApi(portal);
    await api('POST', '/inbox/read', {}); // whatever the first test left, so the count is this test's own
    await api('POST', `/notifications/subscriptions/${subscriptionId}/test`);
    await api('POST', `/notifications/subscriptions/${subscriptionId}/test`);
    const page = await portal.signedIn();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await page.goto('/inbox');
    await nav.getByRole('link', { name: 'Inbox 2 unread' }).waitFor();
    assert.equal(await page.locator('tbody tr[data-unread="true"]').count(), 2);
    const rows = page.locator('tbody tr');
    assert.ok((await rows.count()) >= 3, 'the read item is listed too');
    assert.deepEqual(
      (await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-unread')))).slice(0, 3),
      ['true', 'true', 'false'],
      'newest first',
    );
    await narrowDark(portal);
    await page.getByRole('button', { name: 'Mark all read' }).click();
    await nav.getByRole('link', { name: 'Inbox', exact: true }).waitFor();
    assert.equal(await page.locator('tbody tr[data-unread="true"]').count(), 0);
    await page.context().close();
  });
});

/** The inbox on a phone in the dark theme: the badge shows, nothing scrolls sideways, no findings. */
async function narrowDark(portal: Portal) {
  const page = await portal.newPage({ colorScheme: 'dark', width: 390 });
  await page.goto('/inbox');
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(portal.server.adminPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('inbox').waitFor();
  assert.ok(await page.getByTestId('inbox-unread').isVisible(), 'the badge shows on a narrow screen');
  await screenshot(page, 'inbox-narrow-dark');
  const overflow = (await page.evaluate(
    '(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)()',
  )) as number;
  assert.ok(overflow <= 1, `the page does not scroll sideways (${overflow}px too wide)`);
  assert.deepEqual(await seriousAccessibilityFindings(page), [], 'accessibility of the inbox at 390px, dark');
  await page.context().close();
}
