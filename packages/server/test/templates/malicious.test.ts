import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDatabase } from '../harness/databases.ts';
import { entityYaml, fixtureRepos } from '../harness/git-repos.ts';
import { git, useTemplateApp } from './template-app.ts';

/** A template whose steps are given, read from the catalog like any other. */
function template(name: string, steps: unknown[]) {
  return entityYaml('Template', name, {
    type: 'service',
    parameters: { properties: { repoUrl: { type: 'string' }, name: { type: 'string' } } },
    steps,
  });
}

describeEachDatabase('malicious templates', (getDb) => {
  const t = useTemplateApp(getDb);

  async function register(files: Record<string, string>) {
    const repos = await fixtureRepos();
    const repo = await repos.create('evil', files);
    const location = await t
      .platform()
      .catalog.registerLocation({ type: 'git', target: repo.url, paths: ['**/template.yaml'] }, 'alice');
    assert.equal(location.outcome.result, 'refreshed', JSON.stringify(location.outcome));
  }

  async function run(name: string, parameters: Record<string, unknown>) {
    const res = await t.api('POST', `/templates/default/${name}/runs`, { parameters });
    if (res.statusCode !== 202) return res;
    const id = res.json().run.id;
    return t.eventually('the run to end', async () => {
      const r = await t.api('GET', `/template-runs/${id}`);
      return r.json().run.finishedAt ? r : false;
    });
  }

  it('refuses code in expressions before the run starts', async () => {
    await register({
      'code/template.yaml': template('code', [
        {
          id: 'log',
          action: 'debug:log',
          input: { message: "${{ parameters.constructor.constructor('return process')() }}" },
        },
      ]),
      'proto/template.yaml': template('proto', [
        { id: 'log', action: 'debug:log', input: { message: '${{ parameters.__proto__ }}' } },
      ]),
      'traversal/template.yaml': template('traversal', [
        { id: 'fetch', action: 'fetch:template', input: { url: './skeleton', targetPath: '../../etc' } },
        { id: 'publish', action: 'publish:git', input: { repoUrl: '${{ parameters.repoUrl }}' } },
      ]),
      'traversal/skeleton/passwd': 'root::0:0::/:/bin/sh',
      'names/template.yaml': template('names', [
        {
          id: 'fetch',
          action: 'fetch:template',
          input: { url: './skeleton', values: { name: '${{ parameters.name }}' } },
        },
        { id: 'publish', action: 'publish:git', input: { repoUrl: '${{ parameters.repoUrl }}' } },
      ]),
      'names/skeleton/${{ values.name }}': 'x',
      'escape/template.yaml': template('escape', [
        { id: 'fetch', action: 'fetch:plain', input: { url: '../../../../etc' } },
      ]),
      'ext/template.yaml': template('ext', [
        { id: 'publish', action: 'publish:git', input: { repoUrl: '${{ parameters.repoUrl }}' } },
      ]),
    });

    for (const [name, pattern] of [
      ['code', /"constructor" cannot be accessed/],
      ['proto', /"__proto__" cannot be accessed/],
    ] as const) {
      const res = await t.api('POST', `/templates/default/${name}/runs`, { parameters: {} });
      assert.equal(res.statusCode, 400, res.body);
      assert.match(res.json().error.message, pattern);
    }
  });

  it('names every problem of a template at once: unknown actions and expressions that will not compile', async () => {
    await register({
      'many/template.yaml': template('many', [
        { id: 'pr', action: 'publish:bitbucket', input: {} },
        { id: 'log', action: 'debug:log', input: { message: '${{ parameters.__proto__ }}' } },
        { id: 'mr', action: 'github:actions:dispatch', input: {} },
      ]),
    });
    const res = await t.api('POST', '/templates/default/many/runs', { parameters: {} });
    assert.equal(res.statusCode, 400, res.body);
    const error = res.json().error;
    assert.equal(error.code, 'invalid_input');
    assert.deepEqual(
      error.fields.map((f: { path: string }) => f.path),
      ['/spec/steps/0/action', '/spec/steps/1/input/message', '/spec/steps/2/action'],
    );
    assert.match(error.message, /names action publish:bitbucket.*\(and 2 more\)/);
    assert.match(error.hint, /Supported actions: /);
    // Shown before anyone runs it: all three when the template is read, its unknown actions in lists.
    const shown = (await t.api('GET', '/templates/default/many')).json().template;
    assert.deepEqual(
      shown.problems.map((p: { path: string }) => p.path),
      ['/spec/steps/0/action', '/spec/steps/1/input/message', '/spec/steps/2/action'],
    );
    const listed = (await t.api('GET', '/templates')).json().items.find((i: { name: string }) => i.name === 'many');
    assert.deepEqual(
      listed.problems.map((p: { path: string }) => p.path),
      ['/spec/steps/0/action', '/spec/steps/2/action'],
    );
  });

  it('refuses paths outside the workspace, and pushes nothing', async () => {
    const repo = await t.bareRepo('victim');
    for (const [name, parameters, pattern] of [
      ['traversal', { repoUrl: repo.url }, /"\.\." would leave the workspace/],
      ['names', { repoUrl: repo.url, name: '../../../../tmp/owned' }, /"\.\." would leave the workspace/],
      ['escape', {}, /"\.\." would leave the workspace/],
      ['ext', { repoUrl: 'ext::sh -c touch% /tmp/pwned' }, /./],
    ] as const) {
      const res = await run(name, parameters);
      const body = res.json();
      const message = body.run?.error ?? body.error?.message;
      assert.ok(body.run?.status === 'failed' || res.statusCode === 400, res.body);
      assert.match(message, pattern, name);
    }
    assert.equal(await git(['rev-parse', '--all'], repo.dir), '', 'nothing pushed');
  });
});
