/**
 * Secret variables with the CLI, end to end: a real server with its deploy engine, the live
 * cluster, and the CLI run as a person would run it. The value goes in through standard
 * input or a file, never the command line, and comes back from nowhere but the cluster.
 */
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import type { SecretVariableView } from '../src/client.ts';
import {
  type CliResult,
  createTestNamespace,
  deleteTestNamespace,
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

const piped = 'piped-s3cret-value-4d2a';
const fromFile = 'file-s3cret-value-9e1b\n';

const score = (variables: string) => `apiVersion: score.dev/v1b1
metadata:
  name: vault
containers:
  web:
    image: nginx:1.27
    variables:
${variables}
service:
  ports:
    http:
      port: 80
      targetPort: 80
`;

before(async () => {
  work = tempDir('secrets');
  writeFileSync(join(work, 'plain.yaml'), score('      MODE: plain'));
  writeFileSync(join(work, 'score.yaml'), score(`      DB_PASSWORD: \${secrets.DB_PASSWORD}\n      MODE: plain`));
  writeFileSync(join(work, 'value.txt'), fromFile);
  namespace = await createTestNamespace('secrets');
  server = await startLiveServer();
});

after(async () => {
  await server?.stop();
  if (namespace) await deleteTestNamespace(namespace);
  rmSync(work, { recursive: true, force: true });
});

const cli = (args: string[], options: { input?: string } = {}): Promise<CliResult> =>
  runCli([...args, '--server', server.url, '--token', server.adminToken], {
    configDir: join(work, 'config'),
    cwd: work,
    ...options,
  });

const output = (r: CliResult) => `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;

async function liveValue(): Promise<string> {
  const secret = await liveKubeConfig()
    .makeApiClient(CoreV1Api)
    .readNamespacedSecret({ name: 'vault-secret', namespace });
  return Buffer.from(secret.data?.['env.web.DB_PASSWORD'] ?? '', 'base64').toString();
}

test('a service is deployed into an environment first', async () => {
  const env = await cli(['env', 'set', 'dev', '--type', 'development', '--namespace', namespace]);
  assert.equal(env.code, 0, output(env));
  const missing = await cli(['deploy', '-f', 'score.yaml', '--env', 'dev']);
  assert.equal(missing.code, 2, output(missing));
  assert.match(missing.stderr, /\/containers\/web\/variables\/DB_PASSWORD/);
  assert.match(missing.stderr, /slipway secret set vault DB_PASSWORD --env dev/);
  const plain = await cli(['deploy', '-f', 'plain.yaml', '--env', 'dev', '--wait', '--timeout', '60s']);
  assert.equal(plain.code, 0, output(plain));
});

test('secret set refuses a value on the command line, and reads it from stdin or a file', async () => {
  const onArgv = await cli(['secret', 'set', 'vault', 'DB_PASSWORD', piped]);
  assert.equal(onArgv.code, 2, output(onArgv));
  assert.match(onArgv.stderr, /not taken from the command line/);
  assert.match(onArgv.stderr, /shell history/);
  const badName = await cli(['secret', 'set', 'vault', 'DB-PASSWORD'], { input: piped });
  assert.equal(badName.code, 2, output(badName));
  assert.match(badName.stderr, /letters, digits and "_"/);

  const set = await cli(['secret', 'set', 'vault', 'DB_PASSWORD'], { input: `${piped}\n` });
  assert.equal(set.code, 0, output(set));
  assert.match(
    set.stdout,
    /^Set DB_PASSWORD of vault for every environment \(version 1\)\. It takes effect on the next deploy\.$/m,
  );
  const again = await cli(['secret', 'set', 'vault', 'DB_PASSWORD', '-o', 'json'], { input: piped });
  assert.equal(parseJson<{ secret: SecretVariableView }>(again).secret.version, 2);
  const forDev = await cli(['secret', 'set', 'vault', 'TLS_KEY', '--env', 'dev', '--from-file', 'value.txt']);
  assert.equal(forDev.code, 0, output(forDev));
  assert.match(forDev.stdout, /Set TLS_KEY of vault in dev \(version 1\)/);

  const list = await cli(['secret', 'list', 'vault']);
  assert.equal(list.code, 0, output(list));
  assert.match(list.stdout, /^NAME\s+ENVIRONMENT\s+VERSION\s+UPDATED BY\s+UPDATED$/m);
  assert.match(list.stdout, /^DB_PASSWORD\s+\* \(all\)\s+2\s+admin\s/m);
  assert.match(list.stdout, /^TLS_KEY\s+dev\s+1\s+admin\s/m);
  const json = parseJson<{ items: SecretVariableView[] }>(await cli(['secret', 'list', 'vault', '-o', 'json']));
  assert.deepEqual(
    json.items.map((i) => [i.name, i.environment]),
    [
      ['DB_PASSWORD', null],
      ['TLS_KEY', 'dev'],
    ],
  );
  for (const r of [set, again, forDev, list]) {
    assert.ok(!r.stdout.includes(piped) && !r.stdout.includes(fromFile.trim()), 'a value is never printed');
  }
  const unknown = await cli(['secret', 'list', 'nothing-here']);
  assert.equal(unknown.code, 1, output(unknown));
  assert.match(unknown.stderr, /Create the service first/);
});

test('the next deploy delivers the value in a Secret; delete takes it away from later deploys', async () => {
  const deploy = await cli(['deploy', '-f', 'score.yaml', '--env', 'dev', '--wait', '--timeout', '60s']);
  assert.equal(deploy.code, 0, output(deploy));
  assert.equal(await liveValue(), piped, 'stdin without its trailing newline');
  const live = await liveKubeConfig().makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'vault', namespace });
  const variable = live.spec?.template.spec?.containers[0]?.env?.find((e) => e.name === 'DB_PASSWORD');
  assert.equal(variable?.valueFrom?.secretKeyRef?.name, 'vault-secret');

  const deleted = await cli(['secret', 'delete', 'vault', 'TLS_KEY', '--env', 'dev']);
  assert.equal(deleted.code, 0, output(deleted));
  assert.match(deleted.stdout, /Deleted TLS_KEY of vault in dev\./);
  const twice = await cli(['secret', 'delete', 'vault', 'TLS_KEY', '--env', 'dev']);
  assert.equal(twice.code, 1, output(twice));
  assert.match(twice.stderr, /was not found/);
  assert.equal((await cli(['secret', 'rm', 'vault', 'DB_PASSWORD'])).code, 0);
  const after = await cli(['deploy', '-f', 'score.yaml', '--env', 'dev']);
  assert.equal(after.code, 2, output(after));
  assert.match(after.stderr, /DB_PASSWORD/);
});
