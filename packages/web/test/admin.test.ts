/**
 * The admin area in a real browser against a real server: clusters (a refused kubeconfig,
 * then the live cluster), environment types, access (teams, users, role bindings), API
 * tokens, the audit log and its chain, provisioners and policies, and what a user without
 * any role sees. Every section passes the accessibility check.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { minifyKubeconfig } from '@slipway/core';
import type { Page } from 'playwright-core';
import { type Portal, screenshot, seriousAccessibilityFindings, startPortal } from './harness.ts';

/** The live cluster's kubeconfig as a person pastes it: one context, certificates inline. */
function liveKubeconfig(): string {
  const path = process.env.SLIPWAY_TEST_KUBECONFIG;
  assert.ok(path, 'SLIPWAY_TEST_KUBECONFIG is not set (source /tmp/testenv.sh)');
  return minifyKubeconfig(readFileSync(path, 'utf8'), {
    readFile: (file) => readFileSync(resolve(dirname(path), file)),
  }).text;
}

describe('portal admin area', () => {
  let portal: Portal;
  let page: Page;
  const apiGet = async (path: string, token = portal.server.adminToken) => {
    const res = await fetch(`${portal.server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const accessible = async (what: string) => assert.deepEqual(await seriousAccessibilityFindings(page), [], what);
  const heading = (name: string) => page.getByRole('heading', { level: 1, name });
  const actionsShown = async () =>
    Promise.all((await page.getByTestId('audit-entry').all()).map((row) => row.getAttribute('data-action')));

  before(async () => {
    portal = await startPortal({ namespacePrefix: 'web-admin' });
    // One signed-in page for the admin's tests: sign-ins are rate limited per user.
    page = await portal.signedIn();
  });
  after(async () => {
    await portal?.stop();
  });

  test('clusters: a bad kubeconfig is refused next to the field; the live cluster registers with its version', async () => {
    await page.goto('/admin');
    await heading('Clusters').waitFor();
    assert.match(page.url(), /\/admin\/clusters$/);
    await page.getByTestId('cluster-default').waitFor();
    await page.getByRole('button', { name: 'Register a cluster' }).click();
    await page.getByLabel('Name', { exact: true }).fill('broken');
    await page.getByLabel('Kubeconfig', { exact: true }).fill('this is not a kubeconfig, only a sentence: [unclosed');
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    const kubeconfig = page.getByLabel('Kubeconfig', { exact: true });
    await page.locator('#cluster-kubeconfig-error').waitFor();
    assert.equal(await kubeconfig.getAttribute('aria-invalid'), 'true');
    assert.match((await kubeconfig.getAttribute('aria-describedby')) ?? '', /cluster-kubeconfig-error/);
    assert.match(await page.getByRole('alert').innerText(), /The cluster was not registered/);
    await accessible('clusters, with a refused kubeconfig');

    await page.getByLabel('Name', { exact: true }).fill('live-test');
    await kubeconfig.fill(liveKubeconfig());
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    const row = page.getByTestId('cluster-live-test');
    await row.waitFor();
    assert.match(await row.innerText(), /healthy/);
    assert.match(await row.innerText(), /v1\.\d+/, 'listed with its Kubernetes version');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/clusters/live-test/check') && r.status() === 200),
      row.getByRole('button', { name: 'Check now live-test' }).click(),
    ]);
    assert.match(await row.innerText(), /healthy/);
    await accessible('clusters');
    await screenshot(page, 'admin-clusters');

    // Deleting asks first, saying what depends on it.
    await row.getByRole('button', { name: 'Delete live-test' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete cluster live-test?' });
    await dialog.getByText('No environment depends on it.').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await row.count(), 1, 'still registered');

    const narrow = await portal.newPage({ width: 390 });
    await narrow.context().addCookies(await page.context().cookies());
    await narrow.goto('/admin/clusters');
    await narrow.getByTestId('cluster-live-test').waitFor();
    await screenshot(narrow, 'admin-clusters-narrow');
    await narrow.context().close();
  });

  test('environment types: a wrong value is named next to its field; an edit is saved through the API', async () => {
    await page
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'Environment types' })
      .click();
    await heading('Environment types').waitFor();
    await page.getByRole('link', { name: 'staging' }).waitFor();
    await accessible('environment types');
    await screenshot(page, 'admin-environment-types');

    await page.getByRole('link', { name: 'staging' }).click();
    await heading('Environment type staging').waitFor();
    await page.getByLabel('Replicas', { exact: true }).fill('-1');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('#type-replicas-error').waitFor();
    assert.equal(await page.getByLabel('Replicas', { exact: true }).getAttribute('aria-invalid'), 'true');

    await page.getByLabel('Replicas', { exact: true }).fill('2');
    await page.getByLabel('Description').fill('Staging, edited in the portal');
    await page.getByLabel('require-readiness-probe').check();
    await page.getByLabel('Releases need approval by a second person').check();
    await page.getByLabel('Least role to deploy').selectOption('maintainer');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await accessible('environment type editor');
    await screenshot(page, 'admin-environment-type-editor');

    const { body } = await apiGet('/environment-types/staging');
    const type = body.type as Record<string, unknown>;
    assert.equal(type.description, 'Staging, edited in the portal');
    assert.deepEqual(type.policies, ['no-latest-tag', 'require-readiness-probe']);
    assert.equal(type.requiresApproval, true);
    assert.deepEqual(type.access, { deploy: 'maintainer' });
    assert.equal((type.defaults as { replicas: number }).replicas, 2);
  });

  test('access: a team, a user and a role binding; the last admin binding is kept, in words', async () => {
    await page.goto('/admin/access');
    await heading('Access').waitFor();
    await page.getByLabel('Team name').fill('payments');
    await page.getByLabel('Display name', { exact: true }).first().fill('Payments team');
    await page.getByRole('button', { name: 'Create team' }).click();
    const team = page.getByTestId('team-payments');
    await team.waitFor();

    await page.getByLabel('Username', { exact: true }).first().fill('dana');
    await page.locator('#user-display').fill('Dana Developer');
    await page.getByLabel('Password').fill('a long password for dana');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByTestId('user-dana').waitFor();

    await team.getByRole('button', { name: 'Members of payments' }).click();
    await team.getByLabel('Add a member (username)').fill('dana');
    await team.getByRole('button', { name: 'Add to payments' }).click();
    await team.getByRole('list', { name: 'Members of payments' }).getByText('dana', { exact: true }).waitFor();

    const give = page.getByRole('form', { name: 'Give a role' });
    await give.getByLabel('Username').fill('dana');
    await give.getByLabel('Role').selectOption('developer');
    await give.getByLabel('Over').selectOption('team');
    await give.getByLabel('Which team').selectOption('payments');
    await give.getByLabel('development').check();
    await give.getByRole('button', { name: 'Give role' }).click();
    const binding = page.getByTestId('binding-dana-developer');
    await binding.waitFor();
    assert.match(await binding.innerText(), /team payments/);
    assert.match(await binding.innerText(), /development/);

    await page
      .getByTestId('binding-admin-admin')
      .getByRole('button', { name: /Remove/ })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Remove this role binding?' });
    await dialog.getByRole('button', { name: 'Remove binding' }).click();
    const refusal = dialog.getByRole('alert');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /last admin binding/);
    assert.equal(await refusal.getAttribute('data-error-code'), 'last_admin');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.getByTestId('user-dana').getByRole('button', { name: 'Disable dana' }).click();
    const disable = page.getByRole('dialog', { name: 'Disable dana?' });
    await disable.getByText(/signed out everywhere/).waitFor();
    await disable.getByRole('button', { name: 'Disable user' }).click();
    await page.getByTestId('user-dana').getByText('disabled').waitFor();
    await accessible('access');
    await screenshot(page, 'admin-access');
  });

  test('tokens: the secret is shown once, works, and stops working once revoked', async () => {
    await page.goto('/admin/tokens');
    await heading('API tokens').waitFor();
    await page.getByLabel('Name').fill('ci-deploy');
    await page.getByLabel('write').uncheck();
    await page.getByLabel('Expires after').selectOption('30');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secretBox = page.getByLabel('Secret');
    await secretBox.waitFor();
    const secret = await secretBox.inputValue();
    assert.match(secret, /^slw_/);
    await page.getByText('it is shown only this once').waitFor();
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByText(/Copied to the clipboard|copy it by hand/).waitFor();
    await accessible('tokens, with a new secret');
    await screenshot(page, 'admin-tokens');

    const whoami = await apiGet('/whoami', secret);
    assert.equal(whoami.status, 200);
    assert.deepEqual((whoami.body.token as { scopes: string[] }).scopes, ['read']);

    await page.getByRole('button', { name: 'I have saved it' }).click();
    await page.reload();
    await heading('API tokens').waitFor();
    const row = page.getByTestId('token-ci-deploy');
    await row.waitFor();
    assert.equal(await page.getByLabel('Secret').count(), 0, 'the secret is not shown again');
    assert.ok(!(await page.content()).includes(secret));

    await row.getByRole('button', { name: 'Revoke ci-deploy' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke token ci-deploy?' });
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await row.getByText('revoked').waitFor();
    assert.equal((await apiGet('/whoami', secret)).status, 401);
  });

  test('audit: the actions above are listed, filtered, expanded; the chain is intact; the export follows the filters', async () => {
    await page.goto('/admin/audit');
    await heading('Audit log').waitFor();
    await page.getByTestId('audit-entry').first().waitFor();
    const actions = await actionsShown();
    for (const action of [
      'registerCluster',
      'putEnvironmentType',
      'createTeam',
      'createUser',
      'addTeamMember',
      'createRoleBinding',
      'updateUser',
      'createToken',
      'revokeToken',
    ]) {
      assert.ok(actions.includes(action), `${action} is in the audit log (${actions.join(', ')})`);
    }

    await page.getByRole('button', { name: 'Verify chain' }).click();
    const verdict = page.getByTestId('verify-result');
    await verdict.waitFor();
    assert.match(await verdict.innerText(), /The audit chain is intact\.\s+All \d+ entries check out/);

    await page.getByLabel('Action').fill('createToken');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/action=createToken/);
    await page.getByText(/Showing \d+ entr(y|ies), newest first \(all that match\)/).waitFor();
    const filtered = await actionsShown();
    assert.ok(filtered.length > 0 && filtered.every((a) => a === 'createToken'), filtered.join(', '));

    await page
      .getByRole('button', { name: /^Details of entry/ })
      .first()
      .click();
    await page.getByText('POST /api/v1/tokens').first().waitFor();
    await accessible('audit log, an entry open');
    await screenshot(page, 'admin-audit');

    const href = await page.getByRole('link', { name: 'Export as JSON lines' }).getAttribute('href');
    assert.equal(href, '/api/v1/audit/export?action=createToken');
    const exported = await page.request.get(href as string);
    assert.equal(exported.status(), 200);
    const lines = (await exported.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string });
    assert.equal(lines.length, filtered.length);
    assert.ok(lines.every((l) => l.action === 'createToken'));
  });

  test('provisioners and policies show what the API returns, in both themes', async () => {
    const provisioners = (await apiGet('/provisioners')).body.items as Array<{ id: string }>;
    assert.ok(provisioners.length > 0);
    await page.goto('/admin/provisioners');
    await heading('Provisioners').waitFor();
    for (const p of provisioners) await page.getByRole('heading', { level: 3, name: p.id, exact: true }).waitFor();
    const route = page.getByRole('article', { name: 'builtin/route', exact: true });
    await route.getByRole('rowheader', { name: 'port' }).waitFor();
    await accessible('provisioners');
    await screenshot(page, 'admin-provisioners');

    const policies = (await apiGet('/policies')).body.items as Array<{ name: string; description: string }>;
    // A CEL policy that matches no service, so it changes nothing the other tests deploy.
    const cel = await fetch(`${portal.server.url}/api/v1/policies/cel/pinned-images`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${portal.server.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        expression: "workload.containers.all(c, !workload.containers[c].image.endsWith(':latest'))",
        severity: 'enforce',
        remedy: 'pin the image to a version',
        match: { services: ['nobody-deploys-this'] },
      }),
    });
    assert.equal(cel.status, 201, await cel.text());
    await page.goto('/admin/policies');
    await heading('Policies').waitFor();
    for (const p of policies) {
      const row = page.getByTestId(`policy-${p.name}`);
      await row.waitFor();
      assert.ok((await row.innerText()).includes(p.description), p.name);
    }
    const celRow = await page.getByTestId('cel-policy-pinned-images').innerText();
    assert.match(celRow, /refuses/);
    assert.match(celRow, /pin the image to a version/);
    assert.match(celRow, /services nobody-deploys-this/);
    // The edit above switched this policy on for staging.
    assert.match(await page.getByTestId('policy-require-readiness-probe').innerText(), /staging/);
    await accessible('policies');
    await screenshot(page, 'admin-policies');

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await heading('Policies').waitFor();
    await page.getByTestId('policy-no-latest-tag').waitFor();
    await accessible('policies, dark');
    await screenshot(page, 'admin-policies-dark');
    await page.goto('/admin/access');
    await page.getByTestId('user-dana').waitFor();
    await accessible('access, dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  test('a user without a role sees only their tokens, and words rather than a crash elsewhere', async () => {
    const erin = await portal.createUser('erin', { admin: false });
    const theirs = await portal.signedIn(erin.username, erin.password);
    await theirs.goto('/admin');
    await theirs.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor();
    assert.match(theirs.url(), /\/admin\/tokens$/);
    const links = await theirs.getByRole('navigation', { name: 'Administration' }).getByRole('link').allInnerTexts();
    assert.deepEqual(links, ['API tokens']);
    await theirs.getByText('You have no API tokens').waitFor();
    assert.deepEqual(await seriousAccessibilityFindings(theirs), []);

    await theirs.goto('/admin/clusters');
    const refusal = theirs.getByRole('alert');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /You may not see the clusters/);
    assert.equal(await refusal.getAttribute('data-error-code'), 'forbidden');
    assert.equal(await theirs.getByRole('button', { name: 'Register a cluster' }).count(), 0);
    assert.deepEqual(await seriousAccessibilityFindings(theirs), []);

    await theirs.goto('/admin/audit');
    await theirs.getByRole('alert').filter({ hasText: 'You may not see the audit log' }).waitFor();
    await screenshot(theirs, 'admin-forbidden');
    await theirs.context().close();
  });
});
