/**
 * The Service page in a real browser against a real server and the local cluster: the live
 * panel following a rollout pushed over SSE, deploying a new image and rolling back from the
 * page, the release history with its diff and drift, events, logs, and a promotion to a
 * protected environment approved by a second person. The tests run in order and build on
 * each other (releases #1, #2, #3 in dev; #1 in prod).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { KubeConfig, KubernetesObjectApi, PatchStrategy } from '@kubernetes/client-node';
import type { Page } from 'playwright-core';
import { type Portal, screenshot, seriousAccessibilityFindings, startPortal } from './harness.ts';
import { adminApi, cleanUp, deploy, type ReleaseJson, score, settled, setUpService } from './service-fixtures.ts';

const service = 'shop';

/** Sets a Deployment's replicas as a person with kubectl would: drift, to Slipway. */
async function scaleByHand(namespace: string, name: string, replicas: number) {
  const kc = new KubeConfig();
  kc.loadFromFile(process.env.SLIPWAY_TEST_KUBECONFIG ?? '');
  await KubernetesObjectApi.makeApiClient(kc).patch(
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace }, spec: { replicas } },
    undefined,
    undefined,
    'kubectl-edit',
    undefined,
    PatchStrategy.MergePatch,
  );
}

/** The live panel's release line: number and status as the page shows them now. */
const liveRelease = (page: Page, number: number, status: string) =>
  page.locator(`[data-testid="live-release"]:has(strong:text-is("Release #${number}")) [data-status="${status}"]`);

async function noSeriousFindings(page: Page, where: string) {
  assert.deepEqual(await seriousAccessibilityFindings(page), [], `accessibility of ${where}`);
}

/**
 * Records every status the live panel's release shows, from now on, in the page itself: a
 * rollout's short "progressing" moment is seen even if the test looks too late.
 */
async function recordLiveStatuses(page: Page) {
  // A string, not a function: the test runner's transpiler would add helpers the page lacks.
  await page.evaluate(`(() => {
    const seen = [];
    window.seenStatuses = seen;
    const note = () => {
      const panel = document.querySelector('[data-testid="live-release"]');
      const number = panel?.querySelector('strong')?.textContent ?? '';
      const status = panel?.querySelector('[data-status]')?.getAttribute('data-status') ?? '';
      const entry = number + ' ' + status;
      if (seen.at(-1) !== entry) seen.push(entry);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true });
    note();
  })()`);
}

