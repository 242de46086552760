/**
 * `slipway provisioner` against a live server whose configuration lists a provisioners file:
 * a file is checked and tried on a Score file before it is put in place (nothing saved, secret
 * outputs hidden), the configured file is read again when it changes on disk, and a reload
 * that fails keeps the provisioners in use and says why.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  type CliResult,
  deleteNamespacesWithPrefix,
  liveKubeconfig,
  runCli,
  startLiveServer,
  type TestServer,
  tempDir,
} from './harness.ts';

let server: TestServer;
let work: string;
const prefix = `cli-prov-${randomBytes(2).toString('hex')}`;
const secret = `pw-${randomBytes(6).toString('hex')}`;

const redisProvisioner = (id: string, host: string) => `
- id: ${id}
  kind: static
  description: The platform's Redis
  match: { type: redis }
  outputs:
    host: ${host}
    port: 6379
    password: ${secret}
  secretOutputs: [password]
`;

const score = `apiVersion: score.dev/v1b1
metadata:
  name: shop
containers:
  main:
    image: nginx:1.27
    variables:
      REDIS_HOST: \${resources.cache.host}
      REDIS_PASSWORD: \${resources.cache.password}
resources:
  cache:
    type: redis
`;

before(async () => {
  work = tempDir('provisioner');
  writeFileSync(join(work, 'platform.provisioners.yaml'), redisProvisioner('acme/redis', 'redis.acme.internal'));
  writeFileSync(join(work, 'trial.provisioners.yaml'), redisProvisioner('acme/redis-v2', 'redis-v2.acme.internal'));
  writeFileSync(join(work, 'broken.provisioners.yaml'), '- id: acme/broken\n  kind: static\n  match: { typ: redis }\n');
  writeFileSync(join(work, 'score.yaml'), score);
  server = await startLiveServer({
    namespacePrefix: prefix,
    provisionerFiles: [join(work, 'platform.provisioners.yaml')],
  });
});

after(async () => {
  await server?.stop();
  await deleteNamespacesWithPrefix(liveKubeconfig(), prefix);
  rmSync(work, { recursive: true, force: true });
});

const cli = (args: string[]): Promise<CliResult> =>
  runCli([...args, '--server', server.url, '--token', server.adminToken], {
    configDir: join(work, 'config'),
    cwd: work,
  });
const output = (r: CliResult) => `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;

interface Listed {
  items: Array<{ id: string; source: string }>;
  files: { count: number; lastError: { message: string } | null };
}

async function listed(): Promise<Listed> {
  const r = await cli(['provisioner', 'list', '-o', 'json']);
  assert.equal(r.code, 0, output(r));
  return JSON.parse(r.stdout) as Listed;
}

/** Polls the list until it satisfies the condition (a file watch answers within moments). */
async function listedWhen(condition: (l: Listed) => boolean, what: string): Promise<Listed> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const now = await listed();
    if (condition(now)) return now;
    if (Date.now() > deadline) assert.fail(`${what}; the list is still ${JSON.stringify(now)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('check says a file loads, or names every problem with its path and line', async () => {
  const good = await cli(['provisioner', 'check', 'trial.provisioners.yaml']);
  assert.equal(good.code, 0, output(good));
  assert.match(good.stdout, /trial\.provisioners\.yaml: 1 provisioner, all valid/);
  assert.match(good.stdout, /acme\/redis-v2 +static +file +redis/);
  const bad = await cli(['provisioner', 'check', 'broken.provisioners.yaml']);
  assert.equal(bad.code, 2, output(bad));
  assert.match(bad.stderr, /broken\.provisioners\.yaml/);
  assert.match(bad.stderr, /\/0\/match/);
  assert.match(bad.stderr, /line 3/);
});

test('test renders a Score file with the file tried first, secret outputs hidden, nothing saved', async () => {
  const env = await cli(['env', 'create', 'dev', '--type', 'development']);
  assert.equal(env.code, 0, output(env));
  const tried = await cli(['provisioner', 'test', 'trial.provisioners.yaml', '-f', 'score.yaml', '--env', 'dev']);
  assert.equal(tried.code, 0, output(tried));
  assert.match(
    tried.stdout,
    /cache +redis +acme\/redis-v2 +file +host=redis-v2\.acme\.internal port=6379 password=\(hidden\)/,
  );
  assert.match(tried.stdout, /\d+ objects would be applied to dev \(--objects shows them\)/);
  const json = await cli([
    'provisioner',
    'test',
    'trial.provisioners.yaml',
    '-f',
    'score.yaml',
    '--env',
    'dev',
    '-o',
    'json',
  ]);
  assert.equal(json.code, 0, output(json));
  assert.ok(!json.stdout.includes(secret), 'the secret output never leaves the server');
  const answer = JSON.parse(json.stdout) as { objects: Array<{ kind: string; data?: Record<string, string> }> };
  const secrets = answer.objects.filter((o) => o.kind === 'Secret');
  assert.ok(secrets.length > 0, 'the password is rendered into a Secret');
  for (const s of secrets) for (const value of Object.values(s.data ?? {})) assert.equal(value, '(hidden)');
  // Without the file, the configured provisioner serves the resource: the trial changed nothing.
  const plain = await cli(['provisioner', 'test', 'broken.provisioners.yaml', '-f', 'score.yaml', '--env', 'dev']);
  assert.equal(plain.code, 2, 'a broken file is refused before anything renders');
  const releases = await cli(['releases', 'shop', '--env', 'dev', '-o', 'json']);
  assert.doesNotMatch(releases.stdout, /"number"/, output(releases));
});

test('the configured file is read again when it changes on disk', async () => {
  assert.deepEqual(
    (await listed()).items.filter((p) => p.source === 'configuration').map((p) => p.id),
    ['acme/redis'],
  );
  writeFileSync(join(work, 'platform.provisioners.yaml'), redisProvisioner('acme/redis-next', 'next.acme.internal'));
  const now = await listedWhen(
    (l) => l.items.some((p) => p.id === 'acme/redis-next'),
    'the changed file was not read again',
  );
  assert.ok(!now.items.some((p) => p.id === 'acme/redis'), 'the old provisioner is gone');
  const tried = await cli(['provisioner', 'test', 'trial.provisioners.yaml', '-f', 'score.yaml', '--env', 'dev']);
  assert.match(tried.stdout, /acme\/redis-v2 +file/, 'a file tried still wins over the configured one');
});

test('a reload that fails keeps the provisioners in use and says why', async () => {
  writeFileSync(join(work, 'platform.provisioners.yaml'), '- id: acme/redis-next\n  kind: static\n  match: {}\n');
  const reload = await cli(['provisioner', 'reload']);
  assert.equal(reload.code, 2, output(reload));
  assert.match(reload.stderr, /platform\.provisioners\.yaml/);
  const now = await listed();
  assert.ok(
    now.items.some((p) => p.id === 'acme/redis-next'),
    'the last good provisioners stay',
  );
  assert.ok(now.files.lastError, 'the failure is kept to show');
  writeFileSync(join(work, 'platform.provisioners.yaml'), redisProvisioner('acme/redis', 'redis.acme.internal'));
  const fixed = await cli(['provisioner', 'reload']);
  assert.equal(fixed.code, 0, output(fixed));
  const back = await listed();
  assert.ok(back.items.some((p) => p.id === 'acme/redis'));
  assert.equal(back.files.lastError, null);
});
