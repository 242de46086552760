/**
 * The catalog pages in a real browser, against a real server that ingests a real Git
 * repository (a bare repository on disk, read through file://): search, facets, an entity's
 * overview, relations, docs and raw document, a broken entity's problems in words, and the
 * accessibility check on each page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { entityYaml as e, type FixtureRepo, fixtureRepos } from '../../server/test/harness/git-repos.ts';
import { type Portal, screenshot, seriousAccessibilityFindings, startPortal } from './harness.ts';
import { adminApi } from './service-fixtures.ts';

const docs = (...items: string[]) => items.join('\n---\n');

/** The organisation's repository: a team, a system, a service with docs, its API, a broken entity. */
const files = {
  'catalog-info.yaml': docs(
    e(
      'Group',
      'payments-team',
      { type: 'team', children: [] },
      { title: 'Payments team', description: 'Owns checkout and billing' },
    ),
    e(
      'System',
      'shop',
      { owner: 'payments-team' },
      { title: 'Web shop', description: 'Everything customers buy with' },
    ),
    e(
      'API',
      'checkout-api',
      {
        type: 'openapi',
        lifecycle: 'production',
        owner: 'payments-team',
        system: 'shop',
        definition: 'openapi: 3.0.0',
      },
      { title: 'Checkout API', description: 'Places orders' },
    ),
    e(
      'Resource',
      'orders-db',
      { type: 'database', owner: 'payments-team', system: 'shop' },
      { description: 'PostgreSQL holding the orders' },
    ),
    e(
      'Component',
      'storefront',
      {
        type: 'website',
        lifecycle: 'experimental',
        owner: 'payments-team',
        system: 'shop',
        consumesApis: ['checkout-api'],
      },
      { title: 'Storefront', description: 'The web shop customers see', tags: ['react'] },
    ),
    // Broken: a Component must say its lifecycle.
    e(
      'Component',
      'legacy-billing',
      { type: 'service', owner: 'payments-team' },
      { description: 'Old invoices, being retired' },
    ),
  ),
  'services/checkout/catalog-info.yaml': e(
    'Component',
    'checkout',
    {
      type: 'service',
      lifecycle: 'production',
      owner: 'payments-team',
      system: 'shop',
      providesApis: ['checkout-api'],
      dependsOn: ['resource:orders-db'],
    },
    {
      title: 'Checkout',
      description: 'Takes orders and card payments',
      tags: ['typescript', 'payments'],
      links: [{ url: 'https://runbooks.example.com/checkout', title: 'On-call runbook' }],
      annotations: {
        'backstage.io/techdocs-ref': 'dir:.',
        'backstage.io/source-location': 'url:https://git.example.com/shop/checkout',
      },
    },
  ),
  'services/checkout/docs/index.md':
    '# Checkout\n\nCheckout turns a basket into an order. Before a release, read the [runbook](guides/runbook.md#restarting).\n\n## Architecture\n\nIt calls `orders-db` and publishes the **Checkout API**.\n\n```sh\nnpm run start\n```\n',
  'services/checkout/docs/guides/runbook.md':
    '# Runbook\n\nWhat to do when checkout misbehaves.\n\n## Restarting\n\nRun the flamingo restart script, then watch the error rate.\n\nBack to the [overview](../index.md).\n',
};

const score = `apiVersion: score.dev/v1b1
metadata:
  name: checkout
containers:
  web:
    image: nginx:1.27
service:
  ports:
    http:
      port: 80
      targetPort: 80
`;

