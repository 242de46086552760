/**
 * `slipway logs` and `slipway events` against a real server and the live cluster: kwok serves
 * every container's log from one file next to the cluster's kubeconfig (testbed/cluster.sh),
 * so a line appended there is what a container "writes". The lines carry their pod and
 * container; -f prints a line written after it started; an unknown service is refused with
 * its code.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { appendFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import {
  type CliResult,
  createTestNamespace,
  deleteTestNamespace,
  liveKubeconfig,
  parseJson,
  runCli,
  spawnFollowing,
  startLiveServer,
  type TestServer,
  tempDir,
} from './harness.ts';

let server: TestServer;
let work: string;
let namespace: string;

const score = `apiVersion: score.dev/v1b1
metadata: { name: orders }
containers:
  api: { image: nginx:1.27 }
  sidecar: { image: busybox:1.36 }
`;

/** A line "written" by every container of the cluster, in the CRI log format kwok serves. */
const writeLine = (text: string) =>
  appendFileSync(join(dirname(liveKubeconfig()), 'container.log'), `${new Date().toISOString()} stdout F ${text}\n`);

before(async () => {
  work = tempDir('logs');
  writeFileSync(join(work, 'score.yaml'), score);
  namespace = await createTestNamespace('logs');
  server = await startLiveServer();
  const env = await cli(['env', 'set', 'dev', '--type', 'development', '--namespace', namespace, '--replicas', '1']);
  assert.equal(env.code, 0, output(env));
  const deployed = await cli(['deploy', '--env', 'dev', '--wait']);
  assert.equal(deployed.code, 0, output(deployed));
});

after(async () => {
  await server?.stop();
  if (namespace) await deleteTestNamespace(namespace);
  rmSync(work, { recursive: true, force: true });
});

const cli = (args: string[]): Promise<CliResult> =>
  runCli([...args, '--server', server.url, '--token', server.adminToken], {
    configDir: join(work, 'config'),
    cwd: work,
  });
const output = (r: CliResult) => `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;

test('logs prints each container’s lines with its pod and container; --container and --search narrow them', async () => {
  const marker = `order ${randomBytes(4).toString('hex')} placed`;
  writeLine(marker);
  const all = await cli(['logs', 'orders', '--env', 'dev']);
  assert.equal(all.code, 0, output(all));
  const pod = new RegExp(`^(orders-[a-z0-9-]+)/(api|sidecar)  ${marker}$`, 'gm');
  const containers = [...all.stdout.matchAll(pod)].map((m) => m[2]).sort();
  assert.deepEqual(containers, ['api', 'sidecar'], output(all));
  assert.match(all.stdout, /^orders-[a-z0-9-]+\/api {2}testbed: container started$/m);

  const one = await cli([
    'logs',
    'orders',
    '--env',
    'dev',
    '--container',
    'sidecar',
    '--search',
    marker.split(' ')[1] ?? '',
  ]);
  assert.equal(one.code, 0, output(one));
  assert.deepEqual(
    one.stdout
      .trim()
      .split('\n')
      .map((l) => l.replace(/^orders-[a-z0-9-]+\//, '')),
    [`sidecar  ${marker}`],
  );

  const json = await cli(['logs', 'orders', '--env', 'dev', '--container', 'api', '--tail', '1', '-o', 'json']);
  assert.equal(json.code, 0, output(json));
  const lines = json.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { pod: string; container: string; text: string });
  assert.equal(lines.length, 1, json.stdout);
  assert.equal(lines[0]?.container, 'api');
});

test('logs -f prints a line written after it started, and ends cleanly on Ctrl-C', async () => {
  const marker = `refund ${randomBytes(4).toString('hex')} issued`;
  const following = follow(['logs', 'orders', '--env', 'dev', '-f', '--container', 'api', '--tail', '1']);
  // Write once the stream has begun (its tail line arrived), then wait for the new line.
  await following.until((stdout) => stdout.includes('\n'));
  writeLine(marker);
  const stdout = await following.until((out) => out.includes(marker));
  assert.match(stdout, new RegExp(`^orders-[a-z0-9-]+/api {2}${marker}$`, 'm'));
  const ended = await following.interrupt();
  assert.equal(ended.code, 0, ended.stderr);
});

test('events -f prints an event that happens after it started, and ends cleanly on Ctrl-C', async () => {
  const following = follow(['events', 'orders', '--env', 'dev', '-f']);
  const created = (stdout: string) =>
    stdout.match(/ SuccessfulCreate {2}ReplicaSet\/orders-\S+ {2}Created pod: orders-/g)?.length ?? 0;
  // Once the events so far are printed, delete a pod: its ReplicaSet creates another, an event.
  const before = created(await following.until((stdout) => created(stdout) > 0));
  await deleteOnePod();
  const stdout = await following.until((out) => created(out) > before);
  assert.match(stdout, /^\d{4}-\d\d-\d\d \d\d:\d\dZ {2}Normal {2}SuccessfulCreate {2}ReplicaSet\/orders-/m);
  const ended = await following.interrupt();
  assert.equal(ended.code, 0, ended.stderr);
});

/** The CLI following something as the admin, until interrupted. */
const follow = (args: string[]) =>
  spawnFollowing([...args, '--server', server.url, '--token', server.adminToken], {
    configDir: join(work, 'config'),
    cwd: work,
  });

async function deleteOnePod(): Promise<void> {
  const kc = new KubeConfig();
  kc.loadFromFile(liveKubeconfig());
  const core = kc.makeApiClient(CoreV1Api);
  const pods = await core.listNamespacedPod({ namespace, labelSelector: 'app.kubernetes.io/name=orders' });
  const name = pods.items[0]?.metadata?.name;
  assert.ok(name, 'a pod of orders to delete');
  await core.deleteNamespacedPod({ namespace, name, gracePeriodSeconds: 0 });
}

test('events lists the rollout’s Kubernetes Events as a table, and as JSON', async () => {
  const table = await cli(['events', 'orders', '--env', 'dev']);
  assert.equal(table.code, 0, output(table));
  assert.match(table.stdout, /^LAST SEEN +TYPE +REASON +OBJECT +MESSAGE$/m);
  assert.match(table.stdout, /Normal +ScalingReplicaSet +Deployment\/orders /);
  const json = parseJson<{ items: Array<{ reason: string; object: string }> }>(
    await cli(['events', 'orders', '--env', 'dev', '--limit', '5', '-o', 'json']),
  );
  assert.ok(json.items.length > 0 && json.items.length <= 5);
});

test('an unknown service or environment is refused with its code and exit status', async () => {
  for (const args of [
    ['logs', 'nobody', '--env', 'dev'],
    ['logs', 'orders', '--env', 'nowhere', '-f'],
    ['events', 'nobody', '--env', 'dev'],
  ]) {
    const refused = await cli([...args, '-o', 'json']);
    assert.equal(refused.code, 1, output(refused));
    assert.equal(parseJson<{ error: { code: string } }>(refused).error.code, 'not_found', args.join(' '));
  }
  const container = await cli(['logs', 'orders', '--env', 'dev', '--container', 'nope', '-o', 'json']);
  assert.equal(container.code, 2, output(container));
  assert.equal(parseJson<{ error: { code: string } }>(container).error.code, 'invalid_input');
});
