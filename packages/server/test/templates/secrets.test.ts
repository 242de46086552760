/**
 * Secrets a run is given never come back out of it: URL credentials, `ui:widget: password`
 * and `ui:field: Secret` parameters, and the run's `secrets`. Read back from everything a run
 * lets out: the run's history (dry run files included), its event stream, the audit log and
 * the server's log. The push really goes to an HTTPS Git server that wants the credentials.
 */
import './git-tls-off.ts';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { describeEachDatabase } from '../harness/databases.ts';
import { entityYaml } from '../harness/git-repos.ts';
import { type HttpsGit, startHttpsGit } from './https-git.ts';
import { git, useTemplateApp } from './template-app.ts';

const gitUser = 'gituser-9c4e';
const gitPassword = 'gitpass-51f0';
const password = 'hunter2-"quoted"/secret';
const token = 'tok_3b1f9c2e77';
const apiKey = 'key-7d0a5e13';
/** Every spelling of a secret that must never be shown. */
const secretSpellings = [gitUser, gitPassword, password, JSON.stringify(password).slice(1, -1), token, apiKey];

const secretive = entityYaml('Template', 'secretive', {
  type: 'service',
  parameters: [
    {
      title: 'Where',
      required: ['repoUrl'],
      properties: { repoUrl: { type: 'string' }, name: { type: 'string', default: 'svc' } },
    },
    {
      title: 'Credentials',
      properties: {
        password: { type: 'string', 'ui:widget': 'password' },
        token: { type: 'string', 'ui:field': 'Secret' },
      },
    },
  ],
  steps: [
    {
      id: 'fetch',
      action: 'fetch:template',
      input: {
        url: './skeleton',
        values: {
          name: '${{ parameters.name }}',
          password: '${{ parameters.password }}',
          apiKey: '${{ secrets.apiKey }}',
        },
      },
    },
    {
      id: 'say',
      action: 'debug:log',
      input: {
        message:
          'connecting as ${{ parameters.password }} with ${{ parameters.token }} and ${{ secrets.apiKey }} to ${{ parameters.repoUrl }}',
      },
    },
    { id: 'dump', action: 'debug:log', input: { message: '${{ parameters | dump }}' } },
    { id: 'publish', action: 'publish:git', input: { repoUrl: '${{ parameters.repoUrl }}' } },
  ],
  output: {
    links: [{ title: 'Repository', url: '${{ steps.publish.output.remoteUrl }}' }],
    text: [{ title: 'Token', content: 'your token is ${{ parameters.token }}' }],
  },
});

