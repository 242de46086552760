import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { testKubeConfigPath } from '../harness/cluster.ts';
import { provisionTestDatabase } from '../harness/databases.ts';

// The launcher users run (scripts/up.sh): the server's sources, bundled on first use.
const main = new URL('../../bin/slipway-server.mjs', import.meta.url).pathname;

/** Starts the real server process and resolves once it has announced its URL. */
function startServer(
  env: Record<string, string>,
  cwd?: string,
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, SLIPWAY_PORT: '0', SLIPWAY_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(cwd ? { cwd } : {}),
  });
  started.add(child);
  child.once('exit', () => started.delete(child));
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Slipway is running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve({ child, url: match[1], output: () => output });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code} before it was ready:\n${output}`)));
  });
}

// Servers still running when a test ends (it failed half-way) are killed, or the file would hang.
const started = new Set<ChildProcess>();
afterEach(() => {
  for (const child of started) child.kill('SIGKILL');
});

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

async function stopServer(child: ChildProcess): Promise<void> {
  const exit = exited(child);
  child.kill('SIGTERM');
  assert.equal(await exit, 0);
}

/** Runs the server expecting it to refuse to start; resolves with its exit code and stderr. */
async function refusedStart(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, SLIPWAY_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c) => {
    stderr += c;
  });
  return { code: await exited(child), stderr };
}

// What a server run leaves in its state directory, read back to compare before and after.
const stateFiles = ['initial-admin-token', 'initial-admin-password', 'secret-keys'];
const readState = (dir: string) => stateFiles.map((f) => readFileSync(join(dir, f), 'utf8'));

describe('the server process', () => {
  it('starts on PGlite, writes the first login, serves, and shuts down gracefully on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-proc-'));
    const { child, url, output } = await startServer({
      SLIPWAY_DATA_DIR: join(dir, 'data'),
      KUBECONFIG: testKubeConfigPath(),
    });
    const token = readFileSync(join(dir, 'initial-admin-token'), 'utf8').trim();
    assert.match(token, /^slw_/);
    const who = await fetch(`${url}/api/v1/whoami`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(who.status, 200);
    assert.equal(((await who.json()) as { user: { username: string } }).user.username, 'admin');

    const exit = exited(child);
    child.kill('SIGTERM');
    assert.equal(await exit, 0);
    const logs = output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
    assert.ok(
      logs.some((l) => l.msg === 'shutting down' && l.signal === 'SIGTERM'),
      'logs structured JSON',
    );
    assert.ok(logs.some((l) => l.msg === 'stopped'));
  });

  it('keeps the same first login across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-proc-'));
    const env = { SLIPWAY_DATA_DIR: join(dir, 'data'), KUBECONFIG: testKubeConfigPath() };
    const first = await startServer(env);
    const token = readFileSync(join(dir, 'initial-admin-token'), 'utf8');
    let exit = exited(first.child);
    first.child.kill('SIGTERM');
    await exit;
    const second = await startServer(env);
    assert.equal(readFileSync(join(dir, 'initial-admin-token'), 'utf8'), token);
    const who = await fetch(`${second.url}/api/v1/whoami`, { headers: { authorization: `Bearer ${token.trim()}` } });
    assert.equal(who.status, 200, 'the token survives a restart: it lives in the database, not in memory');
    exit = exited(second.child);
    second.child.kill('SIGTERM');
    await exit;
  });

  it('refuses to start on a bad configuration and says which field is wrong', async () => {
    const child = spawn(process.execPath, [main], {
      env: { ...process.env, SLIPWAY_PORT: 'many', SLIPWAY_DATA_DIR: 'memory://' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (c) => {
      stderr += c;
    });
    const code = await exited(child);
    assert.equal(code, 78, 'EX_CONFIG');
    assert.match(stderr, /\/server\/port/);
    assert.doesNotMatch(stderr, /at .*\.ts:\d+/, 'no stack trace for an expected error');
  });

  it('refuses a second server on the same state directory, and lets go of it when it stops', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-proc-'));
    const env = { SLIPWAY_DATA_DIR: join(dir, 'data'), KUBECONFIG: testKubeConfigPath() };
    const first = await startServer(env);
    const lock = JSON.parse(readFileSync(join(dir, 'server.lock'), 'utf8')) as { pid: number };
    assert.equal(lock.pid, first.child.pid);

    const second = await refusedStart(env);
    assert.equal(second.code, 69, 'EX_UNAVAILABLE');
    assert.match(
      second.stderr,
      new RegExp(
        `Another Slipway server \\(process ${first.child.pid}, started .*\\) is using the state directory ${dir}`,
      ),
    );
    assert.match(second.stderr, /SLIPWAY_STATE_DIR/);

    await stopServer(first.child);
    assert.equal(existsSync(join(dir, 'server.lock')), false, 'a clean stop removes the lock');
    // A lock left by a process that is gone (a crash, kill -9) does not keep the next one out.
    writeFileSync(join(dir, 'server.lock'), JSON.stringify({ pid: 2 ** 22 + 1, startedAt: 'then' }));
    const third = await startServer(env);
    await stopServer(third.child);
  });

  it('keeps two servers on two databases apart, whatever folder they start from', async () => {
    const checkout = mkdtempSync(join(tmpdir(), 'slipway-checkout-'));
    const first = join(checkout, '.slipway');
    const one = await startServer(
      { SLIPWAY_DATA_DIR: join(first, 'data'), KUBECONFIG: testKubeConfigPath() },
      checkout,
    );
    const before = readState(first);

    // The second runs on PostgreSQL from the same folder, with no state directory given: its
    // files go to the default for its database, never into ./.slipway of the folder.
    const postgres = await provisionTestDatabase('postgres');
    const home = mkdtempSync(join(tmpdir(), 'slipway-state-home-'));
    try {
      assert.equal(postgres.config.engine, 'postgres');
      const url = postgres.config.engine === 'postgres' ? postgres.config.url : '';
      const two = await startServer(
        { SLIPWAY_DATABASE_URL: url, XDG_STATE_HOME: home, KUBECONFIG: testKubeConfigPath() },
        checkout,
      );
      const { hostname, port, pathname } = new URL(url);
      const second = join(home, 'slipway', `postgres-${hostname}-${port}-${pathname.slice(1)}`);
      assert.match(two.output(), new RegExp(`token in ${second}/initial-admin-token`));
      assert.notDeepEqual(readState(second), before, 'its own first login and key ring');
      assert.deepEqual(readState(first), before, "the first server's files are untouched");
      await stopServer(two.child);
    } finally {
      await postgres.dispose();
    }
    await stopServer(one.child);
  });
});
