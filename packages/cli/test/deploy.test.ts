/**
 * Deploying with the CLI, end to end: a real server with its deploy engine, the live cluster
 * (SLIPWAY_TEST_KUBECONFIG), and the CLI run as a person would run it. The tests run in order
 * and build on each other: release 1, release 2 (new image), release 3 (rollback to 1),
 * release 4 (crashes) and 5 (its automatic rollback), then 6 and 7.
 */
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import type { DiffAnswer, DriftAnswer, EnvironmentView, ReleaseView, ServiceStatus } from '../src/client.ts';
import {
  type CliResult,
  closedPort,
  createTestNamespace,
  deleteTestNamespace,
  faultAnnotation,
  liveKubeConfig,
  parseJson,
  runCli,
  startLiveServer,
  type TestServer,
  tempDir,
} from './harness.ts';

let server: TestServer;
let work: string;
let namespace: string;

const fileContent = `# served by the slipway CLI test ${Date.now()}\n`;

const score = (extra = '') => `apiVersion: score.dev/v1b1
metadata:
  name: web
${extra}containers:
  web:
    image: nginx:1.27
    variables:
      GREETING: hello from the CLI test
    files:
      /etc/nginx/conf.d/extra.conf:
        source: extra.conf
service:
  ports:
    http:
      port: 80
      targetPort: 80
`;

before(async () => {
  work = tempDir('deploy');
  // Pods of the first release take 2 s to turn Ready, so --wait has progress to show.
  writeFileSync(join(work, 'score.yaml'), score(`  annotations:\n    testbed.slipway.dev/delay: "2s"\n`));
  writeFileSync(join(work, 'extra.conf'), fileContent);
  writeFileSync(join(work, 'crash.yaml'), score(`  annotations:\n    ${faultAnnotation}: crashloop\n`));
  writeFileSync(join(work, 'bad.yaml'), score().replace('port: 80\n', 'port: eighty\n'));
  writeFileSync(join(work, 'no-file.yaml'), score().replace('source: extra.conf', 'source: missing.conf'));
  namespace = await createTestNamespace('deploy');
  server = await startLiveServer();
});

after(async () => {
  await server?.stop();
  if (namespace) await deleteTestNamespace(namespace);
  rmSync(work, { recursive: true, force: true });
});

/** Runs the CLI as the admin, in the directory of the Score files. */
const cli = (args: string[], options: { input?: string } = {}): Promise<CliResult> =>
  runCli([...args, '--server', server.url, '--token', server.adminToken], {
    configDir: join(work, 'config'),
    cwd: work,
    ...options,
  });

const output = (r: CliResult) => `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;

async function releases(): Promise<ReleaseView[]> {
  return parseJson<{ items: ReleaseView[] }>(await cli(['releases', 'web', '--env', 'dev', '-o', 'json'])).items;
}

async function liveDeployment() {
  return liveKubeConfig().makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'web', namespace });
}

/** The pods of the service that are not on their way out. */
async function livePods() {
  const pods = await liveKubeConfig()
    .makeApiClient(CoreV1Api)
    .listNamespacedPod({ namespace, labelSelector: 'slipway.dev/service=web' });
  return pods.items.filter((p) => !p.metadata?.deletionTimestamp);
}

test('a Score file with a bad field is refused with its path, before any request (exit 2)', async () => {
  const nowhere = `http://127.0.0.1:${await closedPort()}`;
  const args = ['deploy', '-f', 'bad.yaml', '--env', 'dev', '--server', nowhere, '--token', 'slw_x'];
  const text = await runCli(args, { configDir: join(work, 'config'), cwd: work });
  assert.equal(text.code, 2, output(text));
  assert.match(text.stderr, /^error: bad\.yaml is not a valid Score workload/m);
  assert.match(text.stderr, /^ {2}\/service\/ports\/http\/port \(line \d+, column \d+\): \S/m);
  assert.doesNotMatch(text.stderr, /Cannot reach/, 'the server was not contacted');

  const json = await runCli([...args, '-o', 'json'], { configDir: join(work, 'config'), cwd: work });
  assert.equal(json.code, 2);
  const body = parseJson<{ error: { code: string; fields: Array<{ path: string; line?: number }> } }>(json);
  assert.equal(body.error.code, 'invalid_input');
  assert.deepEqual(
    body.error.fields.map((f) => f.path),
    ['/service/ports/http/port'],
  );

  const missing = await runCli(['deploy', '-f', 'no-file.yaml', '--env', 'dev', '--server', nowhere], {
    configDir: join(work, 'config'),
    cwd: work,
  });
  assert.equal(missing.code, 2, output(missing));
  assert.match(missing.stderr, /Cannot read the file "missing\.conf" that no-file\.yaml names: no such file/);
  assert.match(missing.stderr, /^ {2}\/containers\/web\/files\/~1etc~1nginx~1conf\.d~1extra\.conf\/source: /m);
});

