/**
 * `slipway export` against a live server and the local cluster: a folder `kubectl apply -k`
 * takes as it is (its diff with the cluster is empty), written again in place by a later
 * export, never over someone else's files; the objects on standard output without --out.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { kubectlBinary } from '../../server/test/harness/cluster.ts';
import {
  type CliResult,
  deleteNamespacesWithPrefix,
  liveKubeconfig,
  runCli,
  startLiveServer,
  type TestServer,
  tempDir,
} from './harness.ts';

let server: TestServer;
let work: string;
const prefix = `cli-export-${randomBytes(2).toString('hex')}`;

const score = (name: string) => `apiVersion: score.dev/v1b1
metadata:
  name: ${name}
containers:
  main:
    image: nginx:1.27
service:
  ports:
    http:
      port: 80
      targetPort: 8080
`;

before(async () => {
  work = tempDir('export');
  writeFileSync(join(work, 'web.yaml'), score('web'));
  writeFileSync(join(work, 'api.yaml'), score('api'));
  server = await startLiveServer({ namespacePrefix: prefix });
});

after(async () => {
  await server?.stop();
  await deleteNamespacesWithPrefix(liveKubeconfig(), prefix);
  rmSync(work, { recursive: true, force: true });
});

const cli = (args: string[]): Promise<CliResult> =>
  runCli([...args, '--server', server.url, '--token', server.adminToken], {
    configDir: join(work, 'config'),
    cwd: work,
  });
const output = (r: CliResult) => `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;

function kubectlDiff(dir: string): Promise<{ code: number; out: string }> {
  const args = ['--kubeconfig', liveKubeconfig(), 'diff', '--server-side', '--force-conflicts', '-k', dir];
  return new Promise((done) => {
    execFile(kubectlBinary(), args, { timeout: 60_000 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, out: `${stdout}${stderr}` });
    });
  });
}

test('export --out writes a folder kubectl finds identical to the cluster', async () => {
  const env = await cli(['env', 'create', 'dev', '--type', 'development']);
  assert.equal(env.code, 0, output(env));
  for (const file of ['web.yaml', 'api.yaml']) {
    const deploy = await cli(['deploy', '-f', file, '--env', 'dev', '--wait', '--timeout', '2m']);
    assert.equal(deploy.code, 0, output(deploy));
  }
  const exported = await cli(['export', '--env', 'dev', '--out', 'gitops/dev']);
  assert.equal(exported.code, 0, output(exported));
  assert.match(exported.stdout, /^Wrote \d+ files to gitops\/dev: environment dev, api #1, web #1\.\n/);
  assert.match(exported.stdout, /Apply with: kubectl apply -k gitops\/dev/);
  const dir = join(work, 'gitops/dev');
  assert.ok(existsSync(join(dir, 'kustomization.yaml')));
  assert.ok(existsSync(join(dir, 'web/deployment-web.yaml')));
  const diff = await kubectlDiff(dir);
  assert.equal(diff.code, 0, diff.out);
});

test('a later export replaces the files of the earlier one and keeps the rest of the folder', async () => {
  const dir = join(work, 'gitops/dev');
  writeFileSync(join(dir, 'README.md'), 'our notes\n');
  writeFileSync(join(dir, 'api/stale.yaml'), 'left by hand\n');
  rmSync(join(dir, 'web'), { recursive: true });
  const again = await cli(['export', '--env', 'dev', '--out', 'gitops/dev']);
  assert.equal(again.code, 0, output(again));
  assert.ok(existsSync(join(dir, 'web/deployment-web.yaml')), 'written again');
  assert.equal(readFileSync(join(dir, 'README.md'), 'utf8'), 'our notes\n');
  assert.ok(existsSync(join(dir, 'api/stale.yaml')), 'a file the export did not write stays');
});

test('export refuses a folder that holds something else', async () => {
  mkdirSync(join(work, 'elsewhere'));
  writeFileSync(join(work, 'elsewhere/kustomization.yaml'), 'resources: [app.yaml]\n');
  const refused = await cli(['export', '--env', 'dev', '--out', 'elsewhere']);
  assert.equal(refused.code, 1, output(refused));
  assert.match(refused.stderr, /holds files that are not an earlier export/);
  assert.equal(readFileSync(join(work, 'elsewhere/kustomization.yaml'), 'utf8'), 'resources: [app.yaml]\n');
});

test('without --out the objects go to standard output as one YAML stream', async () => {
  const streamed = await cli(['export', '--env', 'dev']);
  assert.equal(streamed.code, 0, output(streamed));
  const kinds = parseAllDocuments(streamed.stdout).map((d) => (d.toJS() as { kind: string }).kind);
  assert.equal(kinds[0], 'Namespace');
  assert.deepEqual(kinds.filter((k) => k === 'Deployment').length, 2);
  assert.ok(!kinds.includes('Kustomization'));
});
