/**
 * Public Backstage templates (backstage/software-templates: create-react-app, react-ssr,
 * springboot-grpc, docs-template, pull-request), as
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
    await t.templateRepo(
      'public',
      {
        ...under('docs-template', docs),
        ...under('pull-request', pr),
        ...under('create-react-app', await fixture('create-react-app')),
        ...under('react-ssr-template', await fixture('react-ssr-template')),
        ...under('springboot-grpc-template', await fixture('springboot-grpc-template')),
      },
      {},
      ['springboot-grpc-template/skeleton/${{values.artifact_id}}.sh'],
    );
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

  /**
   * Runs a template and compares every file of the published repository with what Backstage's
   * engine makes of the skeleton: names and contents rendered, but for copyWithoutRender's
   * globs, which keep both. Answers the run and the repository's tree (path → git mode).
   */
  async function publishedAsBackstageRenders(
    ref: string,
    folder: string,
    parameters: Record<string, unknown>,
    values: Record<string, unknown>,
    verbatim: RegExp,
  ) {
    const { run, started } = await t.runToEnd(ref, { parameters });
    assert.equal(run?.status, 'succeeded', run?.error ?? started.body);
    const repo = String(parameters.component_id);
    const engine = referenceEngine();
    const skeleton = await fixture(`${folder}/skeleton`);
    for (const [path, source] of Object.entries(skeleton)) {
      const keep = verbatim.test(path);
      const name = keep ? path : engine.renderString(path, { values });
      const expected = keep ? source : engine.renderString(source, { values });
      assert.equal(await fileOf(`acme/${repo}`, name, 'master'), expected, `${folder}: ${name}`);
    }
    const tree = await host.get(`/repos/acme/${repo}/git/trees/master?recursive=1`);
    const modes = new Map<string, string>(
      tree.body.tree.map((e: { path: string; mode: string }) => [e.path, e.mode] as const),
    );
    return { run, modes };
  }

  it('create-react-app, react-ssr and springboot-grpc publish what Backstage renders, CI workflows as written', async () => {
    for (const [ref, folder, extra] of [
      ['default/create-react-app-template', 'create-react-app', {}],
      ['default/react-ssr-template', 'react-ssr-template', {}],
      ['default/springboot-template', 'springboot-grpc-template', { java_package_name: 'payments.ledger' }],
    ] as const) {
      const component_id = `${folder.split('-')[0]}-${suffix}`;
      const repoUrl = `127.0.0.1:${host.port}?owner=acme&repo=${component_id}`;
      const parameters = {
        component_id,
        description: 'Made from a public template',
        owner: 'group:default/web',
        repoUrl,
        ...extra,
      };
      const destination = backstageFilters.parseRepoUrl?.(repoUrl);
      const values: Record<string, unknown> = {
        component_id,
        description: parameters.description,
        destination,
        owner: parameters.owner,
      };
      if (folder === 'create-react-app') values.public = true;
      if (folder === 'springboot-grpc-template')
        Object.assign(values, { artifact_id: component_id, java_package_name: 'payments.ledger', http_port: 8080 });
      const { run, modes } = await publishedAsBackstageRenders(
        ref,
        folder,
        parameters,
        values,
        /^\.github\/workflows\//,
      );
      const registered = run.steps.find((step: { id: string }) => step.id === 'register')?.output;
      assert.equal(registered?.entityRef, `component:default/${component_id}`, folder);
      if (folder === 'springboot-grpc-template') {
        assert.equal(modes.get(`${component_id}.sh`), '100755', 'the start script stays executable');
        assert.ok(
          modes.has('src/main/java/com/example/payments.ledger/Application.java'),
          [...modes.keys()].join(', '),
        );
      }
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
