/**
 * The Create pages in a real browser against a real server whose templates may push to
 * file:// repositories: the gallery of golden paths, a wizard generated from a template's
 * JSON Schema (missing fields caught here, invalid ones by the server and shown at the
 * field), a dry run's files, and a real run into a bare Git repository followed live to the
 * new service. A catalog template with every kind of field checks the form generator.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { deleteNamespacesWithPrefix, liveKubeconfig } from '../../cli/test/harness.ts';
import { entityYaml, fixtureRepos } from '../../server/test/harness/git-repos.ts';
import { type Portal, screenshot, seriousAccessibilityFindings, startPortal } from './harness.ts';
import { adminApi } from './service-fixtures.ts';

const prefix = 'webcreate';

/** A template expression, `${{ ... }}`, written so that it does not look like a mistyped template literal. */
const expr = (inner: string) => `$\{{ ${inner} }}`;

/** A catalog template that asks for one of everything the wizard can draw. */
const everyField = entityYaml(
  'Template',
  'every-field',
  {
    owner: 'group:default/platform-team',
    type: 'library',
    parameters: [
      {
        title: 'Basics',
        required: ['name', 'owner'],
        properties: {
          name: { title: 'Name', type: 'string', pattern: '^[a-z][-a-z0-9]*$', 'ui:autofocus': true },
          owner: {
            title: 'Owner',
            type: 'string',
            'ui:field': 'OwnerPicker',
            'ui:options': { allowedKinds: ['Group'] },
          },
          summary: {
            title: 'Summary',
            type: 'string',
            'ui:widget': 'textarea',
            'ui:help': 'Shown on the catalog page.',
          },
        },
      },
      {
        title: 'Settings',
        // Backstage's conditional fields: a bucket name only when storage is a bucket, then required.
        dependencies: {
          storage: {
            oneOf: [
              { properties: { storage: { enum: ['none'] } } },
              {
                properties: { storage: { enum: ['bucket'] }, bucketName: { title: 'Bucket name', type: 'string' } },
                required: ['bucketName'],
              },
            ],
          },
        },
        properties: {
          storage: { title: 'Storage', type: 'string', enum: ['none', 'bucket'], default: 'none' },
          language: {
            title: 'Language',
            type: 'string',
            enum: ['typescript', 'go'],
            enumNames: ['TypeScript', 'Go'],
            default: 'typescript',
          },
          replicas: { title: 'Replicas', type: 'integer', minimum: 1, maximum: 5, default: 2 },
          public: { title: 'Public API', type: 'boolean', default: false },
          tags: { title: 'Tags', type: 'array', items: { type: 'string' } },
          database: {
            title: 'Database',
            type: 'object',
            required: ['size'],
            properties: {
              engine: { title: 'Engine', type: 'string', enum: ['postgres', 'mysql'] },
              size: { title: 'Size', type: 'string', description: 'e.g. 10Gi' },
            },
          },
        },
      },
    ],
    steps: [
      {
        id: 'fetch',
        name: 'Render',
        action: 'fetch:template',
        input: {
          url: './skeleton',
          values: {
            name: expr('parameters.name'),
            language: expr('parameters.language'),
            replicas: expr('parameters.replicas'),
            size: expr('parameters.database.size'),
          },
        },
      },
    ],
  },
  { title: 'Every kind of field', description: 'A test template with one field of each kind.', tags: ['test'] },
);

