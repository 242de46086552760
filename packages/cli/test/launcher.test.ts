/**
 * The `slipway` command as a newcomer runs it: from a folder of their own holding score.yaml,
 * through the launcher on PATH (packages/cli/bin/slipway) and through `npm run slipway` in the
 * checkout, which starts in the repository's root but must read the files of the caller's folder.
 * Against a real server and the live cluster.
 */
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  type CliResult,
  createTestNamespace,
  deleteTestNamespace,
  runProgram,
  startLiveServer,
  type TestServer,
  tempDir,
} from './harness.ts';

const launcher = fileURLToPath(new URL('../bin/slipway', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

let server: TestServer;
let work: string;
let namespace: string;

const score = (image: string) => `apiVersion: score.dev/v1b1
metadata:
  name: shop
containers:
  web:
    image: ${image}
`;

before(async () => {
  work = tempDir('launcher');
  writeFileSync(join(work, 'score.yaml'), score('nginx:1.27'));
  namespace = await createTestNamespace('launcher');
  server = await startLiveServer();
});

after(async () => {
  await server?.stop();
  if (namespace) await deleteTestNamespace(namespace);
  rmSync(work, { recursive: true, force: true });
});

const signIn = () => ['--server', server.url, '--token', server.adminToken];
const options = () => ({ configDir: join(work, 'config'), cwd: work });
const output = (r: CliResult) => `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;

/** `slipway ARGS` in the temporary folder, found on PATH as a person's shell finds it. */
const slipway = (args: string[]) =>
  runProgram('slipway', [...args, ...signIn()], {
    ...options(),
    env: { PATH: `${dirname(launcher)}${delimiter}${process.env.PATH ?? ''}` },
  });

/** `npm --prefix CHECKOUT run slipway -- ARGS` in the temporary folder: npm starts the CLI in the checkout. */
const npmSlipway = (args: string[]) =>
  runProgram('npm', ['--prefix', repoRoot, 'run', '--silent', 'slipway', '--', ...args, ...signIn()], options());

test('the launcher on PATH deploys the score.yaml of the folder it is run in', async () => {
  const set = await slipway(['env', 'set', 'dev', '--type', 'development', '--namespace', namespace]);
  assert.equal(set.code, 0, output(set));
  const deploy = await slipway(['deploy', '--env', 'dev']);
  assert.equal(deploy.code, 0, output(deploy));
  assert.match(deploy.stdout, /Release #1 of shop is queued in dev/);
});

test('npm run slipway reads the files of the folder npm was called from, not the checkout', async () => {
  writeFileSync(join(work, 'score.yaml'), score('nginx:1.28'));
  const deploy = await npmSlipway(['deploy', '-f', 'score.yaml', '--env', 'dev']);
  assert.equal(deploy.code, 0, output(deploy));
  assert.match(deploy.stdout, /Release #2 of shop is queued in dev/);
});

test('the diff between the two deploys shows the new image', async () => {
  const diff = await slipway(['diff', 'shop', '--env', 'dev']);
  assert.equal(diff.code, 1, `diff exits 1 when there is a difference\n${output(diff)}`);
  assert.match(
    diff.stdout,
    /~ Deployment shop\s+\/spec\/template\/spec\/containers\/\S+\/image: nginx:1\.27 → nginx:1\.28/,
  );
});
