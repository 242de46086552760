import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { testKubeConfigPath, useTestNamespace } from '../harness/cluster.ts';

const main = new URL('../../bin/slipway-server.mjs', import.meta.url).pathname;
const terminal = ['healthy', 'degraded', 'failed', 'superseded'];

/** The real server process on a data directory that outlives it. */
function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      SLIPWAY_PORT: '0',
      SLIPWAY_LOG_LEVEL: 'warn',
      SLIPWAY_DATA_DIR: dataDir,
      KUBECONFIG: testKubeConfigPath(),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Slipway is running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve({ child, url: match[1] });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

const score = (fault?: string) => `
apiVersion: score.dev/v1b1
metadata:
  name: sturdy
  annotations:
    testbed.slipway.dev/delay: "1500ms"
${fault ? `    testbed.slipway.dev/fault: ${fault}\n` : ''}containers:
  app:
    image: nginx:1.27
`;

describe('the engine after SIGKILL', () => {
  const ns = useTestNamespace('crash');

  it('finishes or fails every release that was in flight when the server was killed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-crash-'));
    const dataDir = join(dir, 'data');
    let server = await startServer(dataDir);
    const token = readFileSync(join(dir, 'initial-admin-token'), 'utf8').trim();
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${server.url}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: (await res.json()) as Record<string, any> };
    };
    const settle = async (id: string) => {
      const deadline = Date.now() + 90_000;
      for (;;) {
        const { release } = (await call('GET', `/releases/${id}`)).body;
        if (terminal.includes(release.status)) return release;
        assert.ok(Date.now() < deadline, `release #${release.number} still ${release.status}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    try {
      const env = await call('PUT', '/environments/crash', {
        type: 'development',
        namespace: ns.namespace(),
        defaults: { progressDeadlineSeconds: 8 },
      });
      assert.equal(env.status, 200, JSON.stringify(env.body));

      // Killed at once, a little later (applying or progressing), and well into the rollout.
      for (const [i, delay] of [0, 300, 1200].entries()) {
        const deployed = await call('POST', '/deploys', {
          environment: 'crash',
          workload: score(),
          reason: `kill after ${delay} ms`,
        });
        assert.equal(deployed.status, 202, JSON.stringify(deployed.body));
        await new Promise((r) => setTimeout(r, delay));
        await kill9(server.child);
        server = await startServer(dataDir);
        const release = await settle(deployed.body.release.id);
        assert.equal(release.status, 'healthy', `kill ${i}: ${release.message}`);
      }

      // A failing rollout whose deadline passes while the server is down ends Degraded with
      // its reason, and the automatic rollback restores the last healthy release.
      const failing = await call('POST', '/deploys', {
        environment: 'crash',
        workload: score('crashloop'),
        reason: 'doomed',
      });
      await new Promise((r) => setTimeout(r, 500));
      await kill9(server.child);
      await new Promise((r) => setTimeout(r, 9000));
      server = await startServer(dataDir);
      const doomed = await settle(failing.body.release.id);
      assert.equal(doomed.status, 'degraded');
      assert.match(doomed.message, /crash|deadline/i);
      const all = (await call('GET', '/releases?service=sturdy&environment=crash')).body.items as Array<
        Record<string, any>
      >;
      const rollback = all.find((r) => r.rollbackOf !== null);
      assert.ok(rollback, 'an automatic rollback was queued');
      const restored = await settle(rollback.id);
      assert.equal(restored.status, 'healthy', restored.message);
      assert.ok(
        all.every((r) => terminal.includes(r.status) || r.id === rollback.id),
        'nothing is left in flight',
      );
    } finally {
      await kill9(server.child);
    }
  });
});
