import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseJson, runCli, startServer, stoppedClusterKubeconfig, type TestServer, tempDir } from './harness.ts';

let server: TestServer;
let work: string;
let dirs = 0;
/** A fresh config directory: each test signs in (or not) on its own. */
const freshConfigDir = () => join(work, `config-${++dirs}`);

before(async () => {
  work = tempDir('auth');
  server = await startServer({ kubeconfig: (await stoppedClusterKubeconfig(work)).path });
});

after(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

test('login verifies the token, saves server and token (mode 0600), and whoami works afterwards', async () => {
  const configDir = freshConfigDir();
  const login = await runCli(['login', '--server', server.url, '--token', server.adminToken], { configDir });
  assert.equal(login.code, 0, login.stderr);
  assert.match(login.stdout, /^Signed in to http:\/\/127\.0\.0\.1:\d+ as admin \(token "initial-admin-/);

  const file = join(configDir, 'config.json');
  assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { server: server.url, token: server.adminToken });
  assert.equal(statSync(file).mode & 0o777, 0o600);

  const whoami = await runCli(['whoami'], { configDir });
  assert.equal(whoami.code, 0, whoami.stderr);
  assert.match(whoami.stdout, /^user: +admin \(/m);
  assert.match(whoami.stdout, /^scopes: +read, write$/m);
  assert.match(whoami.stdout, new RegExp(`^server: +${server.url}$`, 'm'));

  const json = parseJson<{ user: { username: string }; token: { scopes: string[] } }>(
    await runCli(['whoami', '-o', 'json'], { configDir }),
  );
  assert.equal(json.user.username, 'admin');
  assert.deepEqual(json.token.scopes, ['read', 'write']);
});

test('login reads the token from a file, or from standard input with --token-file -', async () => {
  const tokenFile = join(work, 'token');
  writeFileSync(tokenFile, `${server.adminToken}\n`);
  const fromFile = await runCli(['login', '--server', server.url, '--token-file', tokenFile], {
    configDir: freshConfigDir(),
  });
  assert.equal(fromFile.code, 0, fromFile.stderr);

  const configDir = freshConfigDir();
  const fromStdin = await runCli(['login', '--server', server.url, '--token-file', '-', '-o', 'json'], {
    configDir,
    input: `${server.adminToken}\n`,
  });
  assert.equal(fromStdin.code, 0, fromStdin.stderr);
  assert.equal(parseJson<{ user: { username: string } }>(fromStdin).user.username, 'admin');
  assert.equal(JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')).token, server.adminToken);
});

test('a wrong token is refused with exit 3 and a helpful message, and nothing is saved', async () => {
  const configDir = freshConfigDir();
  const wrong = 'slw_0000000000000000000000000000000000000000';
  const login = await runCli(['login', '--server', server.url, '--token', wrong], { configDir });
  assert.equal(login.code, 3);
  assert.match(
    login.stderr,
    /^error: The server at .* refused the token: The API token is unknown, expired or revoked$/m,
  );
  assert.match(login.stderr, /^ {2}hint: /m);
  assert.doesNotMatch(login.stderr, /^\s+at /m, 'no stack trace');
  assert.equal(existsSync(join(configDir, 'config.json')), false);

  const whoami = await runCli(['whoami', '--server', server.url, '--token', wrong], { configDir });
  assert.equal(whoami.code, 3);
  assert.match(whoami.stderr, /unknown, expired or revoked \(token from the --token option\)/);
  assert.match(whoami.stderr, /hint: Sign in with `slipway login/);
});

test('without a login, commands say how to sign in and exit 3', async () => {
  const result = await runCli(['whoami'], { configDir: freshConfigDir() });
  assert.equal(result.code, 3);
  assert.match(result.stderr, /^error: Not signed in: no Slipway server is configured$/m);
  assert.match(result.stderr, /hint: Sign in with `slipway login --server URL --username NAME` \(or --token TOKEN\)/);
});

test('login without a token or server is a usage error (exit 2)', async () => {
  const noToken = await runCli(['login', '--server', server.url], { configDir: freshConfigDir() });
  assert.equal(noToken.code, 2);
  assert.match(
    noToken.stderr,
    /login needs a username or a token: --username NAME, --token TOKEN or --token-file PATH/,
  );

  const noServer = await runCli(['login', '--token', server.adminToken], { configDir: freshConfigDir() });
  assert.equal(noServer.code, 2);
  assert.match(noServer.stderr, /login needs the server URL/);
});

test('--token wins over SLIPWAY_TOKEN, which wins over the saved login', async () => {
  const configDir = freshConfigDir();
  assert.equal((await runCli(['login', '--server', server.url, '--token', server.adminToken], { configDir })).code, 0);
  const env = { SLIPWAY_TOKEN: 'slw_stale' };

  const fromEnv = await runCli(['whoami'], { configDir, env });
  assert.equal(fromEnv.code, 3);
  assert.match(fromEnv.stderr, /token from the SLIPWAY_TOKEN environment variable/);

  const fromFlag = await runCli(['whoami', '--token', server.adminToken], { configDir, env });
  assert.equal(fromFlag.code, 0, fromFlag.stderr);
});

test('logout forgets the token but keeps the server; --revoke also revokes it on the server', async () => {
  const created = parseJson<{ secret: string }>(
    await runCli(['token', 'create', 'laptop', '-o', 'json', '--server', server.url, '--token', server.adminToken], {
      configDir: freshConfigDir(),
    }),
  );
  const configDir = freshConfigDir();
  assert.equal((await runCli(['login', '--server', server.url, '--token', created.secret], { configDir })).code, 0);

  const logout = await runCli(['logout', '--revoke'], { configDir });
  assert.equal(logout.code, 0, logout.stderr);
  assert.match(logout.stdout, /Revoked token "laptop"/);
  assert.deepEqual(JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')), { server: server.url });

  const signedOut = await runCli(['whoami'], { configDir });
  assert.equal(signedOut.code, 3);
  assert.match(signedOut.stderr, /no API token is configured/);
  const revoked = await runCli(['whoami', '--token', created.secret], { configDir });
  assert.equal(revoked.code, 3);

  const again = await runCli(['logout'], { configDir });
  assert.equal(again.code, 0);
  assert.match(again.stdout, /Not signed in; nothing to do/);
});

test('a broken config file is reported with its path, and flags still work', async () => {
  const configDir = freshConfigDir();
  await runCli(['login', '--server', server.url, '--token', server.adminToken], { configDir });
  writeFileSync(join(configDir, 'config.json'), '{ not json');
  const broken = await runCli(['whoami'], { configDir });
  assert.equal(broken.code, 1);
  assert.match(broken.stderr, /config\.json is not valid JSON/);
  const withFlags = await runCli(['whoami', '--server', server.url, '--token', server.adminToken], { configDir });
  assert.equal(withFlags.code, 0, withFlags.stderr);
});

test('login --username with --password-stdin gets a token for this CLI; whoami works; logout revokes it', async () => {
  const configDir = freshConfigDir();
  const login = await runCli(['login', '--server', server.url, '--username', 'admin', '--password-stdin'], {
    configDir,
    input: `${server.adminPassword}\n`,
  });
  assert.equal(login.code, 0, login.stderr);
  assert.match(
    login.stdout,
    /^Signed in to .* as admin \(token "cli-[A-Za-z0-9._-]+-\d{8}-\d{6}", scopes read, write\)/,
  );
  const saved = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8'));
  assert.equal(saved.server, server.url);
  assert.match(saved.token, /^slw_/);
  assert.match(saved.tokenId, /^[0-9a-f-]{36}$/);

  const whoami = parseJson<{ user: { username: string }; token: { expiresAt: string } }>(
    await runCli(['whoami', '-o', 'json'], { configDir }),
  );
  assert.equal(whoami.user.username, 'admin');
  const days = (Date.parse(whoami.token.expiresAt) - Date.now()) / 86_400_000;
  assert.ok(days > 29.9 && days <= 30, `expires in ${days} days`);

  const logout = await runCli(['logout'], { configDir });
  assert.equal(logout.code, 0, logout.stderr);
  assert.match(logout.stdout, /Revoked token "cli-/);
  const refused = await runCli(['whoami', '--token', saved.token], { configDir });
  assert.equal(refused.code, 3, 'the revoked token is refused');
});

test('login --username: a wrong password exits 3 and saves nothing; no terminal and no stdin is a usage error', async () => {
  const configDir = freshConfigDir();
  const wrong = await runCli(['login', '--server', server.url, '--username', 'admin', '--password-stdin'], {
    configDir,
    input: 'not-the-password\n',
  });
  assert.equal(wrong.code, 3, wrong.stderr);
  assert.match(wrong.stderr, /The username or password is wrong/);
  assert.equal(existsSync(join(configDir, 'config.json')), false);

  const noTty = await runCli(['login', '--server', server.url, '--username', 'admin'], { configDir });
  assert.equal(noTty.code, 2);
  assert.match(noTty.stderr, /No terminal to ask for the password on/);
  assert.match(noTty.stderr, /--password-stdin/);

  const stray = await runCli(['login', '--server', server.url, '--password-stdin'], { configDir, input: 'x\n' });
  assert.equal(stray.code, 2);
  assert.match(stray.stderr, /--password-stdin goes with --username/);
});
