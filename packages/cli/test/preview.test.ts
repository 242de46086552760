/**
 * `slipway preview test` and the docs' openssl + curl example, against a real server with a
 * webhook secret and the live cluster: a signed pull_request event opens, updates and closes a
 * preview environment as GitHub's would; a wrong secret is refused 401. No API token is used.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import {
  deleteNamespacesWithPrefix,
  liveKubeconfig,
  parseJson,
  runCli,
  startLiveServer,
  type TestServer,
  tempDir,
} from './harness.ts';

const secret = `preview-test-${randomBytes(8).toString('hex')}`;
const prefix = `cli-pr-${randomBytes(2).toString('hex')}`;
let server: TestServer;
let work: string;

/** The CLI with no token and no saved login: webhooks need none. */
const cli = (args: string[], options: { env?: Record<string, string>; input?: string } = {}) =>
  runCli(['--server', server.url, ...args], { configDir: work, ...options });
const withSecret = { env: { SLIPWAY_GITHUB_WEBHOOK_SECRET: secret } };

before(async () => {
  work = tempDir('preview');
  server = await startLiveServer({ namespacePrefix: prefix, githubWebhookSecret: secret });
  const admin = { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' };
  const env = await fetch(`${server.url}/api/v1/environments`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({ name: 'dev', type: 'development' }),
  });
  assert.ok(env.ok, await env.text());
  const source = await fetch(`${server.url}/api/v1/preview-sources/shop`, {
    method: 'PUT',
    headers: admin,
    body: JSON.stringify({ repository: 'acme/shop', baseEnvironment: 'dev', images: {} }),
  });
  assert.ok(source.ok, await source.text());
});

after(async () => {
  await server?.stop();
  await deleteNamespacesWithPrefix(liveKubeconfig(), prefix);
  rmSync(work, { recursive: true, force: true });
});

test('opens, updates and closes a preview with signed events, as GitHub would', async () => {
  const opened = await cli(['preview', 'test', '--repo', 'acme/shop', '--pr', '7', '-o', 'json'], withSecret);
  assert.equal(opened.code, 0, opened.stderr);
  const answer = parseJson<{ result: string; environment: string; delivery: string }>(opened);
  assert.equal(answer.result, 'created');
  assert.equal(answer.environment, 'pr-7');

  // The same delivery id again is a redelivery: answered, not acted on twice.
  const again = await cli(
    ['preview', 'test', '--repo', 'acme/shop', '--pr', '7', '--delivery', answer.delivery, '-o', 'json'],
    withSecret,
  );
  assert.equal(parseJson<{ result: string }>(again).result, 'duplicate', again.stdout);

  const sha = 'ab'.repeat(20);
  // --secret-stdin reads the secret piped in, with the line break echo adds.
  const piped = await cli(
    ['preview', 'test', '--repo', 'acme/shop', '--pr', '7', '--action', 'synchronize', '--sha', sha, '--secret-stdin'],
    { input: `${secret}\n` },
  );
  assert.equal(piped.code, 0, piped.stderr);
  assert.match(piped.stdout, /^Sent pull_request synchronize for acme\/shop#7 \(pr-7 at abababababab\), delivery /m);
  assert.match(piped.stdout, /^updated pr-7: /m);

  const closed = await cli(['preview', 'test', '--repo', 'acme/shop', '--pr', '7', '--action', 'closed'], withSecret);
  assert.equal(closed.code, 0, closed.stderr);
  assert.match(closed.stdout, /^deleted pr-7: Deleting pr-7$/m);
});

test('a wrong secret is refused 401 by the server; none at all, before sending', async () => {
  const wrong = await cli(['preview', 'test', '--repo', 'acme/shop', '--pr', '8'], {
    env: { SLIPWAY_GITHUB_WEBHOOK_SECRET: 'not-the-secret' },
  });
  assert.equal(wrong.code, 3, wrong.stderr);
  assert.match(wrong.stderr, /signature is missing or does not match/);

  const none = await cli(['preview', 'test', '--repo', 'acme/shop', '--pr', '8']);
  assert.equal(none.code, 2, none.stderr);
  assert.match(none.stderr, /No webhook secret: SLIPWAY_GITHUB_WEBHOOK_SECRET is not set/);

  const bad = await cli(['preview', 'test', '--repo', 'shop', '--pr', '0'], withSecret);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /expected owner\/name/);
});

test("the docs' openssl and curl example opens a preview", async () => {
  const docs = readFileSync(join(import.meta.dirname, '../../../docs/environments.md'), 'utf8');
  const block = [...docs.matchAll(/```sh\n([\s\S]*?)```/g)]
    .map((m) => m[1] as string)
    .find((b) => b.includes('openssl dgst'));
  assert.ok(block, 'docs/environments.md has the openssl example');
  const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', block], {
    cwd: work,
    env: { PATH: process.env.PATH ?? '', SLIPWAY_SERVER: server.url, SLIPWAY_GITHUB_WEBHOOK_SECRET: secret },
  });
  const answer = JSON.parse(stdout);
  assert.equal(answer.result, 'created', stdout);
  assert.equal(answer.environment, 'pr-42');
  const shown = /# (\{"result".*)$/m.exec(block)?.[1] ?? '';
  const documented = JSON.parse(shown);
  assert.deepEqual(Object.keys(documented), Object.keys(answer), 'the docs show the answer as it is');
  assert.deepEqual({ ...documented, releases: [] }, { ...answer, releases: [] });
});
