import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startReceiver } from '../../server/test/notifications/receiver.ts';
import type { NotificationDeliveryView, NotificationSubscriptionView } from '../src/client.ts';
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
  work = tempDir('notify');
  server = await startServer({
    kubeconfig: (await stoppedClusterKubeconfig(work)).path,
    env: { SLIPWAY_CATALOG_ALLOWED_HOSTS: '127.0.0.1', SLIPWAY_NOTIFICATIONS_MAX_ATTEMPTS: '1' },
  });
});

after(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

const cli = (args: string[]): Promise<CliResult> =>
  runCli([...args, '--server', server.url, '--token', server.adminToken], { configDir: join(work, 'config') });

const deliveries = async (args: string[] = []) =>
  parseJson<{ items: NotificationDeliveryView[] }>(await cli(['notify', 'deliveries', ...args, '-o', 'json'])).items;

test('subscribe a webhook, see its delivery die, redeliver it to a receiver that recovered', async () => {
  let healthy = false;
  const receiver = await startReceiver(() => (healthy ? 200 : 500));
  try {
    const created = await cli([
      'notify',
      'subscription',
      'create',
      'ops',
      '--channel',
      'webhook',
      '--url',
      receiver.url,
    ]);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /Signing secret \(shown once; keep it with the receiver\): whsec_/);
    const [subscription] = parseJson<{ items: NotificationSubscriptionView[] }>(
      await cli(['notify', 'subscription', 'list', '-o', 'json']),
    ).items;
    assert.equal(subscription?.name, 'ops');
    const tested = await cli(['notify', 'subscription', 'test', subscription?.id ?? '']);
    assert.equal(tested.code, 0, tested.stderr);

    let dead: NotificationDeliveryView | undefined;
    const deadline = performance.now() + 20_000;
    while (!dead) {
      [dead] = await deliveries(['--status', 'dead']);
      assert.ok(performance.now() < deadline, 'the delivery never died');
    }
    assert.match(dead.lastError ?? '', /HTTP 500/);
    const table = await cli(['notify', 'deliveries', '--status', 'dead']);
    assert.match(table.stdout, /dead\s+1\s+ops\s+notification\.test/);

    healthy = true;
    const again = await cli(['notify', 'redeliver', dead.id]);
    assert.equal(again.code, 0, again.stderr);
    await receiver.waitFor(2);
    assert.equal(receiver.received[1]?.headers['webhook-id'], dead.id);

    const gone = await cli(['notify', 'subscription', 'delete', subscription?.id ?? '']);
    assert.equal(gone.code, 0, gone.stderr);
    assert.deepEqual(await deliveries(), []);
  } finally {
    await receiver.close();
  }
});

test('a destination inside the network is refused at its field; the inbox starts empty', async () => {
  const refused = await cli([
    'notify',
    'subscription',
    'create',
    'meta',
    '--channel',
    'slack',
    '--url',
    'http://169.254.169.254/',
  ]);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /refused: 169\.254\.169\.254 is not in catalog\.allowedHosts/);
  assert.match(refused.stderr, /\/url: /);
  const inbox = await cli(['inbox']);
  assert.equal(inbox.code, 0, inbox.stderr);
  assert.match(inbox.stdout, /^0 unread\./);
});