describe('create pages', () => {
  let portal: Portal;
  let work: string;
  let repos: Awaited<ReturnType<typeof fixtureRepos>>;

  // Setup through the API as the first admin; paths below /api/v1.
  const apiCall = (method: string, path: string, body?: unknown) => adminApi(portal)(method, path, body);

  /** An empty bare repository; its file:// URL. */
  const bareRepo = (name: string) => {
    const dir = join(work, `${name}.git`);
    execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', dir]);
    return { dir, url: pathToFileURL(dir).href };
  };

  /** Fills node-service's two pages and goes on to the review. */
  const fillNodeService = async (page: Page, values: { name: string; owner: string; repoUrl: string }) => {
    await page.getByLabel('Name').fill(values.name);
    await page.getByLabel('Owner').fill(values.owner);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: /Where it lives/ }).waitFor();
    await page.getByLabel('Repository').fill(values.repoUrl);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: /Review and create/ }).waitFor();
  };

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'slipway-webcreate-'));
    repos = await fixtureRepos();
    portal = await startPortal({ namespacePrefix: prefix, allowFileUrls: true });
    await apiCall('POST', '/teams', { name: 'payments', displayName: 'Payments' });
  });
  after(async () => {
    await portal?.stop();
    await repos?.dispose();
    rmSync(work, { recursive: true, force: true });
    await deleteNamespacesWithPrefix(liveKubeconfig(), prefix);
  });

  test('the gallery lists both golden paths, filters as one types, and opens a wizard', async () => {
    const page = await portal.signedIn();
    await page.goto('/create');
    const node = page.getByRole('article', { name: 'Node.js HTTP service' });
    const job = page.getByRole('article', { name: 'Scheduled job' });
    await node.waitFor();
    await job.waitFor();
    assert.equal(await page.title(), 'Create · Slipway');
    for (const card of [node, job]) {
      assert.match(await card.innerText(), /Built-in golden path/);
      assert.match(await card.innerText(), /recommended/);
    }
    assert.match(await node.innerText(), /service/);
    assert.match(await job.innerText(), /job/);
    assert.deepEqual(await seriousAccessibilityFindings(page), []);
    await screenshot(page, 'create-gallery');

    await page.getByLabel('Filter templates').fill('cron');
    await node.waitFor({ state: 'detached' });
    assert.ok(await job.isVisible());
    assert.match(await page.locator('#template-count').innerText(), /1 of 2 templates/);
    await page.getByLabel('Filter templates').fill('no such thing');
    await page.getByText('No template matches the filter').waitFor();
    await page.getByLabel('Filter templates').fill('');
    await node.getByRole('link', { name: 'Node.js HTTP service' }).click();
    await page.waitForURL(/\/create\/slipway\/node-service$/);
    await page.getByRole('heading', { level: 1, name: 'Node.js HTTP service' }).waitFor();
    await page.context().close();
  });

  test("the wizard's fields come from the schema; missing fields are caught, invalid ones shown where the server says", async () => {
    const page = await portal.signedIn();
    await page.goto('/create/slipway/node-service');
    await page.getByRole('heading', { name: /The service/ }).waitFor();
    // The steps are the template's pages, and a review.
    const steps = page.getByRole('navigation', { name: 'Steps' });
    assert.match(await steps.innerText(), /The service[\s\S]*Where it lives[\s\S]*Review and create/);
    // Title, description, default and pattern come from the schema.
    const name = page.getByLabel('Name');
    assert.equal(await name.getAttribute('aria-required'), 'true');
    assert.match(await page.locator('#param-name-help').innerText(), /A DNS label[\s\S]*Must match/);
    assert.equal(await page.getByLabel('Description').inputValue(), 'A Node.js HTTP service.');

    // Next with nothing filled in: the required fields say so, here.
    await page.getByRole('button', { name: 'Next' }).click();
    assert.equal(await name.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#param-name-error').innerText(), 'is required');
    assert.equal(await page.locator('#param-owner-error').innerText(), 'is required');
    assert.match(await steps.innerText(), /needs attention/);
    assert.deepEqual(await seriousAccessibilityFindings(page), []);

    // The name field's own rule (EntityNamePicker) is checked here, before the server is asked.
    await name.fill('Bad Name');
    await page.getByLabel('Owner').fill('payments');
    await page.getByRole('button', { name: 'Next' }).click();
    assert.match(await page.locator('#param-name-error').innerText(), /Must start and end with an alphanumeric/);
    assert.equal(await name.getAttribute('aria-invalid'), 'true');

    // A name the field's rule takes but the pattern refuses passes here; the server refuses it,
    // and the wizard goes back to the step with the field and shows the server's words under it.
    const repo = bareRepo('refused');
    await fillNodeService(page, { name: 'Bad_Name', owner: 'payments', repoUrl: repo.url });
    assert.match(await page.locator('.review-list').first().innerText(), /Bad_Name/);
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('heading', { name: /The service/ }).waitFor();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.equal(await alert.getAttribute('data-error-code'), 'invalid_input');
    assert.match(await page.locator('#param-name-error').innerText(), /must match pattern/);
    assert.equal(await name.getAttribute('aria-invalid'), 'true');
    assert.match((await name.getAttribute('aria-describedby')) ?? '', /param-name-error/);
    assert.deepEqual(await seriousAccessibilityFindings(page), []);
    await screenshot(page, 'create-wizard');

    // Fixing the field clears its problem.
    await name.fill('fine-name');
    assert.equal(await page.locator('#param-name-error').count(), 0);
    assert.equal(execFileSync('git', ['rev-parse', '--all'], { cwd: repo.dir }).toString(), '', 'nothing pushed');
    await page.context().close();
  });

  test('a dry run lists the files it would write, and shows each one', async () => {
    const page = await portal.signedIn();
    await page.goto('/create/slipway/node-service');
    await page.getByRole('heading', { name: /The service/ }).waitFor();
    const repo = bareRepo('dry');
    await fillNodeService(page, { name: 'dry-one', owner: 'payments', repoUrl: repo.url });
    await page.getByRole('button', { name: 'Dry run' }).click();
    const result = page.getByRole('region', { name: /Dry run: \d+ files it would write/ });
    await result.waitFor();
    const files = result.getByRole('navigation', { name: 'Files' });
    for (const path of [
      'score.yaml',
      'catalog-info.yaml',
      'Dockerfile',
      '.github/workflows/deploy.yml',
      'docs/index.md',
    ])
      await files.getByRole('button', { name: path, exact: true }).waitFor();
    assert.match(await result.innerText(), /skipped\s+Push to the repository/);
    await files.getByRole('button', { name: 'score.yaml', exact: true }).click();
    assert.equal(
      await files.getByRole('button', { name: 'score.yaml', exact: true }).getAttribute('aria-current'),
      'true',
    );
    assert.match(await page.getByTestId('file-content').innerText(), /name: dry-one/);
    await files.getByRole('button', { name: 'catalog-info.yaml', exact: true }).click();
    assert.match(await page.getByTestId('file-content').innerText(), /owner: payments/);
    assert.deepEqual(await seriousAccessibilityFindings(page), []);
    await screenshot(page, 'create-dry-run');
    assert.equal(execFileSync('git', ['rev-parse', '--all'], { cwd: repo.dir }).toString(), '', 'nothing pushed');
    await page.context().close();
  });

  test('a real run streams its steps live to done and links to the new service', async () => {
    const page = await portal.signedIn();
    await page.goto('/create/slipway/node-service');
    await page.getByRole('heading', { name: /The service/ }).waitFor();
    const repo = bareRepo('orders');
    await fillNodeService(page, { name: 'orders', owner: 'payments', repoUrl: repo.url });
    // The owner parameter names a team, so the run is that team's unless another is chosen.
    assert.equal(await page.getByLabel('Team that owns the new service').inputValue(), 'payments');
    const stream = page.waitForRequest((r) => /\/api\/v1\/template-runs\/[-0-9a-f]+\/events$/.test(r.url()));
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL(/\/create\/runs\/[-0-9a-f]+$/);
    await stream;
    await page.getByRole('heading', { level: 1, name: 'Creating orders' }).waitFor();
    const outcome = page.getByRole('region', { name: 'Created orders' });
    await outcome.waitFor({ timeout: 60_000 });

    const step = (id: string) => page.getByTestId(`step-${id}`);
    for (const id of ['fetch', 'publish', 'register'])
      assert.equal(await step(id).getAttribute('data-status'), 'succeeded', id);
    assert.equal(await step('deploy').getAttribute('data-status'), 'skipped');
    assert.match(await step('publish').innerText(), /done/);
    // Log lines come only from the event stream (the run itself has none).
    assert.match(
      await step('fetch').getByRole('region', { name: 'Log of Render the skeleton' }).innerText(),
      /wrote score\.yaml/,
    );
    assert.match(await step('publish').innerText(), /pushed main/);
    assert.match(await step('register').innerText(), /registered/);
    assert.match(await step('deploy').innerText(), /skipped: condition is false/);

    assert.equal(
      await outcome.getByRole('link', { name: 'Open the service orders' }).getAttribute('href'),
      '/services/orders',
    );
    assert.equal(
      await outcome.getByRole('link', { name: /Open its catalog entity/ }).getAttribute('href'),
      '/catalog/component/default/orders',
    );
    assert.equal(await outcome.getByTestId('run-link-url').innerText(), repo.url);
    assert.deepEqual(await seriousAccessibilityFindings(page), []);
    await screenshot(page, 'create-run');

    const clone = join(work, 'orders-clone');
    execFileSync('git', ['clone', '--quiet', repo.url, clone]);
    for (const path of ['package.json', 'score.yaml', 'catalog-info.yaml'])
      assert.ok(existsSync(join(clone, path)), path);

    // The run is listed in the gallery, and its page reads the same after a reload.
    const runUrl = page.url();
    await page.goto('/create');
    await page
      .getByRole('region', { name: 'Recent runs' })
      .getByRole('link', { name: 'slipway/node-service' })
      .first()
      .waitFor();
    await page.goto(runUrl);
    await page.getByRole('region', { name: 'Created orders' }).waitFor();
    // The run's record draws the outcome at once; its log lines come back with the event
    // stream's replay a moment later, so wait for them rather than read what is there.
    await step('publish')
      .getByText(/pushed main/)
      .first()
      .waitFor();
    await page.getByLabel('Theme').selectOption('dark');
    assert.deepEqual(await seriousAccessibilityFindings(page), []);
    await screenshot(page, 'create-run-dark');
    await page.context().close();
  });

  test('a catalog template gets a control for each kind of field, and its own errors at the right field', async () => {
    const repo = await repos.create('webcreate-templates', {
      'group.yaml': entityYaml('Group', 'platform-team', { type: 'team', children: [] }, { title: 'Platform team' }),
      'template.yaml': everyField,
      'elsewhere.yaml': entityYaml(
        'Template',
        'from-elsewhere',
        {
          owner: 'group:default/platform-team',
          type: 'service',
          parameters: [],
          steps: [{ id: 'publish', name: 'Publish', action: 'publish:bitbucket', input: {} }],
        },
        { title: 'From elsewhere' },
      ),
      'skeleton/README.md': `# ${expr('values.name')}\n\nIn ${expr('values.language')}, ${expr('values.replicas')} replicas, ${expr('values.size')}.\n`,
    });
    await apiCall('POST', '/catalog/locations', {
      type: 'git',
      target: repo.url,
      paths: ['group.yaml', 'template.yaml', 'elsewhere.yaml'],
    });

    const page = await portal.newPage({ width: 390 });
    await page.goto('/create');
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(portal.server.adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const card = page.getByRole('article', { name: 'Every kind of field' });
    await card.waitFor();
    assert.doesNotMatch(await card.innerText(), /Built-in|Cannot run/);
    // A template with an action Slipway lacks says so in the gallery, before anyone tries it.
    const broken = await page.getByRole('article', { name: 'From elsewhere' }).innerText();
    assert.match(broken, /Cannot run: 1 problem/);
    assert.match(broken, /Step publish names action publish:bitbucket, which Slipway does not have/);
    await card.getByRole('link').click();
    await page.waitForURL(/\/create\/default\/every-field$/);

    // ui:autofocus, an owner picker filled from the catalog's groups, a textarea with ui:help.
    const name = page.getByLabel('Name');
    await name.waitFor();
    assert.equal(await page.locator(':focus').getAttribute('id'), 'param-name');
    const owner = page.getByLabel('Owner');
    await owner.getByRole('option', { name: 'Platform team' }).waitFor({ state: 'attached' });
    assert.equal(await page.getByLabel('Summary').evaluate((e) => e.tagName), 'TEXTAREA');
    assert.match(await page.locator('#param-summary-help').innerText(), /Shown on the catalog page/);
    await name.fill('lib-one');
    await owner.selectOption({ label: 'Platform team' });
    assert.equal(await owner.inputValue(), 'group:default/platform-team');
    assert.deepEqual(await seriousAccessibilityFindings(page), []);
    await screenshot(page, 'create-wizard-narrow');
    await page.getByRole('button', { name: 'Next' }).click();

    // An enum as a select with its names, a number, a checkbox, a list, a nested object.
    await page.getByRole('heading', { name: /Settings/ }).waitFor();
    const language = page.getByLabel('Language');
    assert.equal(await language.evaluate((e) => e.tagName), 'SELECT');
    assert.equal(await language.locator('option:checked').innerText(), 'TypeScript');
    await language.selectOption({ label: 'Go' });
    const replicas = page.getByRole('spinbutton', { name: 'Replicas' });
    assert.equal(await replicas.inputValue(), '2');
    await page.getByRole('checkbox', { name: 'Public API' }).check();
    await page.getByLabel('Tags').fill('one\ntwo');
    // The dependent field appears with the choice that asks for it, and is then required.
    assert.equal(await page.getByLabel('Bucket name').count(), 0);
    await page.getByLabel('Storage').selectOption('bucket');
    const bucket = page.getByLabel('Bucket name');
    await bucket.waitFor();
    const database = page.getByRole('group', { name: 'Database' });
    await database.getByLabel('Engine').selectOption('postgres');
    // A nested object partly filled in must have its required fields.
    await page.getByRole('button', { name: 'Next' }).click();
    assert.equal(await page.locator('#param-database-size-error').innerText(), 'is required');
    assert.equal(await page.locator('#param-bucketName-error').innerText(), 'is required');
    await database.getByLabel('Size').fill('10Gi');
    await bucket.fill('lib-one-assets');
    // Too many replicas: only the server says so, at the field, on its step.
    await replicas.fill('9');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: /Review and create/ }).waitFor();
    assert.match(await page.locator('.review-list').nth(1).innerText(), /Tags\s+one, two[\s\S]*Database › Size\s+10Gi/);
    assert.match(await page.locator('.review-list').nth(1).innerText(), /Bucket name\s+lib-one-assets/);
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByRole('heading', { name: /Settings/ }).waitFor();
    assert.match(await page.locator('#param-replicas-error').innerText(), /must be <= 5/);
    assert.equal(await replicas.getAttribute('aria-invalid'), 'true');

    await replicas.fill('3');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Dry run' }).click();
    const content = page.getByTestId('file-content');
    await content.waitFor();
    assert.match(await content.innerText(), /# lib-one\s+In go, 3 replicas, 10Gi\./);
    await page.context().close();
  });
});
