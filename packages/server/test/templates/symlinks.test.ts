/**
 * A template repository holding symlinks: git writes them into the run's checkout as they
 * are, so every read of a run resolves on disk and must stay inside the checkout. Real
 * repositories, real runs, both databases.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { it } from 'node:test';
import { describeEachDatabase } from '../harness/databases.ts';
import { entityYaml } from '../harness/git-repos.ts';
import { git, useTemplateApp } from './template-app.ts';

function template(name: string, steps: unknown[]) {
  return entityYaml('Template', name, {
    type: 'service',
    parameters: { properties: { repoUrl: { type: 'string' }, name: { type: 'string' } } },
    steps,
  });
}

const fetchPlain = (url: string, extra: Record<string, unknown> = {}) => ({
  id: 'fetch',
  action: 'fetch:plain',
  input: { url, ...extra },
});
const publish = { id: 'publish', action: 'publish:git', input: { repoUrl: '${{ parameters.repoUrl }}' } };

/** Nothing of the server's own files, and none of its directories, in what a run shows. */
function assertNothingLeaked(shown: string) {
  assert.doesNotMatch(shown, /root:[^:]*:0:0/, 'no line of /etc/passwd or /etc/shadow');
  assert.doesNotMatch(shown, /slipway-template-(src-)?[A-Za-z0-9]{6}/, 'no temporary directory of the server');
  assert.doesNotMatch(shown, /"(path|content)":"(shadow|passwd|hostname)/, 'no file of /etc listed');
}

describeEachDatabase('templates holding symlinks', (getDb) => {
  const t = useTemplateApp(getDb);
  const hostname = readFile('/etc/hostname', 'utf8').catch(() => '');

  it('refuses, by name, a fetch folder whose link leaves the repository: dry run and real run', async () => {
    await t.templateRepo(
      'links-out',
      {
        'etc/template.yaml': template('etc', [fetchPlain('./etclink'), publish]),
        'file/template.yaml': template('file', [fetchPlain('./hostlink'), publish]),
        'up/template.yaml': template('up', [fetchPlain('./uplink'), publish]),
        'parent/template.yaml': template('parent', [fetchPlain('./rootlink/etc'), publish]),
        'rendered/template.yaml': template('rendered', [
          { id: 'fetch', action: 'fetch:template', input: { url: './${{ parameters.name }}' } },
          publish,
        ]),
      },
      {
        'etc/etclink': '/etc',
        'file/hostlink': '/etc/hostname',
        // Relative, out of the checkout into the server's temporary directory.
        'up/uplink': '../..',
        'parent/rootlink': '/',
        'rendered/etclink': '/etc',
      },
    );
    const repo = await t.bareRepo('links-out-target');
    for (const [name, url, parameters] of [
      ['etc', './etclink', {}],
      ['file', './hostlink', {}],
      ['up', './uplink', {}],
      ['parent', './rootlink/etc', {}],
      ['rendered', './etclink', { name: 'etclink' }],
    ] as const) {
      for (const dryRun of [true, false]) {
        const { started, run, events, stream } = await t.runToEnd(`default/${name}`, {
          dryRun,
          parameters: { repoUrl: repo.url, ...parameters },
        });
        assert.equal(started.statusCode, dryRun ? 200 : 202, started.body);
        assert.equal(run.status, 'failed', `${name}: ${JSON.stringify(run)}`);
        const refusal = `fetch url "${url}" is refused: a symlink in it leads outside the template's repository`;
        assert.equal(run.error, refusal, name);
        assert.equal(events.at(-1)?.data.message, `failed: ${refusal}`, `${name}: the run event says why`);
        assert.deepEqual(run.output, {});
        assert.deepEqual(
          run.steps.map((s: { status: string }) => s.status),
          ['failed', 'pending'],
        );
        const shown = JSON.stringify(run) + stream;
        assertNothingLeaked(shown);
        const host = (await hostname).trim();
        if (host.length > 3) assert.ok(!shown.includes(host), 'not even /etc/hostname');
      }
    }
    assert.equal(await git(['rev-parse', '--all'], repo.dir), '', 'nothing pushed');
  });

  it('follows a link that stays inside the repository, and leaves out the links of a skeleton', async () => {
    await t.templateRepo(
      'links-in',
      {
        'inside/template.yaml': template('inside', [
          fetchPlain('./skel', { targetPath: 'app' }),
          {
            id: 'render',
            action: 'fetch:template',
            input: { url: './skeleton', values: { name: '${{ parameters.name }}' } },
          },
          publish,
        ]),
        'inside/skeleton/README.md': '# ${{ values.name }}\n',
      },
      {
        'inside/skel': 'skeleton',
        'inside/skeleton/shadow': '/etc/shadow',
        'inside/skeleton/passwd': '../../../../../../../../etc/passwd',
        'inside/skeleton/readme-again': 'README.md',
        'inside/skeleton/etc': '/etc',
      },
    );
    const repo = await t.bareRepo('links-in-target');
    const dry = await t.runToEnd('default/inside', { dryRun: true, parameters: { repoUrl: repo.url, name: 'web' } });
    assert.equal(dry.run.status, 'succeeded', dry.run.error);
    assert.deepEqual(
      dry.run.output.files.map((f: { path: string; content: string }) => [f.path, f.content]),
      [
        ['app/README.md', '# ${{ values.name }}\n'],
        ['README.md', '# web\n'],
      ],
    );
    const logs = dry.events.filter((e) => e.event === 'log').map((e) => e.data.message);
    for (const link of ['etc', 'passwd', 'readme-again', 'shadow'])
      assert.ok(logs.includes(`left out skeleton/${link}: symlinks are not copied`), `${link}: ${logs.join(' | ')}`);
    assertNothingLeaked(JSON.stringify(dry.run) + dry.stream);

    const real = await t.runToEnd('default/inside', { parameters: { repoUrl: repo.url, name: 'web' } });
    assert.equal(real.run.status, 'succeeded', real.run.error);
    const dir = await t.clone(repo.url);
    assert.deepEqual((await git(['ls-files'], dir)).split('\n').sort(), ['README.md', 'app/README.md']);
  });

  it('refuses to write Git metadata: a .git folder or file would steer publish:git', async () => {
    await t.templateRepo('dotgit', {
      // core.fsmonitor is run by `git add`: a command on the server.
      'config/template.yaml': template('config', [fetchPlain('./gitdir', { targetPath: '.git' }), publish]),
      'config/gitdir/config': '[core]\n\tfsmonitor = "touch /tmp/slipway-owned"\n',
      // A `.git` file points git at any repository on the server.
      'gitfile/template.yaml': template('gitfile', [
        { id: 'fetch', action: 'fetch:template', input: { url: './skeleton', values: { name: '.git' } } },
        publish,
      ]),
      'gitfile/skeleton/${{ values.name }}': 'gitdir: /var/lib/slipway/some-private-repo.git\n',
      'upper/template.yaml': template('upper', [fetchPlain('./gitdir', { targetPath: 'sub/.GIT' }), publish]),
      'upper/gitdir/config': '[core]\n\tbare = false\n',
    });
    const repo = await t.bareRepo('dotgit-target');
    for (const [name, path] of [
      ['config', '.git/config'],
      ['gitfile', '.git'],
      ['upper', 'sub/.GIT/config'],
    ] as const) {
      const { run } = await t.runToEnd(`default/${name}`, { parameters: { repoUrl: repo.url } });
      assert.equal(run.status, 'failed', name);
      assert.equal(
        run.error,
        `Template path "${path}" is refused: Git metadata (.git) is written by publish:git only`,
        name,
      );
      assert.equal(run.steps[1].status, 'pending', `${name}: publish:git never ran`);
    }
    assert.equal(await git(['rev-parse', '--all'], repo.dir), '', 'nothing pushed');
  });

  it("reads a template file or docs page that is a symlink as the link's text, never the file it names", async () => {
    const { location } = await t.templateRepo(
      'linked-files',
      {
        'real/template.yaml': template('real', [fetchPlain('./skeleton')]),
        'real/skeleton/a.txt': 'a',
        'docs/template.yaml': entityYaml(
          'Component',
          'linked-docs',
          { type: 'service', lifecycle: 'production', owner: 'payments' },
          { annotations: { 'backstage.io/techdocs-ref': 'dir:.' } },
        ),
        'docs/docs/about.md': '# About\n',
      },
      { 'linked/template.yaml': '/etc/passwd', 'docs/docs/index.md': '/etc/passwd' },
    );
    assert.equal(location.outcome.result, 'refreshed', JSON.stringify(location.outcome));
    const entities = await t
      .db()
      .selectFrom('catalog_entities')
      .select(['ref', 'entity'])
      .where('location_id', '=', location.location.id)
      .execute();
    assert.deepEqual(entities.map((e) => e.ref).sort(), ['component:default/linked-docs', 'template:default/real']);
    const docs = await t.api('GET', '/catalog/entities/component/default/linked-docs/docs');
    assert.equal(docs.statusCode, 200, docs.body);
    const page = await t.api('GET', '/catalog/entities/component/default/linked-docs/docs/index.md');
    assert.match(page.json().html, /\/etc\/passwd/, "the page is the link's text");
    assertNothingLeaked(JSON.stringify(location) + JSON.stringify(entities) + docs.body + page.body);
  });
});