describeEachDatabase('secrets in template runs', (getDb) => {
  const logLines: string[] = [];
  const t = useTemplateApp(getDb, { allowedHosts: ['127.0.0.1'], logLines });
  let server: HttpsGit;
  let gitRoot: string;

  before(async () => {
    gitRoot = await mkdtemp(join(t.root(), 'https-git-'));
    server = await startHttpsGit(gitRoot, gitUser, gitPassword);
    await git(['init', '--quiet', '--bare', '--initial-branch=main', join(gitRoot, 'out.git')]);
    const repo = await t.templateRepo('secret-templates', {
      'secretive/template.yaml': secretive,
      'secretive/skeleton/config.txt':
        'name=${{ values.name }}\npassword=${{ values.password }}\napi-key=${{ values.apiKey }}\n',
    });
    assert.equal(repo.location.outcome.result, 'refreshed', JSON.stringify(repo.location.outcome));
  });
  after(() => server?.close());

  const body = (repoUrl: string, extra: Record<string, unknown> = {}) => ({
    parameters: { repoUrl, password, token },
    secrets: { apiKey },
    ...extra,
  });

  /** Everything the platform shows of runs and of requests: history, streams, audit, log. */
  async function assertNoSecret(...shown: string[]) {
    const audit = await t.api('GET', '/audit?limit=500');
    assert.equal(audit.statusCode, 200, audit.body);
    assert.ok(
      audit.json().items.some((e: { action: string }) => e.action === 'runTemplate'),
      'the runs were audited',
    );
    const history = (await t.api('GET', '/template-runs')).body;
    const all = [...shown, history, audit.body, logLines.join('\n')].join('\n');
    for (const secret of secretSpellings) assert.ok(!all.includes(secret), `"${secret}" was shown`);
    assert.doesNotMatch(all, /slipway-template-(src-)?[A-Za-z0-9]{6}/, 'no temporary directory of the server');
  }

  it('a dry run stores its files and events with the secrets masked', async () => {
    const { started, run, events, stream } = await t.runToEnd('default/secretive', {
      ...body(server.url('out')),
      dryRun: true,
    });
    assert.equal(started.statusCode, 200, started.body);
    assert.equal(run.status, 'succeeded', run.error);
    assert.deepEqual(run.parameters, {
      repoUrl: `https://***@127.0.0.1:${server.port}/out.git`,
      name: 'svc',
      password: '***',
      token: '***',
    });
    assert.deepEqual(
      run.output.files.map((f: { path: string; content: string }) => [f.path, f.content]),
      [['config.txt', 'name=svc\npassword=***\napi-key=***\n']],
    );
    const said = events.filter((e) => e.event === 'log').map((e) => e.data.message);
    assert.ok(said.includes(`connecting as *** with *** and *** to https://***@127.0.0.1:${server.port}/out.git`));
    assert.ok(
      said.some((m) => m.startsWith('{"repoUrl":"https://***@') && m.includes('"password":"***"')),
      said.join('\n'),
    );
    await assertNoSecret(started.body, JSON.stringify(run), stream);
  });

  it('a real run pushes with the credentials and shows none of them', async () => {
    const { started, run, events, stream } = await t.runToEnd('default/secretive', body(server.url('out')));
    assert.equal(started.statusCode, 202, started.body);
    assert.equal(run.status, 'succeeded', run.error);
    // The repository got the real values: it is what the template is for.
    const pushed = await t.clone(join(gitRoot, 'out.git'));
    assert.equal(
      await readFile(join(pushed, 'config.txt'), 'utf8'),
      `name=svc\npassword=${password}\napi-key=${apiKey}\n`,
    );
    const shownUrl = `https://***@127.0.0.1:${server.port}/out.git`;
    const publish = run.steps.find((s: { id: string }) => s.id === 'publish');
    assert.equal(publish.output.remoteUrl, shownUrl);
    assert.equal(publish.output.repoContentsUrl, shownUrl);
    assert.deepEqual(run.output.links, [{ title: 'Repository', url: shownUrl }]);
    assert.deepEqual(run.output.text, [{ title: 'Token', content: 'your token is ***' }]);
    assert.ok(events.some((e) => e.event === 'log' && e.data.message === `pushed main to ${shownUrl}`));
    const ended = logLines.map((l) => JSON.parse(l)).find((l) => l.msg === 'template run ended' && l.run === run.id);
    assert.equal(ended?.status, 'succeeded');
    await assertNoSecret(started.body, JSON.stringify(run), stream);
  });

  it('errors that quote the remote show it without its credentials', async () => {
    for (const [remote, pattern] of [
      // Refused before git sees it: an internal address not in catalog.allowedHosts.
      [
        `https://${gitUser}:${gitPassword}@10.11.12.13/out.git`,
        /^The location https:\/\/\*\*\*@10\.11\.12\.13\/out\.git is refused/,
      ],
      // Git's own failure: nothing listens there.
      [`https://${gitUser}:${gitPassword}@127.0.0.1:1/out.git`, /^git push failed: /],
      // The server wants other credentials.
      [server.url('out').replace(gitPassword, `${gitPassword}-wrong`), /^git push failed: .*Authentication failed/],
    ] as const) {
      const { run, events, stream } = await t.runToEnd('default/secretive', body(remote));
      assert.equal(run.status, 'failed');
      assert.match(run.error, pattern);
      assert.equal(events.at(-1)?.data.message, `failed: ${run.error}`);
      const warned = logLines.map((l) => JSON.parse(l)).find((l) => l.msg === 'template run ended' && l.run === run.id);
      assert.equal(warned?.error, run.error, 'the server log says why, redacted');
      await assertNoSecret(JSON.stringify(run), stream);
    }
  });
});
