/**
 * Public Backstage templates (backstage/software-templates: docs-template, pull-request), as
 * fixtures written from them, run — not dry-run — against a real Git host: Gitea (see
 * publish-hosts.test.ts for why it stands for GitHub's API). The repository they publish holds,
 * byte for byte, what Backstage's engine (plain Nunjucks with Backstage's configuration and
 * filters, run here outside the sandbox) renders from the same skeleton and values.
 *
 * Changed for the run, and only this: the RepoUrlPicker value names the local host instead of
 * github.com (the value a picker allowed that host would give), and pull-request's fetch:plain
 * URL reads the same GitHub-shaped folder page (…/tree/main/…) from the local host, since this
 * machine has no internet.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { backstageFilters } from '@slipway/core';
import nunjucks from 'nunjucks';
import { testGitea } from '../harness/gitea.ts';
import { useTemplateApp } from './template-app.ts';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

async function fixture(name: string): Promise<Record<string, string>> {
  const dir = join(fixtures, name);
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const e of entries.filter((x) => x.isFile()))
    files[relative(dir, join(e.parentPath, e.name))] = await readFile(join(e.parentPath, e.name), 'utf8');
  return files;
}

/** Backstage's SecureTemplater, in plain Nunjucks: `${{ }}`, no autoescape, its filters. */
function referenceEngine(): nunjucks.Environment {
  const env = new nunjucks.Environment([], { autoescape: false, tags: { variableStart: '${{', variableEnd: '}}' } });
  for (const [name, filter] of Object.entries(backstageFilters)) env.addFilter(name, filter);
  return env;
}

const under = (prefix: string, files: Record<string, string>) =>
  Object.fromEntries(Object.entries(files).map(([p, c]) => [`${prefix}/${p}`, c]));

describe('public Backstage templates, run against a Git host (Gitea)', () => {
  const host = testGitea();
  const t = useTemplateApp(undefined, {
    allowedHosts: ['127.0.0.1'],
    integrations: () => [
      { host: `127.0.0.1:${host.port}`, kind: 'github', apiBaseUrl: `${host.url}/api/v1`, tokenFile: host.tokenFile },
    ],
  });
  const fileOf = (repo: string, path: string, ref: string) =>
    t.eventually(`${path} in ${repo}@${ref}`, () => host.raw(repo, path, ref));
  const suffix = randomBytes(3).toString('hex');
  const docsRepo = `docs-${suffix}`;
  const community = `community-${suffix}`;

  before(async () => {
    const docs = await fixture('docs-template');
    const pr = await fixture('pull-request');
    pr['template.yaml'] = (pr['template.yaml'] as string).replace(
      'https://github.com/backstage/community/tree/main/backstage-community-sessions',
      `${host.url}/acme/${community}/tree/main/backstage-community-sessions`,
    );
    await t.templateRepo('public', { ...under('docs-template', docs), ...under('pull-request', pr) });
    // What the pull-request template fetches: a folder of another repository on the host.
    const made = await host.post('/orgs/acme/repos', { name: community, auto_init: true, default_branch: 'main' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    for (const [path, text] of [
      ['backstage-community-sessions/README.md', '# Community sessions\n'],
      ['backstage-community-sessions/2024/notes.md', 'Notes of 2024\n'],
    ] as const) {
      const res = await host.post(`/repos/acme/${community}/contents/${path}`, {
        content: Buffer.from(text).toString('base64'),
        message: `add ${path}`,
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
  });

  it('docs-template publishes what Backstage renders, and registers it in the catalog', async () => {
    const repoUrl = `127.0.0.1:${host.port}?owner=acme&repo=${docsRepo}`;
    const parameters = { name: docsRepo, description: 'How we write docs', owner: 'group:default/docs', repoUrl };
    const { run, started } = await t.runToEnd('default/docs-template', { parameters });
    assert.equal(run?.status, 'succeeded', run?.error ?? started.body);
    const values = {
      name: parameters.name,
      description: parameters.description,
      destination: backstageFilters.parseRepoUrl?.(repoUrl),
      owner: parameters.owner,
    };
    const engine = referenceEngine();
    const skeleton = await fixture('docs-template/skeleton');
    for (const [path, source] of Object.entries(skeleton))
      assert.equal(await fileOf(`acme/${docsRepo}`, path, 'master'), engine.renderString(source, { values }), path);
    const repo = await host.get(`/repos/acme/${docsRepo}`);
    assert.equal(repo.body.description, `This is ${docsRepo}`);
    assert.deepEqual(
      run.output.links.map((l: { title: string }) => l.title),
      ['Repository', 'Open in catalog'],
    );
    assert.equal(run.output.links[1].entityRef, `component:default/${docsRepo}`);
  });

  it('pull-request opens a request with the rendered and fetched files under the target path', async () => {
    const repoUrl = `127.0.0.1:${host.port}?owner=acme&repo=${docsRepo}`;
    const parameters = { name: 'newproj', description: 'A new project', repoUrl };
    const { run, started } = await t.runToEnd('default/pull-request', { parameters });
    assert.equal(run?.status, 'succeeded', run?.error ?? started.body);
    const number = run.steps.find((s: { id: string }) => s.id === 'publish')?.output?.pullRequestNumber;
    const pull = await host.get(`/repos/acme/${docsRepo}/pulls/${number}`);
    assert.equal(pull.status, 200, JSON.stringify(pull.body));
    assert.equal(pull.body.title, 'Create new project: newproj');
    assert.equal(pull.body.head.ref, 'create-newproj');
    assert.equal(pull.body.base.ref, 'master');
    assert.equal(pull.body.body, '# New project: newproj\n\nA new project\n');
    const template = (await fixture('pull-request'))['template/catalog-info.yaml'] as string;
    assert.equal(
      await fileOf(`acme/${docsRepo}`, 'newproj/catalog-info.yaml', 'create-newproj'),
      referenceEngine().renderString(template, { values: { name: 'newproj' } }),
    );
    assert.equal(
      await fileOf(`acme/${docsRepo}`, 'newproj/community/2024/notes.md', 'create-newproj'),
      'Notes of 2024\n',
    );
    assert.equal(run.output.links[0].url, pull.body.html_url);
  });
});
