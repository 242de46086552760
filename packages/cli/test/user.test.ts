/**
 * `slipway user` against a real server: an admin makes accounts (with a password made up and
 * shown once, or piped in), lists them, disables and enables them; the person can sign in with
 * the CLI exactly while enabled; shows one and changes its names or password. Refusals keep the
 * API's codes.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { UserView } from '../src/client.ts';
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
let anaPassword = '';

before(async () => {
  work = tempDir('user');
  server = await startServer({ kubeconfig: (await stoppedClusterKubeconfig(work)).path });
});

after(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** As the first admin. */
const admin = (args: string[], input?: string) =>
  runCli([...args, '--server', server.url, '--token', server.adminToken], {
    configDir: join(work, 'admin'),
    ...(input === undefined ? {} : { input }),
  });

/** `slipway login` as USERNAME with the password on standard input, in a config directory of its own. */
const loginAs = (username: string, password: string) =>
  runCli(['login', '--server', server.url, '--username', username, '--password-stdin'], {
    configDir: join(work, `login-${username}`),
    input: password,
  });

const output = (r: CliResult) => `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;
const errorCode = (r: CliResult) => parseJson<{ error: { code: string } }>(r).error.code;

test('user create makes up a password, prints it once, and the new user signs in with it', async () => {
  const created = await admin(['user', 'create', 'ana', '--display-name', 'Ana Lima', '--email', 'ana@example.com']);
  assert.equal(created.code, 0, output(created));
  assert.match(created.stdout, /^Created user ana\.$/m);
  const shown = /^ {2}(\S{24})$/m.exec(created.stdout);
  assert.ok(shown?.[1], `a 24-character password is shown\n${output(created)}`);
  anaPassword = shown[1];

  const login = await loginAs('ana', anaPassword);
  assert.equal(login.code, 0, output(login));
  assert.match(login.stdout, /as ana /);
});

test('user create --password-stdin takes the password piped in, and -o json never echoes it', async () => {
  const password = 'correct horse battery staple';
  const created = await admin(['user', 'create', 'bea', '--password-stdin', '-o', 'json'], `${password}\n`);
  assert.equal(created.code, 0, output(created));
  const body = parseJson<{ user: UserView; password?: string }>(created);
  assert.equal(body.user.username, 'bea');
  assert.equal(body.user.hasPassword, true);
  assert.equal(body.password, undefined);
  assert.ok(!created.stdout.includes(password));
  assert.equal((await loginAs('bea', password)).code, 0);
});

test('user create --no-password makes an account that signs in through the identity provider only', async () => {
  const created = await admin(['user', 'create', 'cai', '--no-password', '-o', 'json']);
  assert.equal(created.code, 0, output(created));
  assert.equal(parseJson<{ user: UserView }>(created).user.hasPassword, false);
});

test('refusals keep their codes: a taken username, a short password, disabling yourself', async () => {
  const again = await admin(['user', 'create', 'ana']);
  assert.equal(again.code, 1, output(again));
  assert.match(again.stderr, /^error: .*ana/m);
  assert.equal(errorCode(await admin(['user', 'create', 'ana', '-o', 'json'])), 'already_exists');

  const short = await admin(['user', 'create', 'dan', '--password-stdin', '-o', 'json'], 'short\n');
  assert.equal(short.code, 2, output(short));
  const refused = parseJson<{ error: { code: string; fields: Array<{ path: string }> } }>(short).error;
  assert.equal(refused.code, 'invalid_input');
  assert.deepEqual(
    refused.fields.map((f) => f.path),
    ['/password'],
  );

  const self = await admin(['user', 'disable', 'admin']);
  assert.equal(self.code, 1, output(self));
  assert.match(self.stderr, /^error: You cannot disable your own account$/m);
  assert.equal(errorCode(await admin(['user', 'disable', 'admin', '-o', 'json'])), 'self_disable');
});

test('user list shows every user as a table, and as JSON with -o json', async () => {
  const table = await admin(['user', 'list']);
  assert.equal(table.code, 0, output(table));
  assert.match(table.stdout, /^USER +NAME +EMAIL +SIGNS IN WITH +STATUS +CREATED$/m);
  assert.match(table.stdout, /^ana +Ana Lima +ana@example\.com +password +active +\d{4}-\d\d-\d\d \d\d:\d\dZ$/m);
  assert.match(table.stdout, /^cai +- +- +tokens only +active /m);

  const json = parseJson<{ items: UserView[] }>(await admin(['user', 'ls', '-o', 'json']));
  assert.deepEqual(
    json.items.map((u) => u.username),
    ['admin', 'ana', 'bea', 'cai'],
  );
});

test('user disable stops the sign-in and user enable gives it back', async () => {
  const disabled = await admin(['user', 'disable', 'ana']);
  assert.equal(disabled.code, 0, output(disabled));
  assert.match(disabled.stdout, /^Disabled ana: signed out everywhere/m);
  assert.match((await admin(['user', 'list'])).stdout, /^ana .* disabled \d{4}-/m);
  const refused = await loginAs('ana', anaPassword);
  assert.equal(refused.code, 3, output(refused));

  const enabled = await admin(['user', 'enable', 'ana', '-o', 'json']);
  assert.equal(enabled.code, 0, output(enabled));
  assert.equal(parseJson<{ user: UserView }>(enabled).user.disabled, false);
  assert.equal((await loginAs('ana', anaPassword)).code, 0);
});

test('user commands on a user that does not exist say so', async () => {
  const missing = await admin(['user', 'disable', 'nobody', '-o', 'json']);
  assert.equal(missing.code, 1, output(missing));
  assert.equal(errorCode(missing), 'not_found');
});

test('user show prints one user, and user set changes names and the password they sign in with', async () => {
  const changed = await admin([
    'user',
    'set',
    'ana',
    '--display-name',
    'Ana Lima-Souza',
    '--email',
    'ana@payments.example.com',
  ]);
  assert.equal(changed.code, 0, output(changed));
  assert.match(changed.stdout, /^Changed ana's display name and e-mail\.$/m);

  const shown = await admin(['user', 'show', 'ana']);
  assert.equal(shown.code, 0, output(shown));
  assert.match(shown.stdout, /^Name: +Ana Lima-Souza$/m);
  assert.match(shown.stdout, /^E-mail: +ana@payments\.example\.com$/m);
  assert.match(shown.stdout, /^Signs in with: +password$/m);
  assert.equal(
    parseJson<{ user: UserView }>(await admin(['user', 'show', 'ana', '-o', 'json'])).user.displayName,
    'Ana Lima-Souza',
  );

  const password = 'a brand new passphrase for ana';
  const reset = await admin(['user', 'set', 'ana', '--password-stdin'], `${password}\n`);
  assert.equal(reset.code, 0, output(reset));
  assert.equal((await loginAs('ana', anaPassword)).code, 3, 'the old password no longer signs in');
  assert.equal((await loginAs('ana', password)).code, 0);
  anaPassword = password;
});

test('user set with nothing to change, or a short password, is refused before anything changes', async () => {
  const nothing = await admin(['user', 'set', 'ana', '-o', 'json']);
  assert.equal(nothing.code, 2, output(nothing));
  assert.equal(errorCode(nothing), 'invalid_input');
  const short = await admin(['user', 'set', 'ana', '--password-stdin', '-o', 'json'], 'short\n');
  assert.equal(short.code, 2, output(short));
  assert.equal(errorCode(short), 'invalid_input');
  assert.equal((await loginAs('ana', anaPassword)).code, 0, 'the password is unchanged');
  assert.equal(errorCode(await admin(['user', 'show', 'nobody', '-o', 'json'])), 'not_found');
});