test('env set creates the environment and env list shows it', async () => {
  const set = await cli(['env', 'set', 'dev', '--type', 'development', '--namespace', namespace, '--replicas', '2']);
  assert.equal(set.code, 0, output(set));
  assert.match(
    set.stdout,
    new RegExp(`^Saved environment dev: type development, cluster default, namespace ${namespace}, .*2 replicas`, 'm'),
  );

  const list = await cli(['env', 'list']);
  assert.equal(list.code, 0, output(list));
  assert.match(list.stdout, /^NAME +TYPE +CLUSTER +NAMESPACE +STATUS +EXPIRES$/m);
  assert.match(list.stdout, new RegExp(`^dev +development +default +${namespace} +active +never$`, 'm'));

  const { items } = parseJson<{ items: EnvironmentView[] }>(await cli(['env', 'list', '-o', 'json']));
  assert.deepEqual(
    items.map((e) => [e.name, e.namespace, e.defaults.replicas]),
    [['dev', namespace, 2]],
  );

  const badKind = await cli(['env', 'set', 'x', '--type', 'development', '--route-kind', 'Gateway']);
  assert.equal(badKind.code, 2, output(badKind));
});

test('deploy --wait rolls out ./score.yaml with the file it names, and ends healthy (exit 0)', async () => {
  const result = await cli(['deploy', '--env', 'dev', '--wait', '--timeout', '50s']);
  assert.equal(result.code, 0, output(result));
  assert.match(result.stdout, /^Release #1 of web queued in dev; following it \(up to 50s\)\.$/m);
  assert.match(result.stdout, /#1 progressing /, 'the progress is shown');
  assert.match(result.stdout, /^✔ Release #1 of web in dev is healthy: /m);

  const pods = await livePods();
  assert.equal(pods.length, 2, 'the environment asks for 2 replicas');
  for (const pod of pods) {
    assert.equal(pod.status?.phase, 'Running', pod.metadata?.name);
    assert.equal(pod.spec?.containers[0]?.image, 'nginx:1.27');
  }
  const configMaps = await liveKubeConfig().makeApiClient(CoreV1Api).listNamespacedConfigMap({ namespace });
  const data = configMaps.items.flatMap((c) => Object.values(c.data ?? {}));
  assert.ok(data.includes(fileContent), 'the source file beside the Score file reached the cluster');
  assert.ok(data.includes('hello from the CLI test'), 'so did the variable');

  const status = parseJson<ServiceStatus>(await cli(['status', 'web', '--env', 'dev', '-o', 'json']));
  assert.equal(status.current?.number, 1);
  assert.equal(status.current?.status, 'healthy');
  assert.equal(status.lastHealthy?.id, status.current?.id);
});

test('releases lists the release', async () => {
  const table = await cli(['releases', 'web', '--env', 'dev']);
  assert.equal(table.code, 0, output(table));
  assert.match(table.stdout, /^# +STATUS +IMAGE +AGE +BY +REASON$/m);
  assert.match(table.stdout, /^1 +healthy +nginx:1\.27 +\d+[smhd] +admin$/m);
});

test('a new image from standard input: -o json prints the release, diff shows the image change (exit 1)', async () => {
  const deploy = await cli(
    ['deploy', '-f', '-', '--env', 'dev', '--image', 'nginx:1.28', '--reason', 'newer nginx', '--wait', '-o', 'json'],
    { input: score() },
  );
  assert.equal(deploy.code, 0, output(deploy));
  const release = parseJson<ReleaseView>(deploy);
  assert.deepEqual([release.number, release.status, release.image], [2, 'healthy', 'nginx:1.28']);
  assert.match(deploy.stderr, /#2 progressing/, 'the progress goes to stderr with -o json');

  const list = await cli(['releases', 'web', '--env', 'dev']);
  assert.match(list.stdout, /^2 +healthy +nginx:1\.28 +\S+ +admin +newer nginx\n1 +healthy +nginx:1\.27 /m);

  const diff = await cli(['diff', 'web', '--env', 'dev']);
  assert.equal(diff.code, 1, output(diff));
  assert.match(diff.stdout, /^web in dev: release #1 → release #2$/m);
  assert.match(
    diff.stdout,
    /^~ Deployment web {2}\/spec\/template\/spec\/containers\/web\/image: nginx:1\.27 → nginx:1\.28$/m,
  );
  // The release and version labels a new image rewrites everywhere are counted, not listed.
  assert.doesNotMatch(diff.stdout, /^~ .*\/labels\//m);
  assert.match(diff.stdout, /^\d+ changes of Slipway's release and version labels not shown\n\(--all shows them\)$/m);
  const all = await cli(['diff', 'web', '--env', 'dev', '--all']);
  assert.match(all.stdout, /^~ Deployment web {2}\/metadata\/labels\/slipway\.dev~1release: \S+ → \S+$/m);
  assert.doesNotMatch(all.stdout, /not shown/);

  const json = parseJson<DiffAnswer>(
    await cli(['diff', 'web', '--env', 'dev', '--from', '1', '--to', '2', '-o', 'json']),
  );
  assert.deepEqual([json.from?.number, json.to.number], [1, 2]);
  assert.ok(json.diff.changed.some((c) => c.kind === 'Deployment' && c.name === 'web'));

  const same = await cli(['diff', 'web', '--env', 'dev', '--from', '2', '--to', '2']);
  assert.equal(same.code, 0, output(same));
  assert.match(same.stdout, /^No changes/m);

  const unknown = await cli(['diff', 'web', '--env', 'dev', '--from', '9']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /^error: Release #9 of web in dev was not found$/m);
});

test('diff --live: in sync (exit 0), then a hand edit in the cluster is drift (exit 1)', async () => {
  const clean = await cli(['diff', 'web', '--env', 'dev', '--live']);
  assert.equal(clean.code, 0, output(clean));
  assert.match(clean.stdout, /^In sync: the cluster matches release #2/m);

  const core = liveKubeConfig().makeApiClient(CoreV1Api);
  const configMap = (await core.listNamespacedConfigMap({ namespace })).items.find((c) =>
    Object.values(c.data ?? {}).includes('hello from the CLI test'),
  );
  assert.ok(configMap?.metadata?.name, 'a ConfigMap holds the variable');
  const name = configMap.metadata.name;
  const key = Object.entries(configMap.data ?? {}).find(([, v]) => v === 'hello from the CLI test')?.[0] ?? '';
  // A JSON patch (this client's default for patch calls), as someone with kubectl edit would.
  await core.patchNamespacedConfigMap({
    name,
    namespace,
    body: [{ op: 'replace', path: `/data/${key}`, value: 'edited by hand' }],
  });

  const drifted = await cli(['diff', 'web', '--env', 'dev', '--live']);
  assert.equal(drifted.code, 1, output(drifted));
  assert.match(drifted.stdout, new RegExp(`^~ ConfigMap ${name}$`, 'm'));
  // The values may be shown or redacted as "(secret)": core's drift redacts every `data` field today.
  assert.match(drifted.stdout, new RegExp(`^ {4}/data/${key}: .+ in the release, .+ live$`, 'm'));
  const json = parseJson<DriftAnswer>(await cli(['diff', 'web', '--env', 'dev', '--live', '-o', 'json']));
  assert.equal(json.status, 'drifted');

  const both = await cli(['diff', 'web', '--env', 'dev', '--live', '--from', '1']);
  assert.equal(both.code, 2, output(both));
});

test('status shows the current release, the health of its objects and the last healthy release', async () => {
  const status = await cli(['status', 'web', '--env', 'dev']);
  assert.equal(status.code, 0, output(status));
  assert.match(status.stdout, /^Release #2 \(nginx:1\.28, healthy, \S+ ago by admin\)$/m);
  assert.match(status.stdout, /^ {2}✔ +Deployment +web +Healthy +/m);
  assert.match(status.stdout, /^ {2}replicas: 2 of 2 ready/m);
  assert.match(status.stdout, /^Last healthy release: #2 \(the current one\)$/m);
});

test('rollback --wait goes back to the last healthy release before the current one (release 1)', async () => {
  const result = await cli(['rollback', 'web', '--env', 'dev', '--reason', 'back to 1.27', '--wait']);
  assert.equal(result.code, 0, output(result));
  assert.match(result.stdout, /^Rolling back web in dev from release #2 \(nginx:1\.28, healthy, /m);
  assert.match(result.stdout, /^to release #1 \(nginx:1\.27, healthy, /m);
  assert.match(result.stdout, /^✔ Release #3 of web in dev is healthy: /m);

  const deployment = await liveDeployment();
  assert.equal(deployment.spec?.template.spec?.containers[0]?.image, 'nginx:1.27', 'the image is back');
  const [third, , first] = await releases();
  assert.deepEqual([third?.number, third?.rollbackOf, third?.reason], [3, first?.id, 'back to 1.27']);

  const inSync = await cli(['diff', 'web', '--env', 'dev', '--live']);
  assert.equal(inSync.code, 0, `the rollback re-applied the hand-edited ConfigMap too\n${output(inSync)}`);

  const current = await cli(['rollback', 'web', '--env', 'dev', '--to', '3']);
  assert.equal(current.code, 1, output(current));
  assert.match(current.stderr, /^error: Release #3 is the current release of web in dev/m);
});

test('a crashing release fails at its progress deadline, names the crash, and is rolled back automatically (exit 1)', async () => {
  const set = await cli([
    'env',
    'set',
    'dev',
    '--type',
    'development',
    '--namespace',
    namespace,
    '--replicas',
    '2',
    '--progress-deadline',
    '8',
  ]);
  assert.equal(set.code, 0, output(set));

  const result = await cli([
    'deploy',
    '-f',
    'crash.yaml',
    '--env',
    'dev',
    '--image',
    'nginx:1.29',
    '--wait',
    '--timeout',
    '50s',
  ]);
  assert.equal(result.code, 1, output(result));
  assert.match(result.stdout, /^ {2}✖ CrashLoopBackOff \(pod web-\S+, container web\): .*crash/m, 'the crash is named');
  assert.match(result.stdout, /^ {4}fix: \S/m, 'with what to do about it');
  assert.match(result.stdout, /^✖ Release #4 of web in dev is degraded: .*crash/im);
  assert.match(result.stdout, /^↩ Automatic rollback: release #5 goes back to release #3 \(nginx:1\.27\)\.$/m);
  assert.match(result.stdout, /^✔ Rollback release #5 of web in dev is healthy: /m);

  const [fifth, fourth, third] = await releases();
  assert.deepEqual([fourth?.number, fourth?.status], [4, 'degraded']);
  assert.deepEqual([fifth?.number, fifth?.status, fifth?.rollbackOf], [5, 'healthy', third?.id]);
  const deployment = await liveDeployment();
  assert.equal(deployment.spec?.template.spec?.containers[0]?.image, 'nginx:1.27');
  assert.equal(deployment.spec?.template.metadata?.annotations?.[faultAnnotation], undefined);
});

test('without --wait deploy prints the release number; --timeout ends the wait, not the release (exit 1)', async () => {
  const queued = await cli(['deploy', '--env', 'dev', '--image', 'nginx:1.30']);
  assert.equal(queued.code, 0, output(queued));
  assert.match(queued.stdout, /^Release #6 of web is queued in dev \(id [0-9a-f-]{36}\)\.$/m);

  const args = ['deploy', '-f', 'crash.yaml', '--env', 'dev', '--image', 'nginx:1.31', '--no-auto-rollback'];
  const result = await cli([...args, '--wait', '--timeout', '2s']);
  assert.equal(result.code, 1, output(result));
  assert.match(result.stdout, /^✖ Stopped waiting after 2s: release #7 is still (queued|applying|progressing)/m);
  assert.match(result.stdout, /It keeps going on the server; follow it with: slipway status web --env dev/);
  const [seventh] = await releases();
  assert.deepEqual([seventh?.number, seventh?.autoRollback], [7, false]);
});
