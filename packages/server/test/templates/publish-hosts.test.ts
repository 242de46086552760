/**
 * Backstage's provider publish actions against a real Git host: Gitea, built from Go modules
 * and started by testbed/gitea.sh (SLIPWAY_TEST_GITEA_URL, SLIPWAY_TEST_GITEA_TOKEN_FILE).
 * Gitea's REST API follows GitHub's for the calls publishing makes (who am I, create a
 * repository for a user or an organisation, open a pull request), so the same server answers
 * `publish:github` and `publish:github:pull-request` (an integration of kind github whose
 * apiBaseUrl is Gitea's) and `publish:gitea` (kind gitea, under another host name). The
 * repository is created through the API with the integration's token, the workspace pushed
 * with git, and catalog:register reads the private repository with the same token.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { testGitea } from '../harness/gitea.ts';
import { useTemplateApp } from './template-app.ts';

const template = (name: string, steps: string, output = '') => `
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: ${name}
  title: ${name}
spec:
  owner: group:default/platform
  type: service
  parameters:
    - title: Where
      required: [name, repoUrl]
      properties:
        name: { type: string }
        repoUrl:
          type: string
          ui:field: RepoUrlPicker
  steps:
    - id: fetch
      name: Fetch
      action: fetch:template
      input:
        url: ./skeleton
        values:
          name: \${{ parameters.name }}
${steps}
${output}
`;

const skeleton = {
  'skeleton/catalog-info.yaml':
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${{ values.name }}\n' +
    'spec:\n  type: service\n  lifecycle: experimental\n  owner: group:default/platform\n',
  'skeleton/README.md': '# ${{ values.name }}\n',
};

describe('publishing templates to a Git host (Gitea)', () => {
  const host = testGitea();
  const api = host.get;
  const fileOf = (repo: string, path: string, ref: string) =>
    t.eventually(`${path} in ${repo}@${ref}`, () => host.raw(repo, path, ref));
  const t = useTemplateApp(undefined, {
    allowedHosts: ['127.0.0.1', 'localhost'],
    integrations: () => [
      // GitHub's API shape, answered by Gitea: what publish:github talks to on github.com or GHE.
      { host: `127.0.0.1:${host.port}`, kind: 'github', apiBaseUrl: `${host.url}/api/v1`, tokenFile: host.tokenFile },
      {
        host: `localhost:${host.port}`,
        kind: 'gitea',
        apiBaseUrl: `http://localhost:${host.port}/api/v1`,
        username: 'slipway-admin',
        tokenFile: host.tokenFile,
      },
    ],
  });
  const name = `shop-${randomBytes(3).toString('hex')}`;
  const repoUrl = `127.0.0.1:${host.port}?owner=acme&repo=${name}`;

  it('publish:github creates the repository through the API, pushes, and catalog:register reads it', async () => {
    await t.templateRepo('publish-github', {
      'gh/template.yaml': template(
        'publish-github',
        `    - id: publish
      name: Publish
      action: publish:github
      input:
        repoUrl: \${{ parameters.repoUrl }}
        description: The shop, made by Slipway
        defaultBranch: main
        repoVisibility: private
        topics: [slipway]
    - id: register
      name: Register
      action: catalog:register
      input:
        repoContentsUrl: \${{ steps['publish'].output.repoContentsUrl }}
        catalogInfoPath: /catalog-info.yaml`,
        `  output:
    links:
      - title: Repository
        url: \${{ steps['publish'].output.remoteUrl }}`,
      ),
      ...Object.fromEntries(Object.entries(skeleton).map(([p, c]) => [`gh/${p}`, c])),
    });
    const { run, started, events } = await t.runToEnd('default/publish-github', { parameters: { name, repoUrl } });
    assert.equal(run?.status, 'succeeded', run?.error ?? started.body);
    const repo = await api(`/repos/acme/${name}`);
    assert.equal(repo.status, 200, String(repo.body));
    assert.equal(repo.body.private, true);
    assert.equal(repo.body.description, 'The shop, made by Slipway');
    assert.equal(await fileOf(`acme/${name}`, 'README.md', 'main'), `# ${name}\n`);
    const log = events.map((e) => e.data.message).join('\n');
    assert.match(log, /inputs not acted on here \(Slipway does not support them\): topics/);
    assert.equal(run.output.links[0].url, `http://127.0.0.1:${host.port}/acme/${name}.git`);
    const register = run.steps.find((s: { id: string }) => s.id === 'register');
    assert.equal(register?.output?.entityRef, `component:default/${name}`);
  });

  it('refuses a repository that already exists, in the host’s words, and a host it does not know', async () => {
    const again = await t.runToEnd('default/publish-github', { parameters: { name, repoUrl } });
    assert.equal(again.run?.status, 'failed');
    assert.match(
      again.run?.error ?? '',
      new RegExp(`127\\.0\\.0\\.1:${host.port} refused POST /orgs/acme/repos \\(409\\)`),
    );
    const unknown = await t.runToEnd('default/publish-github', {
      parameters: { name, repoUrl: 'github.com?owner=acme&repo=x' },
    });
    assert.equal(unknown.run?.status, 'failed');
    assert.match(unknown.run?.error ?? '', /github\.com is not a github host Slipway knows/);
  });

  it('publish:github:pull-request opens a pull request with the change on a branch of its own', async () => {
    await t.templateRepo('pull-request', {
      'pr/template.yaml': template(
        'pull-request',
        `    - id: pr
      name: Pull request
      action: publish:github:pull-request
      input:
        repoUrl: \${{ parameters.repoUrl }}
        branchName: add-docs
        title: Add the docs of \${{ parameters.name }}
        description: Made by Slipway
        targetPath: docs`,
      ),
      ...Object.fromEntries(Object.entries(skeleton).map(([p, c]) => [`pr/${p}`, c])),
    });
    const { run, started } = await t.runToEnd('default/pull-request', { parameters: { name, repoUrl } });
    assert.equal(run?.status, 'succeeded', run?.error ?? started.body);
    const output = run.steps.find((s: { id: string }) => s.id === 'pr')?.output;
    assert.equal(output.targetBranchName, 'main');
    const pull = await api(`/repos/acme/${name}/pulls/${output.pullRequestNumber}`);
    assert.equal(pull.status, 200, String(pull.body));
    assert.equal(pull.body.title, `Add the docs of ${name}`);
    assert.equal(pull.body.head.ref, 'add-docs');
    assert.equal(pull.body.base.ref, 'main');
    assert.equal(output.remoteUrl, pull.body.html_url);
    assert.equal(await fileOf(`acme/${name}`, 'docs/README.md', 'add-docs'), `# ${name}\n`);
  });

  it('publish:gitea creates a repository of the token’s own user', async () => {
    const mine = `${name}-own`;
    await t.templateRepo('publish-gitea', {
      'gt/template.yaml': template(
        'publish-gitea',
        `    - id: publish
      name: Publish
      action: publish:gitea
      input:
        repoUrl: \${{ parameters.repoUrl }}
        defaultBranch: main
        repoVisibility: public`,
      ),
      ...Object.fromEntries(Object.entries(skeleton).map(([p, c]) => [`gt/${p}`, c])),
    });
    const { run, started } = await t.runToEnd('default/publish-gitea', {
      parameters: { name: mine, repoUrl: `localhost:${host.port}?owner=slipway-admin&repo=${mine}` },
    });
    assert.equal(run?.status, 'succeeded', run?.error ?? started.body);
    const repo = await api(`/repos/slipway-admin/${mine}`);
    assert.equal(repo.status, 200, String(repo.body));
    assert.equal(repo.body.private, false);
    assert.equal(repo.body.default_branch, 'main');
  });
});