describe('catalog pages', () => {
  let portal: Portal;
  let repos: Awaited<ReturnType<typeof fixtureRepos>>;
  let shop: FixtureRepo;

  // Setup through the API as the first admin; paths below /api/v1.
  const apiCall = (method: string, path: string, body?: unknown) => adminApi(portal)(method, path, body);

  // One sign-in for the whole file: the server limits sign-ins per minute, as it should.
  let session: Awaited<ReturnType<BrowserContext['storageState']>>;

  before(async () => {
    repos = await fixtureRepos();
    shop = await repos.create('webcat-shop', files);
    portal = await startPortal({ namespacePrefix: 'webcat', allowFileUrls: true });
    const page = await portal.signedIn();
    session = await page.context().storageState();
    await page.context().close();
  });
  after(async () => {
    await portal?.stop();
    await repos?.dispose();
  });

  /** A signed-in page (the file's one session) at `path`. */
  const open = async (path: string, options: { colorScheme?: 'light' | 'dark'; width?: number } = {}) => {
    const context = await portal.browser.newContext({
      baseURL: portal.server.url,
      colorScheme: options.colorScheme ?? 'light',
      viewport: { width: options.width ?? 1280, height: 900 },
      storageState: session,
    });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    await page.goto(path);
    return page;
  };

  /** Waits until the page has no request in flight and nothing left to load. */
  const settled = async (page: Page) => {
    await page.waitForLoadState('networkidle');
    await page
      .getByRole('status')
      .filter({ hasText: /^Loading/ })
      .waitFor({ state: 'detached' })
      .catch(() => {});
  };

  test('an empty catalog says how to register a location', async () => {
    const page = await open('/catalog');
    await page.getByRole('heading', { name: 'The catalog is empty' }).waitFor();
    assert.match(await page.locator('[data-empty]').innerText(), /slipway catalog register/);
    assert.match(await page.locator('[data-empty]').innerText(), /POST \/api\/v1\/catalog\/locations/);
    assert.deepEqual(await seriousAccessibilityFindings(page), []);
    await screenshot(page, 'catalog-empty');
    await page.context().close();
  });

  test('registering a repository fills the catalog; a service of the same name gets deployed', async () => {
    const registered = await adminApi(portal)<{ entities: number }>('POST', '/catalog/locations', {
      type: 'git',
      target: shop.url,
    });
    assert.equal(registered.entities, 7, JSON.stringify(registered));
    await apiCall('POST', '/environments', { name: 'dev', type: 'development' });
    await apiCall('POST', '/deploys', { environment: 'dev', service: 'checkout', workload: score });
  });

  test('search finds the component, facets narrow the results, the address keeps both', async () => {
    const page = await open('/catalog');
    const table = page.getByRole('table', { name: 'Catalog entities' });
    await table.getByRole('link', { name: 'Checkout', exact: true }).waitFor();
    await settled(page);
    assert.equal(await page.title(), 'Catalog · Slipway');
    // The broken entity is marked in the list.
    const broken = table.getByRole('row').filter({ hasText: 'legacy-billing' });
    assert.match(await broken.innerText(), /1 problem/);
    assert.deepEqual(await seriousAccessibilityFindings(page), []);
    await screenshot(page, 'catalog');

    await page.getByLabel('Search the catalog').fill('card paym');
    await page.waitForURL(/[?&]q=card\+paym/);
    await table.getByRole('link', { name: 'Checkout', exact: true }).waitFor();
    await table.getByRole('link', { name: 'Storefront' }).waitFor({ state: 'detached' });
    assert.equal(await table.getByRole('row').count(), 2, 'a header row and one match');

    await page.getByLabel('Search the catalog').fill('');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await table.getByRole('link', { name: 'Storefront' }).waitFor();

    // Kind: Component keeps the three components; the kind facet still offers the others (OR).
    const kinds = page.getByRole('group', { name: 'Kind' });
    await kinds.getByLabel(/^Component/).click();
    await page.waitForURL(/kind=component/);
    assert.equal(await kinds.getByLabel(/^Component/).isChecked(), true);
    await table.getByRole('link', { name: 'Web shop' }).waitFor({ state: 'detached' });
    assert.equal(await table.getByRole('row').count(), 4);
    assert.match(await kinds.innerText(), /API\s*1/);
    // Lifecycle: production narrows further (AND across facets).
    await page
      .getByRole('group', { name: 'Lifecycle' })
      .getByLabel(/^production/)
      .click();
    await page.waitForURL(/lifecycle=production/);
    await table.getByRole('link', { name: 'Storefront' }).waitFor({ state: 'detached' });
    assert.equal(await table.getByRole('row').count(), 2);
    await screenshot(page, 'catalog-filtered');

    // The address is the search: opening it again shows the same.
    const url = page.url();
    const again = await open(url);
    await again
      .getByRole('table', { name: 'Catalog entities' })
      .getByRole('link', { name: 'Checkout', exact: true })
      .waitFor();
    assert.equal(
      await again
        .getByRole('group', { name: 'Lifecycle' })
        .getByLabel(/^production/)
        .isChecked(),
      true,
    );
    await again.context().close();

    // Back undoes the last filter.
    await page.goBack();
    await table.getByRole('link', { name: 'Storefront' }).waitFor();
    await page.getByRole('button', { name: 'Clear all filters' }).click();
    await table.getByRole('link', { name: 'Web shop' }).waitFor();
    await page.context().close();
  });

  test('a catalog search finds docs pages too, with the words marked', async () => {
    const page = await open('/catalog?q=flamingo');
    const hits = page.getByRole('region', { name: 'In the docs' });
    await hits.getByRole('link', { name: 'Runbook' }).waitFor();
    assert.equal(await hits.locator('mark').first().innerText(), 'flamingo');
    await hits.getByRole('link', { name: 'Runbook' }).click();
    await page.waitForURL(/\/catalog\/component\/default\/checkout\/docs\/guides\/runbook\.md$/);
    await page.getByTestId('docs-content').getByRole('heading', { name: 'Runbook' }).waitFor();
    await page.context().close();
  });

  test('the entity page shows what it is, its owner, links, source and where it runs', async () => {
    const page = await open('/catalog/component/default/checkout');
    await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor();
    await settled(page);
    assert.equal(await page.getByRole('tab', { name: 'Overview' }).getAttribute('aria-selected'), 'true');
    const owner = page.getByTestId('entity-owner').getByRole('link', { name: 'Payments team' });
    assert.equal(await owner.getAttribute('href'), '/catalog/group/default/payments-team');
    await page.getByRole('link', { name: 'On-call runbook' }).waitFor();
    await page.getByRole('link', { name: 'Source code' }).waitFor();
    assert.match(
      await page.getByRole('region', { name: 'Source' }).innerText(),
      /services\/checkout\/catalog-info\.yaml/,
    );
    const runs = page.getByRole('region', { name: 'Where it runs' });
    await runs.getByRole('link', { name: 'dev' }).waitFor();
    assert.equal(await runs.getByRole('link', { name: 'Service checkout' }).getAttribute('href'), '/services/checkout');
    assert.deepEqual(await seriousAccessibilityFindings(page), []);
    await screenshot(page, 'entity');

    await owner.click();
    await page.getByRole('heading', { level: 1, name: 'Payments team' }).waitFor();
    await page.context().close();
  });

  test('the relations tab draws the graph and lists the same relations', async () => {
    const page = await open('/catalog/component/default/checkout');
    await page.getByRole('tab', { name: /Relations/ }).click();
    await page.waitForURL(/\/checkout\/relations$/);
    const graph = page.getByTestId('relation-graph');
    await graph.getByTestId('graph-node').first().waitFor();
    // Checkout, its owner, system, API and database.
    assert.equal(await graph.getByTestId('graph-node').count(), 5);
    for (const label of ['ownerOf', 'hasPart', 'providesApi', 'dependsOn']) {
      await graph.locator('.react-flow__edge-text', { hasText: label }).first().waitFor();
    }
    const list = page.getByTestId('relation-table');
    for (const [relation, entity] of [
      ['Owned by', 'Payments team'],
      ['Part of', 'Web shop'],
      ['Provides API', 'Checkout API'],
      ['Depends on', 'orders-db'],
    ]) {
      const row = list.getByRole('row').filter({ hasText: relation });
      await row.getByRole('link', { name: entity }).waitFor();
    }
    await settled(page);
    assert.deepEqual(await seriousAccessibilityFindings(page), []);
    await screenshot(page, 'entity-graph');

    // A node opens its entity.
    await graph.getByTestId('graph-node').filter({ hasText: 'Checkout API' }).click();
    await page.waitForURL(/\/catalog\/api\/default\/checkout-api$/);
    await page.getByRole('heading', { level: 1, name: 'Checkout API' }).waitFor();
    await page.context().close();
  });

  test("a broken entity's problem is shown in words", async () => {
    const page = await open('/catalog/component/default/legacy-billing');
    const problems = page.getByRole('region', { name: 'This entity has a problem' });
    await problems.waitFor();
    const text = await problems.innerText();
    assert.match(text, /lifecycle/);
    assert.match(text, /is missing; it is required/);
    assert.match(text, /catalog-info\.yaml/);
    assert.deepEqual(await seriousAccessibilityFindings(page), []);
    await screenshot(page, 'entity-broken');

    // Fixed in the repository, then read again from the page: the problem is gone.
    const fixed = files['catalog-info.yaml'].replace(
      '{"type":"service","owner":"payments-team"}',
      '{"type":"service","owner":"payments-team","lifecycle":"deprecated"}',
    );
    assert.notEqual(fixed, files['catalog-info.yaml']);
    await shop.commit({ 'catalog-info.yaml': fixed }, 'legacy-billing: say its lifecycle');
    await page.getByRole('button', { name: 'Read again now' }).click();
    const dialog = page.getByRole('dialog', { name: 'Read this location again now?' });
    assert.match(await dialog.innerText(), /entities no longer there are removed/);
    await dialog.getByRole('button', { name: 'Read again now' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Read again: 0 added, 1 changed/ })
      .waitFor();
    await problems.waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('entity-owner').isVisible(), true);
    await page.context().close();
  });

  test('docs render as readable pages and their links move inside the portal', async () => {
    const page = await open('/catalog/component/default/checkout');
    await page.getByRole('tab', { name: 'Docs' }).click();
    const content = page.getByTestId('docs-content');
    await content.getByRole('heading', { name: 'Checkout' }).waitFor();
    await content.getByRole('heading', { name: 'Architecture' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Docs pages' });
    assert.equal(await nav.getByRole('link', { name: 'Checkout' }).getAttribute('aria-current'), 'page');
    const link = content.getByRole('link', { name: 'runbook' });
    assert.equal(
      await link.getAttribute('href'),
      '/catalog/component/default/checkout/docs/guides/runbook.md#doc-restarting',
    );
    assert.deepEqual(await seriousAccessibilityFindings(page), []);
    await screenshot(page, 'entity-docs');

    // The link opens the page in the portal (no reload) and lands on its heading.
    await page.evaluate(() => {
      (globalThis as unknown as { marker: boolean }).marker = true;
    });
    await link.click();
    await page.waitForURL(/\/docs\/guides\/runbook\.md#doc-restarting$/);
    await content.getByRole('heading', { name: 'Restarting' }).waitFor();
    assert.equal(await page.evaluate(() => (globalThis as unknown as { marker?: boolean }).marker), true);
    assert.equal(await nav.getByRole('link', { name: 'Runbook' }).getAttribute('aria-current'), 'page');
    await content.getByRole('link', { name: 'overview' }).click();
    await page.waitForURL(/\/checkout\/docs\/index\.md$/);
    await content.getByRole('heading', { name: 'Architecture' }).waitFor();

    // An entity without docs says how to add them.
    await page.goto('/catalog/component/default/storefront/docs');
    await page.getByText('No docs for this entity').waitFor();
    await page.context().close();
  });

  test('the raw tab shows the document as read', async () => {
    const page = await open('/catalog/component/default/checkout/raw');
    const raw = page.getByTestId('entity-raw');
    await raw.waitFor();
    const yaml = await raw.innerText();
    assert.match(yaml, /^apiVersion: backstage\.io\/v1alpha1$/m);
    assert.match(yaml, /^ {2}name: checkout$/m);
    assert.match(yaml, /^ {4}- resource:orders-db$/m);
    await page.getByLabel('JSON').check();
    assert.match(await raw.innerText(), /"kind": "Component"/);
    // The tabs follow the arrow keys.
    await page.getByRole('tab', { name: 'Raw' }).focus();
    await page.keyboard.press('ArrowLeft');
    await page.waitForURL(/\/checkout\/docs$/);
    await page.context().close();
  });

  test('dark theme and a narrow screen', async () => {
    const dark = await open('/catalog', { colorScheme: 'dark' });
    await dark
      .getByRole('table', { name: 'Catalog entities' })
      .getByRole('link', { name: 'Checkout', exact: true })
      .waitFor();
    await settled(dark);
    assert.deepEqual(await seriousAccessibilityFindings(dark), []);
    await screenshot(dark, 'catalog-dark');
    await dark.goto('/catalog/component/default/checkout/docs');
    await dark.getByTestId('docs-content').getByRole('heading', { name: 'Architecture' }).waitFor();
    await settled(dark);
    assert.deepEqual(await seriousAccessibilityFindings(dark), []);
    await screenshot(dark, 'entity-docs-dark');
    await dark.goto('/catalog/component/default/checkout/relations');
    await dark.getByTestId('graph-node').first().waitFor();
    await settled(dark);
    assert.deepEqual(await seriousAccessibilityFindings(dark), []);
    await screenshot(dark, 'entity-graph-dark');
    await dark.context().close();

    const narrow = await open('/catalog', { width: 390 });
    await narrow
      .getByRole('table', { name: 'Catalog entities' })
      .getByRole('link', { name: 'Checkout', exact: true })
      .waitFor();
    await settled(narrow);
    await screenshot(narrow, 'catalog-narrow');
    await narrow.goto('/catalog/component/default/checkout');
    await narrow.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor();
    await settled(narrow);
    await screenshot(narrow, 'entity-narrow');
    await narrow.context().close();
  });

  test('a long list comes a page at a time, with Load more', async () => {
    const people = Array.from({ length: 60 }, (_, i) =>
      e('User', `person-${String(i + 1).padStart(2, '0')}`, { memberOf: ['payments-team'] }),
    );
    const org = await repos.create('webcat-people', { 'catalog-info.yaml': docs(...people) });
    await apiCall('POST', '/catalog/locations', { type: 'git', target: org.url });
    const page = await open('/catalog?kind=user');
    const table = page.getByRole('table', { name: 'Catalog entities' });
    await table.getByRole('link', { name: 'person-01' }).waitFor();
    assert.equal(await table.getByRole('row').count(), 51);
    assert.match(await page.getByText(/60 entities match/).innerText(), /50 shown/);
    await page.getByRole('button', { name: 'Load more' }).click();
    await table.getByRole('link', { name: 'person-60' }).waitFor();
    assert.equal(await table.getByRole('row').count(), 61);
    assert.equal(await page.getByRole('button', { name: 'Load more' }).count(), 0);

    // The team's graph draws a few members and counts the rest; its table lists every one.
    await page.goto('/catalog/group/default/payments-team/relations');
    const graph = page.getByTestId('relation-graph');
    await graph.getByTestId('graph-node').filter({ hasText: '54 more' }).waitFor();
    assert.equal(
      await page.getByTestId('relation-table').getByRole('row').filter({ hasText: 'Has member' }).count(),
      60,
    );
    await settled(page);
    assert.deepEqual(await seriousAccessibilityFindings(page), []);
    await screenshot(page, 'entity-graph-team');
    await page.context().close();
  });
});
