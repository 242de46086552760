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

    // A later refresh reads the same branch.
    const refreshed = await t.api('POST', `/catalog/locations/${location.id}/refresh`);
    assert.equal(refreshed.statusCode, 200, refreshed.body);
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

  it('the reverse: a publish step naming master, into a remote whose HEAD is main', async () => {
    const repo = await plainBare('jobs-main', 'main');
    const templates = await t.templateRepo('master-templates', {
      'master-path/template.yaml': entityYaml('Template', 'master-path', {
        owner: 'platform',
        type: 'service',
        parameters: [{ properties: { repoUrl: { type: 'string' } } }],
        steps: [
          { id: 'fetch', action: 'fetch:template', input: { url: './skeleton', values: { name: 'jobs' } } },
          {
            id: 'publish',
            action: 'publish:git',
            input: { repoUrl: '${{ parameters.repoUrl }}', defaultBranch: 'master' },
          },
          {
            id: 'register',
            action: 'catalog:register',
            input: { repoContentsUrl: '${{ steps.publish.output.repoContentsUrl }}' },
          },
        ],
      }),
      'master-path/skeleton/catalog-info.yaml': entityYaml('Component', '${{ values.name }}', {
        type: 'service',
        owner: 'payments',
        lifecycle: 'production',
      }),
    });
    assert.equal(templates.location.outcome.result, 'refreshed', templates.location.outcome.message);
    const { run } = await t.runToEnd('default/master-path', { parameters: { repoUrl: repo.url } });
    assert.equal(run?.status, 'succeeded', run?.error);
    assert.equal(run.output.entityRef, 'component:default/jobs');
    const location = await locationOf(repo.url);
    assert.equal(location?.ref, 'master');
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
