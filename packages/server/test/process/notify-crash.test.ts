import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { testKubeConfigPath } from '../harness/cluster.ts';
import { startReceiver } from '../notifications/receiver.ts';
import { verifyStandardWebhook } from '../notifications/verify.ts';

const main = new URL('../../bin/slipway-server.mjs', import.meta.url).pathname;

/** The real server process on a data directory that outlives it; it may reach 127.0.0.1. */
function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      SLIPWAY_PORT: '0',
      SLIPWAY_LOG_LEVEL: 'warn',
      SLIPWAY_DATA_DIR: dataDir,
      SLIPWAY_CATALOG_ALLOWED_HOSTS: '127.0.0.1',
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
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('notifications after SIGKILL', () => {
  it('delivers a message whose attempt the kill cut short once more after the restart, with the same webhook-id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-notify-crash-'));
    const dataDir = join(dir, 'data');
    // The first attempt is held open (the server dies while it waits); later ones are answered.
    const receiver = await startReceiver((index) => (index === 0 ? 'hang' : 200));
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
    try {
      const created = await call('POST', '/notifications/subscriptions', {
        name: 'survivor',
        channel: 'webhook',
        url: receiver.url,
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const { subscription, secret } = created.body;
      const tested = await call('POST', `/notifications/subscriptions/${subscription.id}/test`);
      assert.equal(tested.status, 202, JSON.stringify(tested.body));

      await receiver.waitFor(1);
      await kill9(server.child);
      server = await startServer(dataDir);
      await receiver.waitFor(2);

      const [cut, again] = receiver.received;
      assert.ok(cut && again);
      assert.equal(
        again.headers['webhook-id'],
        cut.headers['webhook-id'],
        'the same id, so the receiver can de-duplicate',
      );
      assert.ok(verifyStandardWebhook(secret, again.headers, again.body, Math.floor(Date.now() / 1000)));
      assert.equal(JSON.parse(again.body).data.id, JSON.parse(cut.body).data.id, 'the same event');

      const deadline = performance.now() + 20_000;
      for (;;) {
        const { items } = (await call('GET', `/notifications/deliveries?subscription=${subscription.id}`)).body;
        if (items[0]?.status === 'delivered') {
          assert.equal(items.length, 1);
          assert.equal(items[0].id, cut.headers['webhook-id']);
          assert.equal(items[0].attempts, 2, 'the attempt cut short counts');
          break;
        }
        assert.ok(performance.now() < deadline, `delivery still ${items[0]?.status}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(receiver.received.length, 2, 'once more, not more');
    } finally {
      await kill9(server.child);
      await receiver.close();
    }
  });
});
