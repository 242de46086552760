/**
 * GitOps mode against the real cluster and a real Git repository: a release is committed (a
 * folder per service, a signed-off message saying who and why), nothing but its Secrets is
 * applied by Slipway, and the release waits until the GitOps tool (here `kubectl apply -k` of a
 * clone, as Flux or Argo CD would) has applied that very release, then turns Healthy as any other.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { kubectlBinary, testKubeConfigPath, useTestNamespace } from '../harness/cluster.ts';
import { testEngines } from '../harness/databases.ts';
import { useDeployApp } from '../harness/deploy-app.ts';
import { cartScore, webScore } from './workload.ts';

function run(command: string, args: string[], cwd?: string): Promise<string> {
  return new Promise((done, fail) => {
    execFile(command, args, { timeout: 60_000, ...(cwd ? { cwd } : {}) }, (error, stdout, stderr) =>
      error ? fail(new Error(`${command} ${args.join(' ')}: ${stderr || error.message}`)) : done(stdout),
    );
  });
}

for (const engine of testEngines) {
  describe(`an environment in GitOps mode [${engine}]`, () => {
    const ns = useTestNamespace('gitops');
    const scratch = mkdtempSync(join(tmpdir(), 'slipway-gitops-test-'));
    const bare = join(scratch, 'deploy.git');
    const t = useDeployApp(ns.kc, {
      engine,
      configure: (config) => {
        config.catalog.allowFileUrls = true;
        config.catalog.fileRoots = [scratch];
      },
    });
    const repository = `file://${bare}`;
    const git = (...args: string[]) => run('git', [`--git-dir=${bare}`, ...args]);

    /** The GitOps tool's part: a fresh clone of the branch, applied server-side as Flux does. */
    async function gitopsToolApplies(): Promise<void> {
      const clone = mkdtempSync(join(scratch, 'clone-'));
      await run('git', ['clone', '--quiet', '--branch', 'main', repository, clone]);
      await run(kubectlBinary(), [
        '--kubeconfig',
        testKubeConfigPath(),
        'apply',
        '--server-side',
        '--force-conflicts',
        '-k',
        join(clone, 'shop-dev'),
      ]);
    }

    /** Polls the release until `check` holds (the engine works in the background). */
    async function releaseWhen(id: string, what: string, check: (r: { status: string; message: string }) => boolean) {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const release = (await t.api('GET', `/releases/${id}`)).json().release;
        if (check(release)) return release;
        if (Date.now() > deadline) throw new Error(`release ${id} never ${what}: ${release.status} ${release.message}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    const awaitingTool = (r: { status: string; message: string }) =>
      r.status === 'progressing' && /Waiting for the GitOps tool to apply release #\d+/.test(r.message);

    const deploy = async (workload: string) => {
      const res = await t.api('POST', '/deploys', { environment: 'dev', workload });
      assert.equal(res.statusCode, 202, res.body);
      return res.json().release.id as string;
    };

    before(async () => {
      await run('git', ['init', '--quiet', '--bare', '--initial-branch=main', bare]);
      const res = await t.api('PUT', '/environments/dev', {
        type: 'development',
        namespace: ns.namespace(),
        gitops: { repository, path: 'shop-dev' },
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json().environment.gitops, { repository, path: 'shop-dev' });
    });
    after(() => rmSync(scratch, { recursive: true, force: true }));

    it('refuses settings it cannot use, every problem at its path', async () => {
      const res = await t.api('PUT', '/environments/elsewhere', {
        type: 'development',
        gitops: { repository: 'ext::sh -c touch% /tmp/pwned', branch: '-x', path: '../up' },
      });
      assert.equal(res.statusCode, 400, res.body);
      assert.deepEqual(
        res.json().error.fields.map((f: { path: string }) => f.path),
        ['/gitops/repository', '/gitops/branch', '/gitops/path'],
      );
      const outside = await t.api('PUT', '/environments/elsewhere', {
        type: 'development',
        gitops: { repository: 'file:///etc' },
      });
      assert.equal(outside.statusCode, 400, outside.body);
      assert.equal(outside.json().error.fields[0].path, '/gitops/repository');
    });

    it('commits a release, applies only its Secrets, and waits for the GitOps tool to apply it', async () => {
      const id = await deploy(cartScore('nginx:1.27'));
      await releaseWhen(id, 'waited for the GitOps tool', awaitingTool);
      const message = await git('log', '-1', '--format=%B', 'main');
      assert.match(message, /^cart → dev: release #1 \(nginx:1\.27\)\n\nDeployed by dev\./);
      assert.match(
        message,
        /\nSlipway-Release: 1\nSlipway-Deployed-By: dev\nSigned-off-by: Slipway <slipway@localhost>\n/,
      );
      const files = (await git('ls-tree', '-r', '--name-only', 'main')).trim().split('\n');
      for (const f of [
        'shop-dev/kustomization.yaml',
        'shop-dev/_environment/kustomization.yaml',
        'shop-dev/cart/kustomization.yaml',
        'shop-dev/cart/deployment-cart.yaml',
      ])
        assert.ok(files.includes(f), `${f} in ${files.join(', ')}`);
      assert.ok(!files.some((f) => f.includes('/secret-')), `no Secret in Git: ${files.join(', ')}`);

      const core = ns.kc().makeApiClient(CoreV1Api);
      const secrets = await core.listNamespacedSecret({
        namespace: ns.namespace(),
        labelSelector: 'slipway.dev/service=cart',
      });
      assert.ok(secrets.items.length > 0, 'Slipway applied the Secrets itself');
      const apps = ns.kc().makeApiClient(AppsV1Api);
      const before = await apps.listNamespacedDeployment({ namespace: ns.namespace() });
      assert.deepEqual(
        before.items.map((d) => d.metadata?.name),
        [],
        'nothing else is applied by Slipway',
      );

      await gitopsToolApplies();
      const done = await t.settle(id);
      assert.equal(done.status, 'healthy', done.message);
    });

    it('a new release waits while the cluster still runs the one before, though that one is Healthy', async () => {
      const id = await deploy(cartScore('nginx:1.28'));
      const waiting = await releaseWhen(id, 'waited for the GitOps tool', awaitingTool);
      assert.match(waiting.message, /release #2 from file:\/\/.*deploy\.git \(main, shop-dev\/\)/);
      assert.equal((await git('log', '-1', '--format=%s', 'main')).trim(), 'cart → dev: release #2 (nginx:1.28)');
      await gitopsToolApplies();
      const done = await t.settle(id);
      assert.equal(done.status, 'healthy', done.message);
    });

    it('releases of two services committed at once both land: the later push is made again on the first', async () => {
      const [web, cart] = await Promise.all([deploy(webScore('web')), deploy(cartScore('nginx:1.29'))]);
      await Promise.all([web, cart].map((id) => releaseWhen(id, 'waited for the GitOps tool', awaitingTool)));
      const subjects = (await git('log', '--format=%s', 'main')).trim().split('\n');
      assert.ok(subjects.includes('web → dev: release #1 (nginx:1.27)'), subjects.join('\n'));
      assert.ok(subjects.includes('cart → dev: release #3 (nginx:1.29)'), subjects.join('\n'));
      const index = await git('show', 'main:shop-dev/kustomization.yaml');
      assert.match(index, /resources:\n {2}- _environment\n {2}- cart\n {2}- web\n/);
      await gitopsToolApplies();
      for (const id of [web, cart]) {
        const done = await t.settle(id);
        assert.equal(done.status, 'healthy', done.message);
      }
    });
  });
}
