import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { testKubeConfigPath } from '../harness/cluster.ts';

const main = new URL('../../src/main.ts', import.meta.url).pathname;

/** Starts the real server process and resolves once it has announced its URL. */
function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: { ...process.env, SLIPWAY_PORT: '0', SLIPWAY_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

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
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
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
});
