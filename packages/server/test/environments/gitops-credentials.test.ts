/**
 * GitOps to an HTTPS remote that wants a token, as GitHub or GitLab do: the token comes from the
 * operator's `integrations` (a file, as a mounted Secret) and reaches git as a header, never in
 * the stored settings; a repository URL carrying credentials is refused at its field.
 */
import './../templates/git-tls-off.ts';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { useTestNamespace } from '../harness/cluster.ts';
import { useDeployApp } from '../harness/deploy-app.ts';
import { type HttpsGit, startHttpsGit } from '../templates/https-git.ts';
import { cartScore } from './workload.ts';

const run = (command: string, args: string[]) =>
  new Promise<string>((done, fail) =>
    execFile(command, args, { timeout: 60_000 }, (error, stdout, stderr) =>
      error ? fail(new Error(`${command} ${args.join(' ')}: ${stderr || error.message}`)) : done(stdout),
    ),
  );

describe('an environment in GitOps mode pushing to an HTTPS remote with a token', () => {
  const ns = useTestNamespace('gitops-token');
  const root = mkdtempSync(join(tmpdir(), 'slipway-gitops-https-'));
  const token = `glpat-${Math.random().toString(36).slice(2)}`;
  const tokenFile = join(root, 'token');
  let server: HttpsGit;
  before(async () => {
    await run('git', ['init', '--quiet', '--bare', '--initial-branch=main', join(root, 'deploy.git')]);
    writeFileSync(tokenFile, `${token}\n`);
    server = await startHttpsGit(root, 'slipway-bot', token);
  });
  const t = useDeployApp(ns.kc, {
    configure: (config) => {
      config.catalog.allowedHosts = ['127.0.0.1'];
      config.integrations = [{ host: `127.0.0.1:${server.port}`, kind: 'git', username: 'slipway-bot', tokenFile }];
    },
  });
  after(async () => {
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });
  const repository = () => `https://127.0.0.1:${server.port}/deploy.git`;

  it('refuses a repository URL that carries credentials, at its field', async () => {
    for (const url of [
      `https://slipway-bot:${token}@127.0.0.1:${server.port}/deploy.git`,
      `https://${token}@127.0.0.1:${server.port}/deploy.git`,
    ]) {
      const res = await t.api('PUT', '/environments/leaky', { type: 'development', gitops: { repository: url } });
      assert.equal(res.statusCode, 400, res.body);
      const field = res.json().error.fields.find((f: { path: string }) => f.path === '/gitops/repository');
      assert.match(field?.message ?? '', /must not hold credentials/, res.body);
    }
  });

  it('commits a release with the token of the integration, which is stored nowhere', async () => {
    const env = await t.api('PUT', '/environments/dev', {
      type: 'development',
      namespace: ns.namespace(),
      gitops: { repository: repository() },
    });
    assert.equal(env.statusCode, 200, env.body);
    const res = await t.api('POST', '/deploys', { environment: 'dev', workload: cartScore('nginx:1.27') });
    assert.equal(res.statusCode, 202, res.body);
    const id = res.json().release.id as string;
    const deadline = Date.now() + 60_000;
    let release = res.json().release;
    while (!/Waiting for the GitOps tool to apply release #1/.test(release.message)) {
      assert.ok(release.status !== 'failed', release.message);
      assert.ok(Date.now() < deadline, `never committed: ${release.status} ${release.message}`);
      await new Promise((r) => setTimeout(r, 200));
      release = (await t.api('GET', `/releases/${id}`)).json().release;
    }
    const subject = await run('git', [`--git-dir=${join(root, 'deploy.git')}`, 'log', '-1', '--format=%s', 'main']);
    assert.equal(subject.trim(), 'cart → dev: release #1 (nginx:1.27)');
    const shown = (await t.api('GET', '/environments/dev')).body;
    assert.ok(!shown.includes(token), 'the token is not in the environment');
    assert.ok(!JSON.stringify(release).includes(token), 'nor in the release');
  });
});
