/**
 * `slipway policy` against a live server: policies applied from a YAML file (several in one),
 * a bad expression refused with its line:column and the file's line, a deploy refused by an
 * enforced policy with its message, path and fix, and a dry run printing its violators.
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
const prefix = `cli-pol-${randomBytes(2).toString('hex')}`;

const score = (image: string) => `apiVersion: score.dev/v1b1
metadata:
  name: web
containers:
  main:
    image: ${image}
`;

const policies = `name: pinned-images
severity: enforce
expression: "workload.containers.all(c, !workload.containers[c].image.endsWith(':latest'))"
messageExpression: >-
  {'message': 'image is not pinned',
   'path': '/containers/' + workload.containers.filter(c, workload.containers[c].image.endsWith(':latest'))[0] + '/image'}
remedy: pin the image to a version
---
- name: owned
  severity: warn
  expression: facts.owner != null
  messageExpression: "'service ' + workload.metadata.name + ' has no owner'"
`;

const broken = `name: broken
severity: enforce
expression: |
  workload.containers.size() > 0 &&
    workload.metadata.name ==
`;

before(async () => {
  work = tempDir('policy');
  writeFileSync(join(work, 'policies.yaml'), policies);
  writeFileSync(join(work, 'broken.yaml'), broken);
  writeFileSync(
    join(work, 'old-nginx.yaml'),
    'name: old-nginx\nseverity: enforce\nexpression: "workload.containers.main.image != \'nginx:1.27.3\'"\n',
  );
  writeFileSync(join(work, 'pinned.score.yaml'), score('nginx:1.27.3'));
  writeFileSync(join(work, 'latest.score.yaml'), score('nginx:latest'));
  server = await startLiveServer({ namespacePrefix: prefix });
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

test('apply reads every policy of a file; list shows them', async () => {
  const applied = await cli(['policy', 'apply', '-f', 'policies.yaml']);
  assert.equal(applied.code, 0, output(applied));
  assert.match(applied.stdout, /^Applied policy pinned-images \(enforce\)$/m);
  assert.match(applied.stdout, /^Applied policy owned \(warn\)$/m);
  const list = await cli(['policy', 'list']);
  assert.equal(list.code, 0, output(list));
  assert.match(list.stdout, /^NAME +SEVERITY +APPLIES +EXPRESSION$/m);
  assert.match(list.stdout, /^owned +warn +everywhere +facts\.owner != null$/m);
});

test('a bad expression is refused with the field, its line:column and the line in the file', async () => {
  const bad = await cli(['policy', 'apply', '-f', 'broken.yaml']);
  assert.equal(bad.code, 2, output(bad));
  assert.match(bad.stderr, /policy broken \(broken\.yaml:1\)/);
  assert.match(bad.stderr, /\/expression/);
  assert.match(bad.stderr, /\d:\d+: .*\(broken\.yaml:3\)/);
  const list = await cli(['policy', 'list', '-o', 'json']);
  assert.ok(!list.stdout.includes('"broken"'), 'not saved');
});

test('an enforced policy refuses a deploy with its message, path and fix; warn lets one through', async () => {
  assert.equal((await cli(['env', 'create', 'dev', '--type', 'development'])).code, 0);
  const refused = await cli(['deploy', '-f', 'latest.score.yaml', '--env', 'dev']);
  assert.equal(refused.code, 1, output(refused));
  assert.match(refused.stderr, /pinned-images: image is not pinned/);
  assert.match(refused.stderr, /\/containers\/main\/image/);
  assert.match(refused.stderr, /pin the image to a version/);

  const warned = await cli(['deploy', '-f', 'pinned.score.yaml', '--env', 'dev', '--wait', '--timeout', '50s']);
  assert.equal(warned.code, 0, output(warned));
  assert.match(warned.stderr, /policy owned: service web has no owner/);
});

test('dry-run prints the current releases a policy would refuse', async () => {
  const run = await cli(['policy', 'dry-run', '-f', 'old-nginx.yaml']);
  assert.equal(run.code, 0, output(run));
  assert.match(run.stdout, /^SERVICE +ENVIRONMENT +RELEASE +PATH +MESSAGE$/m);
  assert.match(run.stdout, /^web +dev +#1 +- +failed: /m);
  assert.match(run.stdout, /^old-nginx: 1 of 1 current release would be refused$/m);

  const saved = await cli(['policy', 'dry-run', 'pinned-images']);
  assert.equal(saved.code, 0, output(saved));
  assert.match(saved.stdout, /^pinned-images: 0 of 1 current release would be refused$/m);

  const deleted = await cli(['policy', 'delete', 'pinned-images']);
  assert.equal(deleted.code, 0, output(deleted));
  const missing = await cli(['policy', 'delete', 'pinned-images']);
  assert.equal(missing.code, 1, output(missing));
});
