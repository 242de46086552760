/**
 * `POST /environments/{name}/export` against the real cluster: the files hold exactly what
 * Slipway applied, so `kubectl diff --server-side -k` of the written folder finds nothing, and
 * finds the change once a file differs. Secrets stay out unless asked for, and asking takes
 * the right to manage the environment.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CoreV1Api } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { createToken } from '../../src/db/stores/api-tokens.ts';
import { ensureGlobalRole } from '../../src/db/stores/role-bindings.ts';
import { ensureUser } from '../../src/db/stores/users.ts';
import { kubectlBinary, testKubeConfigPath, useTestNamespace } from '../harness/cluster.ts';
import { testEngines } from '../harness/databases.ts';
import { useDeployApp } from '../harness/deploy-app.ts';
import { cartScore, webScore } from './workload.ts';

interface ExportAnswer {
  environment: string;
  namespace: string;
  releases: Array<{ service: string; id: string; number: number; status: string }>;
  files: Array<{ path: string; content: string }>;
  omitted: Array<{ service: string; kind: string; name: string }>;
  hiddenServices: number;
}

/** kubectl on the test cluster: its exit code (diff: 0 when the cluster already holds the folder, 1 with the differences). */
function kubectl(...args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((done) => {
    execFile(
      kubectlBinary(),
      ['--kubeconfig', testKubeConfigPath(), ...args],
      { timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 99) : 0;
        done({ code, out: `${stdout}${stderr}` });
      },
    );
  });
}

/** As a GitOps tool applies: server-side, taking over fields another manager (Slipway) set. */
const kubectlDiff = (dir: string) => kubectl('diff', '--server-side', '--force-conflicts', '-k', dir);

function writeFolder(files: ExportAnswer['files']): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-export-'));
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.content);
  }
  return dir;
}

for (const engine of testEngines) {
  describe(`an environment exported as files [${engine}]`, () => {
    const ns = useTestNamespace('export');
    const t = useDeployApp(ns.kc, { engine });
    const folders: string[] = [];
    let plain: ExportAnswer;

    before(async () => {
      const env = await t.api('PUT', '/environments/staging', { type: 'staging', namespace: ns.namespace() });
      assert.equal(env.statusCode, 200, env.body);
      for (const workload of [webScore(), cartScore()]) {
        const res = await t.api('POST', '/deploys', { environment: 'staging', workload });
        assert.equal(res.statusCode, 202, res.body);
        const release = await t.settle(res.json().release.id);
        assert.equal(release.status, 'healthy', release.message);
      }
      const res = await t.api('POST', '/environments/staging/export', {});
      assert.equal(res.statusCode, 200, res.body);
      plain = res.json();
    });
    after(() => {
      for (const dir of folders) rmSync(dir, { recursive: true, force: true });
    });

    it("lists each service's release and writes a kustomization of one file per object", () => {
      assert.deepEqual(
        plain.releases.map((r) => [r.service, r.number, r.status]),
        [
          ['cart', 1, 'healthy'],
          ['web', 1, 'healthy'],
        ],
      );
      const kustomization = parse(plain.files[0]?.content ?? '');
      assert.deepEqual(
        kustomization.resources,
        plain.files.slice(1).map((f) => f.path),
      );
      const paths = plain.files.map((f) => f.path);
      for (const expected of [
        `_environment/namespace-${ns.namespace()}.yaml`,
        'web/deployment-web.yaml',
        'web/service-web.yaml',
        'cart/deployment-cart.yaml',
      ]) {
        assert.ok(paths.includes(expected), `${expected} in ${paths.join(', ')}`);
      }
    });

    it('leaves Secrets out unless asked for, and names them', () => {
      assert.ok(plain.omitted.length > 0, 'the database password is a Secret');
      assert.ok(plain.omitted.every((o) => o.kind === 'Secret' && o.service === 'cart'));
      const kinds = plain.files.slice(1).map((f) => parse(f.content).kind);
      assert.ok(!kinds.includes('Secret'));
    });

    it('with the Secrets, the folder applied with kubectl changes nothing in the cluster', async () => {
      const res = await t.api('POST', '/environments/staging/export', { includeSecrets: true });
      assert.equal(res.statusCode, 200, res.body);
      const full: ExportAnswer = res.json();
      assert.deepEqual(full.omitted, []);
      const secrets = full.files.filter((f) => parse(f.content).kind === 'Secret');
      assert.equal(secrets.length, plain.omitted.length);
      // The values are opened: what the cluster holds, not the database's sealed text.
      const core = ns.kc().makeApiClient(CoreV1Api);
      for (const file of secrets) {
        const object = parse(file.content);
        const live = await core.readNamespacedSecret({ name: object.metadata.name, namespace: ns.namespace() });
        const values =
          object.data ??
          Object.fromEntries(
            Object.entries(object.stringData ?? {}).map(([k, v]) => [k, Buffer.from(String(v)).toString('base64')]),
          );
        assert.deepEqual(values, live.data);
      }
      const dir = writeFolder(full.files);
      folders.push(dir);
      const same = await kubectlDiff(dir);
      assert.equal(same.code, 0, same.out);
      // Applied for real, as Argo CD or Flux would: Slipway still finds its releases in sync.
      const applied = await kubectl('apply', '--server-side', '--force-conflicts', '-k', dir);
      assert.equal(applied.code, 0, applied.out);
      for (const release of full.releases) {
        const drift = await t.api('GET', `/releases/${release.id}/drift`);
        assert.equal(drift.json().status, 'in-sync', `${release.service}: ${drift.body}`);
      }

      const file = join(dir, 'web/deployment-web.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('image: nginx:1.27', 'image: nginx:1.28'));
      const changed = await kubectlDiff(dir);
      assert.equal(changed.code, 1, changed.out);
      assert.match(changed.out, /-\s+image: nginx:1\.27\n\+\s+image: nginx:1\.28/);
    });

    it('a viewer exports without Secrets but may not open them', async () => {
      const user = await ensureUser(t.db(), 'viewer-export');
      await ensureGlobalRole(t.db(), 'viewer-export', 'viewer', 'test');
      const { secret } = await createToken(t.db(), { userId: user.id, name: 'v', scopes: ['read', 'write'] });
      const as = (payload: object) =>
        t.inject({
          method: 'POST',
          url: '/api/v1/environments/staging/export',
          headers: { authorization: `Bearer ${secret}` },
          payload,
        });
      assert.equal((await as({})).statusCode, 200);
      const refused = await as({ includeSecrets: true });
      assert.equal(refused.statusCode, 403, refused.body);
      assert.equal(refused.json().error.code, 'forbidden');
    });

    it('refuses an unknown environment and unknown fields', async () => {
      assert.equal((await t.api('POST', '/environments/nowhere/export', {})).statusCode, 404);
      const bad = await t.api('POST', '/environments/staging/export', { secrets: true });
      assert.equal(bad.statusCode, 400, bad.body);
    });
  });
}