describe('service page', () => {
  let portal: Portal;
  let page: Page;

  before(async () => {
    portal = await startPortal({ namespacePrefix: 'web-svc', env: { SLIPWAY_DRIFT_SCAN_INTERVAL_SECONDS: '1' } });
    await setUpService(portal, service, 'checkout');
    await deploy(portal, service, 'dev', 'nginx:1.27');
    page = await portal.signedIn();
  });
  after(async () => {
    await cleanUp(portal);
    await portal?.stop();
  });

  test('the live panel shows the pods turning Ready and the release Healthy, pushed by the server', async () => {
    await page.goto(`/services/${service}/live?env=dev`);
    await page.getByRole('heading', { name: service, level: 1 }).waitFor();
    await page.getByRole('tab', { name: 'Live', selected: true }).waitFor();
    await liveRelease(page, 1, 'healthy').waitFor({ timeout: 60_000 });
    await page.locator('[data-pod][data-ready="true"]').nth(1).waitFor();
    assert.equal(await page.locator('[data-pod][data-ready="true"]').count(), 2, 'dev asks for 2 replicas');
    assert.equal(await page.getByTestId('stream-state').getAttribute('data-state'), 'open');
    const bar = page.getByRole('progressbar', { name: /Deployment shop: 2 of 2 ready/ });
    assert.equal(await bar.getAttribute('aria-valuenow'), '2');
    await noSeriousFindings(page, 'the Live tab');
    await screenshot(page, 'service-live');
  });

  test('Overview: the matrix shows what runs in dev, and the header its owner and actions', async () => {
    await page.getByRole('tab', { name: 'Overview' }).click();
    const row = page.locator('tr[data-environment="dev"]');
    await row.locator('[data-release="1"][data-release-status="healthy"]').waitFor();
    assert.match(await row.innerText(), /nginx:1\.27/);
    assert.match(await row.innerText(), /The one running now/);
    assert.match(await page.locator('.page-header').innerText(), /Owned by team checkout/);
    await noSeriousFindings(page, 'the Overview tab');
    await screenshot(page, 'service');
  });

  test('deploying a new image from the page says what changes, then rolls out live to Healthy', async () => {
    await page.getByRole('tab', { name: 'Live' }).click();
    await liveRelease(page, 1, 'healthy').waitFor();
    await recordLiveStatuses(page);
    await page.getByRole('button', { name: 'Deploy…' }).first().click();
    const dialog = page.getByRole('dialog', { name: `Deploy ${service}` });
    await dialog.getByLabel('Environment').selectOption('dev');
    const imageField = dialog.getByLabel('Image', { exact: true });
    const fromRelease = dialog.getByLabel('New image for the current release (#1)');
    assert.ok(await fromRelease.isChecked(), 'the default way');
    // Pasting a Score workload is the second way.
    await dialog.getByLabel('Paste a Score workload').check();
    await imageField.fill('nginx:1.28');
    await dialog.getByLabel('Score workload (score.yaml)').fill(score(service, 'nginx:1.27'));
    const pasted = await dialog.getByTestId('what-changes').innerText();
    assert.match(pasted, /with image nginx:1\.28 replaces release #1 \(nginx:1\.27, healthy\)/);
    // By default: a new image for the current release, no Score file needed.
    await fromRelease.check();
    assert.equal(await dialog.getByLabel('Score workload (score.yaml)').count(), 0);
    assert.equal(await imageField.inputValue(), 'nginx:1.27', 'prefilled with the current image');
    await imageField.fill('nginx:1.28');
    const changes = await dialog.getByTestId('what-changes').innerText();
    assert.match(changes, /with the Score workload of release #1: image nginx:1\.27 → nginx:1\.28/);
    assert.match(changes, /No approval needed/);
    await noSeriousFindings(page, 'the deploy dialog');
    await screenshot(page, 'service-deploy-dialog');
    await dialog.getByRole('button', { name: 'Deploy to dev' }).click();
    await page
      .getByTestId('outcome')
      .getByText(/Deployed nginx:1\.28 to dev as release #2/)
      .waitFor();
    await liveRelease(page, 2, 'healthy').waitFor({ timeout: 60_000 });
    await page.locator('[data-pod][data-ready="true"]').nth(1).waitFor();
    const seen = (await page.evaluate('window.seenStatuses')) as string[];
    assert.ok(
      seen.some((s) => /^Release #2 (queued|applying|progressing)$/.test(s)),
      `the rollout was seen in progress: ${seen.join(' → ')}`,
    );
    assert.equal(seen.at(-1), 'Release #2 healthy');
  });

  test('Releases: the history shows the image change against the previous release, and no drift', async () => {
    await page.getByRole('tab', { name: 'Releases' }).click();
    const changes = page.getByTestId('changes-2');
    await changes.waitFor();
    assert.match(await changes.innerText(), /Against release #1: 4 changed, 0 added, 0 removed/);
    assert.match(await changes.innerText(), /only the release labels changed/);
    assert.match(await changes.innerText(), /image changed from nginx:1\.27 to nginx:1\.28/);
    await changes.getByRole('button', { name: 'Compare #2 with the cluster' }).click();
    await page.getByTestId('drift-2').getByText('in sync').waitFor();
    await noSeriousFindings(page, 'the Releases tab');
    await screenshot(page, 'service-releases');
  });

  test('rolling back from the page names the release it returns to, and the live panel follows', async () => {
    await page.getByRole('tab', { name: 'Live' }).click();
    await liveRelease(page, 2, 'healthy').waitFor();
    await page.getByRole('button', { name: 'Roll back dev…' }).click();
    const dialog = page.getByRole('dialog', { name: `Roll back ${service} in dev` });
    const changes = await dialog.getByTestId('what-changes').innerText();
    assert.match(changes, /leaves release #2 \(nginx:1\.28, healthy\) and returns to release #1 — image nginx:1\.27/);
    await dialog.getByRole('button', { name: 'Roll back to #1' }).click();
    await page
      .getByTestId('outcome')
      .getByText(/back to #1/)
      .waitFor();
    await liveRelease(page, 3, 'healthy').waitFor({ timeout: 60_000 });
    assert.match(await page.getByTestId('live-release').innerText(), /nginx:1\.27/);
  });

  test('Overview: a hand edit the drift scan finds shows under Running now, and goes once taken back', async () => {
    const api = adminApi(portal);
    const { environment } = await api<{ environment: { namespace: string } }>('GET', '/environments/dev');
    // The scan runs every second here (SLIPWAY_DRIFT_SCAN_INTERVAL_SECONDS): setup waits for it
    // through the API, then the page is opened afresh (it reads releases again only every 15 s).
    const scanned = async (status: 'drifted' | 'in-sync') => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const { items } = await api<{ items: ReleaseJson[] }>(
          'GET',
          `/releases?service=${service}&environment=dev&limit=1`,
        );
        if (items[0]?.drift?.status === status) return;
        if (Date.now() > deadline) throw new Error(`release #3 not ${status}: ${JSON.stringify(items[0]?.drift)}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    await scaleByHand(environment.namespace, service, 3);
    await scanned('drifted');
    await page.goto(`/services/${service}`);
    const note = page.getByTestId('drift-note-dev');
    assert.match(await note.innerText(), /The cluster differs from #3: Deployment shop: \/spec\/replicas\. Checked/);
    assert.equal(
      await note.getByRole('link', { name: 'see the changes' }).getAttribute('href'),
      `/services/${service}/releases?env=dev`,
    );
    await noSeriousFindings(page, 'the Overview tab with drift');
    await screenshot(page, 'service-drift');
    await scaleByHand(environment.namespace, service, 2);
    await scanned('in-sync');
    await page.reload();
    await page.locator('tr[data-environment="dev"] [data-release="3"]').waitFor();
    assert.equal(await note.count(), 0);
  });

  test('Events: the Kubernetes events of the service, newest first', async () => {
    await page.getByRole('tab', { name: 'Events' }).click();
    await page.locator('table.events tbody tr').first().waitFor();
    assert.match(await page.locator('table.events').innerText(), /Deployment\/shop|ReplicaSet\/shop|Pod\/shop/);
    await noSeriousFindings(page, 'the Events tab');
    await screenshot(page, 'service-events');
  });

  test('Logs: the lines of its pods, or the reason the cluster gives in words', async () => {
    await page.getByRole('tab', { name: 'Logs' }).click();
    const lines = page.getByTestId('log-lines');
    const refused = page.getByRole('alert');
    await lines.or(refused).first().waitFor();
    if (await refused.isVisible()) {
      // kwok runs no containers: the API says why there are no logs, and the page says it too.
      assert.match(await refused.innerText(), /logs could not be read/);
    } else {
      assert.ok((await lines.innerText()).length > 0);
    }
    assert.ok(await page.getByLabel('Pod').isVisible(), 'the pod picker stays');
    await page.getByLabel('Search').fill('GET');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByLabel('Follow').check();
    await page
      .getByText(/Following|Not following|Reconnecting/)
      .first()
      .waitFor();
    await noSeriousFindings(page, 'the Logs tab');
    await screenshot(page, 'service-logs');
  });

  test('Docs: a link to the catalog, or how to get there', async () => {
    await page.getByRole('tab', { name: 'Docs' }).click();
    await page
      .getByText(/Docs of shop|shop has no catalog entry yet/)
      .first()
      .waitFor();
    await noSeriousFindings(page, 'the Docs tab');
  });

  test('promoting to production waits for approval; its asker may not approve; a second person does', async () => {
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.locator('tr[data-environment="dev"]').getByRole('button', { name: 'Promote…' }).click();
    const dialog = page.getByRole('dialog', { name: `Promote ${service}` });
    await dialog.getByLabel('To').selectOption('prod');
    await dialog.getByText(/Needs approval/).waitFor();
    const changes = await dialog.getByTestId('what-changes').innerText();
    assert.match(changes, /Release #3 of dev — image nginx:1\.27/);
    assert.match(changes, /goes to prod, its first release of shop there/);
    await noSeriousFindings(page, 'the promote dialog');
    await screenshot(page, 'service-promote-dialog');
    await dialog.getByRole('button', { name: 'Promote to prod' }).click();
    await page
      .getByTestId('outcome')
      .getByText(/is pending approval/)
      .waitFor();
    const prod = page.locator('tr[data-environment="prod"]');
    await prod.locator('[data-release-status="pending_approval"]').waitFor();

    // The person who asked may not approve: the API's refusal, in its words.
    await prod.getByRole('button', { name: 'Approve #1…' }).click();
    const approve = page.getByRole('dialog', { name: `Approve release #1 of ${service} in prod` });
    assert.match(await approve.innerText(), /You asked for this release yourself/);
    await approve.getByRole('button', { name: 'Approve and roll out #1' }).click();
    const refusal = approve.getByRole('alert');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /someone else must approve it/);
    assert.equal(await refusal.getAttribute('data-error-code'), 'self_approval');
    await approve.getByRole('button', { name: 'Cancel' }).click();

    const bob = await portal.createUser('bob');
    const second = await portal.signedIn(bob.username, bob.password);
    await second.goto(`/services/${service}/releases?env=prod`);
    await second.getByText('Release #1 to prod is waiting for approval').waitFor();
    await noSeriousFindings(second, 'the pending approval banner');
    await second.locator('.notice.warn').getByRole('button', { name: 'Approve #1…' }).click();
    const dialog2 = second.getByRole('dialog', { name: `Approve release #1 of ${service} in prod` });
    assert.match(await dialog2.getByTestId('what-changes').innerText(), /admin asked .* image nginx:1\.27/);
    await dialog2.getByLabel('Comment (optional)').fill('looks good');
    await dialog2.getByRole('button', { name: 'Approve and roll out #1' }).click();
    await second
      .getByTestId('outcome')
      .getByText(/You approved release #1/)
      .waitFor();
    await second.getByRole('tab', { name: 'Live' }).click();
    await liveRelease(second, 1, 'healthy').waitFor({ timeout: 60_000 });
    await second.context().close();
  });

  test('pausing an environment says it reaches every service there; the live panel follows it down and up', async () => {
    await page.goto(`/services/${service}/live?env=dev`);
    await liveRelease(page, 3, 'healthy').waitFor();
    await page.getByRole('button', { name: 'Pause dev…' }).click();
    const pause = page.getByRole('dialog', { name: 'Pause environment dev' });
    assert.match(await pause.getByTestId('what-changes').innerText(), /every service in dev, not only shop/);
    await pause.getByRole('button', { name: 'Pause dev' }).click();
    await page
      .getByTestId('outcome')
      .getByText(/Paused dev: 1 workload scaled to zero/)
      .waitFor();
    await page.locator('[data-workload="shop"][data-desired="0"]').waitFor();
    await page.getByText('No pods right now.').waitFor();

    await page.getByRole('button', { name: 'Resume dev…' }).click();
    await page
      .getByRole('dialog', { name: 'Resume environment dev' })
      .getByRole('button', { name: 'Resume dev' })
      .click();
    await page.locator('[data-workload="shop"][data-ready="2"]').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Pause dev…' }).waitFor();
  });

  test('dark theme and a narrow screen', async () => {
    const dark = await portal.newPage({ colorScheme: 'dark' });
    await signIn(dark, portal);
    await dark.goto(`/services/${service}`);
    await dark.locator('tr[data-environment="prod"] [data-release-status="healthy"]').waitFor();
    await noSeriousFindings(dark, 'the Overview tab in the dark theme');
    await screenshot(dark, 'service-dark');
    await dark.goto(`/services/${service}/live?env=dev`);
    await liveRelease(dark, 3, 'healthy').waitFor();
    await noSeriousFindings(dark, 'the Live tab in the dark theme');
    await screenshot(dark, 'service-live-dark');
    await dark.context().close();

    const narrow = await portal.newPage({ width: 390 });
    await signIn(narrow, portal);
    await narrow.goto(`/services/${service}`);
    await narrow.locator('tr[data-environment="dev"] [data-release="3"]').waitFor();
    // The page's own content fits its column (the shell around it is the layout's concern).
    const overflow = (await narrow.evaluate(
      "(() => { const m = document.getElementById('main'); return m.scrollWidth - m.clientWidth; })()",
    )) as number;
    assert.ok(overflow <= 1, `nothing is wider than the page's column (${overflow}px too wide)`);
    await noSeriousFindings(narrow, 'the Overview tab at 390px');
    await screenshot(narrow, 'service-narrow');
    await narrow.goto(`/services/${service}/live?env=dev`);
    await liveRelease(narrow, 3, 'healthy').waitFor();
    await screenshot(narrow, 'service-live-narrow');
    await narrow.context().close();
  });

  test('a CronJob shows its schedule and its runs in the live panel, not a rollout bar', async () => {
    const api = adminApi(portal);
    await api('POST', '/services', { name: 'nightly', owner: 'checkout' });
    const workload = `apiVersion: score.dev/v1b1
metadata:
  name: nightly
  annotations:
    slipway.dev/workload-type: cronjob
    slipway.dev/schedule: "0 3 * * *"
containers:
  main:
    image: busybox:1.36
`;
    const { release } = await api<{ release: { id: string } }>('POST', '/deploys', { environment: 'dev', workload });
    assert.equal((await settled(portal, release.id)).status, 'healthy');
    await page.goto('/services/nightly/live?env=dev');
    const row = page.locator('[data-workload="nightly"][data-suspended="false"]');
    await row.waitFor();
    assert.match(await row.innerText(), /CronJob[\s\S]*0 3 \* \* \*[\s\S]*last run not yet/);
    assert.equal(await row.getByRole('progressbar').count(), 0, 'nothing to roll out');
    await noSeriousFindings(page, 'the Live tab of a CronJob');
  });
});

async function signIn(page: Page, portal: Portal) {
  await page.goto('/');
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(portal.server.adminPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('current-user').waitFor();
}
