import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { parseScore } from '@slipway/core';
import { describeEachDatabase } from '../harness/databases.ts';
import { git, parseEventStream, useTemplateApp } from './template-app.ts';

describeEachDatabase('golden-path templates, end to end', (getDb) => {
  const t = useTemplateApp(getDb);
  const env = () => `${t.prefix}-dev`;

  it('lists the built-in golden paths with their parameter schemas', async () => {
    const res = await t.api('GET', '/templates');
    assert.equal(res.statusCode, 200, res.body);
    const names = res.json().items.map((i: { ref: string }) => i.ref);
    assert.ok(names.includes('template:slipway/node-service'));
    assert.ok(names.includes('template:slipway/scheduled-job'));
    const one = await t.api('GET', '/templates/slipway/node-service');
    assert.deepEqual(one.json().template.parameters.required, ['name', 'owner', 'repoUrl']);
    // The form's pages as written, for a wizard that asks step by step.
    assert.deepEqual(one.json().template.pages, [
      { title: 'The service', properties: ['name', 'owner', 'description'] },
      { title: 'Where it lives', properties: ['repoUrl', 'environment', 'image'] },
    ]);
    assert.equal((await t.api('GET', '/templates/slipway/nope')).statusCode, 404);
  });

  it('refuses parameters that do not fit, with /parameters paths', async () => {
    const res = await t.api('POST', '/templates/slipway/node-service/runs', { parameters: { name: 'Bad Name' } });
    assert.equal(res.statusCode, 400, res.body);
    const paths = res.json().error.fields.map((f: { path: string }) => f.path);
    assert.ok(paths.includes('/parameters/name'));
    assert.ok(paths.includes('/parameters/repoUrl'));
  });

  it('dry-runs both golden paths: valid Score files, nothing pushed', async () => {
    const repo = await t.bareRepo('dry');
    for (const [template, extra] of [
      ['node-service', {}],
      ['scheduled-job', { schedule: '*/5 * * * *' }],
    ] as const) {
      const res = await t.api('POST', `/templates/slipway/${template}/runs`, {
        dryRun: true,
        parameters: { name: 'dry-one', owner: 'payments', repoUrl: repo.url, ...extra },
      });
      assert.equal(res.statusCode, 200, res.body);
      const run = res.json().run;
      assert.equal(run.status, 'succeeded', run.error);
      const files = new Map(run.output.files.map((f: { path: string; content: string }) => [f.path, f.content]));
      for (const path of [
        'score.yaml',
        'catalog-info.yaml',
        'Dockerfile',
        '.github/workflows/deploy.yml',
        'docs/index.md',
      ])
        assert.ok(files.has(path), `${template}: ${path}`);
      const score = parseScore(files.get('score.yaml') as string);
      assert.equal(score.metadata.name, 'dry-one');
      if (template === 'scheduled-job') {
        // The golden path deploys as a real CronJob on the schedule asked for.
        assert.equal(score.metadata.annotations?.['slipway.dev/workload-type'], 'cronjob');
        assert.equal(score.metadata.annotations?.['slipway.dev/schedule'], '*/5 * * * *');
      }
      assert.match(files.get('.github/workflows/deploy.yml') as string, /\/api\/v1\/deploys/);
      assert.match(files.get('.github/workflows/deploy.yml') as string, /\$\{\{ secrets\.SLIPWAY_TOKEN \}\}/);
      assert.deepEqual(
        run.steps.map((s: { status: string }) => s.status),
        ['succeeded', 'skipped', 'skipped', 'skipped'],
      );
    }
    assert.equal(await git(['rev-parse', '--all'], repo.dir), '', 'nothing pushed');
  });

  it('runs node-service into a bare repository, registers it and deploys it', async () => {
    assert.equal((await t.api('POST', '/teams', { name: 'payments' })).statusCode, 201);
    const created = await t.api('POST', '/environments', { name: env(), type: 'development' });
    assert.ok([200, 201, 202].includes(created.statusCode), created.body);
    const repo = await t.bareRepo('orders');
    const res = await t.api('POST', '/templates/slipway/node-service/runs', {
      owner: 'payments',
      parameters: { name: 'orders', owner: 'payments', repoUrl: repo.url, environment: env() },
    });
    assert.equal(res.statusCode, 202, res.body);
    const id = res.json().run.id;

    // The events stream replays from the start and ends with the run.
    const stream = await t.api('GET', `/template-runs/${id}/events`);
    assert.equal(stream.statusCode, 200);
    assert.match(String(stream.headers['content-type']), /text\/event-stream/);
    const events = parseEventStream(stream.body);
    const last = events.at(-1);
    assert.equal(last?.event, 'run');
    assert.equal(last?.data.message, 'succeeded', stream.body);
    assert.ok(events.some((e) => e.event === 'log' && /pushed main/.test(e.data.message)));
    assert.deepEqual(
      events.filter((e) => e.event === 'step' && e.data.message === 'succeeded').map((e) => e.data.stepId),
      ['fetch', 'publish', 'register', 'deploy'],
    );
    const resumed = parseEventStream(
      (
        await t.inject({
          method: 'GET',
          url: `/api/v1/template-runs/${id}/events`,
          headers: { authorization: `Bearer ${t.token('alice')}`, 'last-event-id': String(events.length - 2) },
        })
      ).body,
    );
    assert.deepEqual(
      resumed.map((e) => e.id),
      [events.length - 1, events.length],
    );

    const run = (await t.api('GET', `/template-runs/${id}`)).json().run;
    assert.equal(run.status, 'succeeded');
    assert.equal(run.output.entityRef, 'component:default/orders');
    assert.equal(run.output.links[0].url, repo.url);

    const dir = await t.clone(repo.url);
    for (const path of [
      'package.json',
      'src/server.js',
      'score.yaml',
      'catalog-info.yaml',
      'docs/index.md',
      'README.md',
    ])
      assert.ok(await stat(join(dir, path)), path);
    assert.match(await readFile(join(dir, 'catalog-info.yaml'), 'utf8'), /owner: payments/);
    assert.equal(await git(['log', '-1', '--format=%an'], dir), 'alice');

    const entity = await t
      .db()
      .selectFrom('catalog_entities')
      .selectAll()
      .where('ref', '=', 'component:default/orders')
      .executeTakeFirst();
    assert.equal(entity?.owner, 'group:default/payments');

    const releaseId = run.steps.find((s: { id: string }) => s.id === 'deploy').output.releaseId;
    await t.eventually(
      'a healthy release',
      async () => {
        const r = await t.api('GET', `/releases/${releaseId}`);
        return r.json().release?.status === 'healthy';
      },
      90_000,
    );

    const history = (await t.api('GET', '/template-runs')).json().items;
    assert.ok(history.some((r: { id: string }) => r.id === id));
    assert.equal((await t.api('GET', '/template-runs', undefined, 'carol')).json().items.length, 0);
    assert.equal((await t.api('GET', `/template-runs/${id}`, undefined, 'carol')).statusCode, 403);
  });
});
