import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { TokenView } from '../src/client.ts';
import {
  type CliResult,
  parseJson,
  runCli,
  startServer,
  stoppedClusterKubeconfig,
  type TestServer,
  tempDir,
} from './harness.ts';

let server: TestServer;
let work: string;

before(async () => {
  work = tempDir('tokens');
  server = await startServer({ kubeconfig: (await stoppedClusterKubeconfig(work)).path });
});

after(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** Runs the CLI as the admin, or with another token. */
const cli = (args: string[], token = server.adminToken): Promise<CliResult> =>
  runCli([...args, '--server', server.url, '--token', token], { configDir: join(work, 'config') });

async function listed(): Promise<TokenView[]> {
  return parseJson<{ items: TokenView[] }>(await cli(['token', 'list', '-o', 'json'])).items;
}

test('token create, list and revoke round trip; the revoked token is refused', async () => {
  const create = await cli(['token', 'create', 'ci', '--scope', 'read', '--expires-in-days', '30', '-o', 'json']);
  assert.equal(create.code, 0, create.stderr);
  const { token, secret } = parseJson<{ token: TokenView; secret: string }>(create);
  assert.match(secret, /^slw_[0-9A-Za-z]{40}$/);
  assert.deepEqual(token.scopes, ['read']);
  const days = (Date.parse(token.expiresAt ?? '') - Date.now()) / 86_400_000;
  assert.ok(days > 29.9 && days <= 30, `expires in ${days} days`);

  assert.ok((await listed()).some((t) => t.id === token.id && t.name === 'ci' && t.revokedAt === null));
  const table = await cli(['token', 'list']);
  assert.match(table.stdout, /^ID +NAME +SCOPES +CREATED +EXPIRES +LAST USED +STATUS$/m);
  assert.match(table.stdout, new RegExp(`^${token.id} +ci +read +.* active$`, 'm'));

  assert.equal((await cli(['whoami'], secret)).code, 0, 'the new token works');

  const revoke = await cli(['token', 'revoke', token.id]);
  assert.equal(revoke.code, 0, revoke.stderr);
  assert.match(revoke.stdout, new RegExp(`Revoked token ${token.id}`));

  const refused = await cli(['whoami'], secret);
  assert.equal(refused.code, 3);
  assert.match(refused.stderr, /^error: The API token is unknown, expired or revoked/m);
  const still = (await listed()).find((t) => t.id === token.id);
  assert.ok(!still || still.revokedAt !== null, 'the list no longer shows it as active');
});

test('text output of token create shows the secret once, and says so', async () => {
  const create = await cli(['token', 'create', 'shown-once']);
  assert.equal(create.code, 0, create.stderr);
  assert.match(create.stdout, /^Created token "shown-once" \(.+\), scopes read, write, expires never\.$/m);
  assert.match(create.stdout, /shown this once only/);
  assert.match(create.stdout, /^ {2}slw_[0-9A-Za-z]{40}$/m);
});

test('token revoke takes a name too; an unknown one is not found (exit 1)', async () => {
  assert.equal((await cli(['token', 'create', 'by-name'])).code, 0);
  const revoke = await cli(['token', 'revoke', 'by-name']);
  assert.equal(revoke.code, 0, revoke.stderr);
  assert.match(revoke.stdout, /Revoked token "by-name" \(/);

  const missing = await cli(['token', 'revoke', 'by-name']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^error: An active token named "by-name" was not found$/m);
});

test('a read-only token may list but not create tokens (forbidden: exit 3)', async () => {
  const { secret } = parseJson<{ secret: string }>(
    await cli(['token', 'create', 'reader', '--scope', 'read', '-o', 'json']),
  );
  assert.equal((await cli(['token', 'list'], secret)).code, 0);
  const denied = await cli(['token', 'create', 'nope'], secret);
  assert.equal(denied.code, 3);
  assert.match(denied.stderr, /lacks the "write" scope/);
  assert.match(denied.stderr, /hint: /);
});

test('the server rejecting an argument is a usage error, with the field named (exit 2)', async () => {
  const badName = await cli(['token', 'create', 'bad name!', '-o', 'json']);
  assert.equal(badName.code, 2, badName.stdout + badName.stderr);
  const body = parseJson<{ error: { code: string; fields?: Array<{ path: string }> } }>(badName);
  assert.equal(body.error.code, 'invalid_input');
  assert.ok(
    body.error.fields?.some((f) => f.path === '/name'),
    JSON.stringify(body),
  );

  const text = await cli(['token', 'create', 'bad name!']);
  assert.equal(text.code, 2);
  assert.match(text.stderr, /^ {2}\/name: /m);
});

test('bad option values are usage errors caught before any request (exit 2)', async () => {
  for (const args of [
    ['token', 'create', 'x', '--scope', 'admin'],
    ['token', 'create', 'x', '--expires-in-days', '0'],
    ['token', 'create', 'x', '--expires-in-days', 'soon'],
    ['token', 'revoke'],
  ]) {
    const result = await cli(args);
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, /^error: /m);
  }
});
