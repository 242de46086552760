/**
 * Remotes whose default branch is not the one a golden path pushes: a bare repository made by
 * plain `git init --bare` has HEAD → master (whatever this machine's init.defaultBranch says,
 * the test sets it), and node-service pushes main. The run, the catalog's registration of the
 * new repository and its later reads follow the pushed branch; a location that follows HEAD
 * on such a remote fails saying which branch it looked for and which the remote has.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { describeEachDatabase } from '../harness/databases.ts';
import { entityYaml } from '../harness/git-repos.ts';
import { git, useTemplateApp } from './template-app.ts';

describeEachDatabase('remotes with another default branch', (getDb) => {
  const t = useTemplateApp(getDb);

  /** A bare repository as `git init --bare` makes it, its HEAD on `head`. */
  const plainBare = async (name: string, head: string) => {
    const dir = join(t.root(), `${name}.git`);
    await git(['init', '--quiet', '--bare', dir]);
    await git(['symbolic-ref', 'HEAD', `refs/heads/${head}`], dir);
    return { dir, url: pathToFileURL(dir).href };
  };

  const locationOf = async (target: string) =>
    (await t.api('GET', '/catalog/locations')).json().items.find((l: { target: string }) => l.target === target);

  it('node-service pushes main to a remote whose HEAD is master; the catalog reads main', async () => {
    assert.equal((await t.api('POST', '/teams', { name: 'payments' })).statusCode, 201);
    const repo = await plainBare('orders-master', 'master');
    const { run, events } = await t.runToEnd('slipway/node-service', {
      owner: 'payments',
      parameters: { name: 'orders', owner: 'payments', repoUrl: repo.url },
    });
    assert.equal(run?.status, 'succeeded', run?.error);
    assert.ok(events.some((e) => e.event === 'log' && /pushed main/.test(e.data.message)));
    assert.ok(
      events.some((e) => e.event === 'log' && /HEAD names no branch it has.*reads main/.test(e.data.message)),
      JSON.stringify(events.map((e) => e.data.message)),
    );
    assert.equal(await git(['rev-parse', '--verify', '--quiet', 'refs/heads/main'], repo.dir).then(Boolean), true);
    assert.equal(run.output.entityRef, 'component:default/orders');
    const location = await locationOf(repo.url);
    assert.equal(location?.ref, 'main');
    assert.equal(location?.status, 'ok', location?.message);

    // The docs of the new repository are read from the same branch.
    const docs = await t.api('GET', '/catalog/entities/component/default/orders/docs');
    assert.ok(docs.json().items.length > 0, docs.body);

    // A later refresh reads the same branch.
    const refreshed = await t.api('POST', `/catalog/locations/${location.id}/refresh`);
    assert.equal(refreshed.statusCode, 200, refreshed.body);
    assert.notEqual(refreshed.json().refresh.result, 'failed', refreshed.body);
  });

  it('a location that follows HEAD says which branch it looked for and which the remote has', async () => {
    const repo = await plainBare('follows-head', 'master');
    await pushFiles(t.root(), repo.url, 'main', {
      'catalog-info.yaml': entityYaml('Component', 'follows-head', {
        type: 'service',
        owner: 'payments',
        lifecycle: 'production',
      }),
    });
    const headless = await t.api('POST', '/catalog/locations', { type: 'git', target: repo.url });
    const body = JSON.stringify(headless.json());
    assert.match(body, /default branch of .*, but its HEAD names no branch it has/, body);
    assert.match(body, /its branches: main/, body);

    const wrong = await t.api('POST', '/catalog/locations', { type: 'git', target: repo.url, ref: 'trunk' });
    assert.match(
      JSON.stringify(wrong.json()),
      /looked for the branch trunk, which is not in .*; its branches: main/,
      wrong.body,
    );
  });

  /** A golden path of its own: publishes on `parameters.branch`, left out when empty. */
  const branchTemplate = async () => {
    const templates = await t.templateRepo('branch-templates', {
      'branch-path/template.yaml': entityYaml('Template', 'branch-path', {
        owner: 'platform',
        type: 'service',
        parameters: [
          { properties: { name: { type: 'string' }, repoUrl: { type: 'string' }, branch: { type: 'string' } } },
        ],
        steps: [
          {
            id: 'fetch',
            action: 'fetch:template',
            input: { url: './skeleton', values: { name: '${{ parameters.name }}' } },
          },
          {
            id: 'publish',
            action: 'publish:git',
            input: { repoUrl: '${{ parameters.repoUrl }}', defaultBranch: '${{ parameters.branch }}' },
          },
          {
            id: 'register',
            action: 'catalog:register',
            input: { repoContentsUrl: '${{ steps.publish.output.repoContentsUrl }}' },
          },
        ],
      }),
      'branch-path/skeleton/catalog-info.yaml': entityYaml('Component', '${{ values.name }}', {
        type: 'service',
        owner: 'payments',
        lifecycle: 'production',
      }),
    });
    assert.equal(templates.location.outcome.result, 'refreshed', templates.location.outcome.message);
  };

  it('the reverse: a publish step naming master, into a remote whose HEAD is main', async () => {
    await branchTemplate();
    const repo = await plainBare('jobs-main', 'main');
    const { run, events } = await t.runToEnd('default/branch-path', {
      parameters: { name: 'jobs', repoUrl: repo.url, branch: 'master' },
    });
    assert.equal(run?.status, 'succeeded', run?.error);
    assert.equal(run.output.entityRef, 'component:default/jobs');
    assert.equal((await locationOf(repo.url))?.ref, 'master');
    assert.ok(
      events.some((e) => /the remote's HEAD names no branch it has.*Slipway reads master/.test(e.data.message)),
    );
  });

  it('a catalog:register that finds no entity fails the run and leaves no location behind', async () => {
    const templates = await t.templateRepo('broken-info-templates', {
      'broken-info/template.yaml': entityYaml('Template', 'broken-info', {
        owner: 'platform',
        type: 'service',
        parameters: [{ properties: { repoUrl: { type: 'string' } } }],
        steps: [
          { id: 'fetch', action: 'fetch:plain', input: { url: './skeleton' } },
          { id: 'publish', action: 'publish:git', input: { repoUrl: '${{ parameters.repoUrl }}' } },
          {
            id: 'register',
            action: 'catalog:register',
            input: { repoContentsUrl: '${{ steps.publish.output.repoContentsUrl }}' },
          },
        ],
      }),
      // What a Nunjucks block copied literally makes: not YAML.
      'broken-info/skeleton/catalog-info.yaml': 'kind: Component\n{% if values.api %}\nmetadata: { name: [x\n',
    });
    assert.equal(templates.location.outcome.result, 'refreshed', templates.location.outcome.message);
    const repo = await plainBare('broken-info-target', 'main');
    const { run } = await t.runToEnd('default/broken-info', { parameters: { repoUrl: repo.url } });
    assert.equal(run?.status, 'failed');
    assert.match(run.error, /could not read catalog-info\.yaml in .*, so it was not registered: .*not valid YAML/);
    assert.equal(await locationOf(repo.url), undefined, 'the location went again');
  });

  it("a publish step naming no branch follows the empty remote's HEAD", async () => {
    const repo = await plainBare('reports-trunk', 'trunk');
    const { run, events } = await t.runToEnd('default/branch-path', {
      parameters: { name: 'reports', repoUrl: repo.url },
    });
    assert.equal(run?.status, 'succeeded', run?.error);
    assert.ok(events.some((e) => e.data.message === `pushed trunk to ${repo.url}`));
    assert.ok(!events.some((e) => /the remote's HEAD/.test(e.data.message)), 'HEAD names the pushed branch');
    assert.equal((await locationOf(repo.url))?.ref, 'trunk');
    // A plain clone checks the pushed branch out.
    const dir = await t.clone(repo.url);
    assert.equal(await git(['branch', '--show-current'], dir), 'trunk');
  });
});

/** Pushes one commit of `files` to `branch` of the remote at `url`. */
async function pushFiles(root: string, url: string, branch: string, files: Record<string, string>) {
  const { mkdtemp, writeFile } = await import('node:fs/promises');
  const work = await mkdtemp(join(root, 'push-'));
  await git(['init', '--quiet', work]);
  for (const [path, content] of Object.entries(files)) await writeFile(join(work, path), content);
  await git(['add', '--all'], work);
  await git(['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', 'files'], work);
  await git(['push', '--quiet', url, `HEAD:refs/heads/${branch}`], work);
}
