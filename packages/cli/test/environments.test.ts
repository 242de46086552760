/**
 * Environment management with the CLI, end to end: a real server with its engine and
 * environment controller, the two local clusters (SLIPWAY_TEST_KUBECONFIG and
 * SLIPWAY_TEST_KUBECONFIG_2), and the CLI run as a person would run it. The tests run in order
 * and build on each other: dev and staging are made, web is deployed to dev, paused and
 * resumed; the second cluster is registered and dev cloned onto it; web is promoted to
 * staging and, through approval, to prod; freezes hold deploys; everything is deleted.
 * Namespaces get a prefix of this file's own, removed from both clusters at the end.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { after, before, test } from 'node:test';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import type { EnvironmentTypeView, EnvironmentView, ReleaseView } from '../src/client.ts';
import {
  type CliResult,
  deleteNamespacesWithPrefix,
  kubeConfigFrom,
  liveKubeconfig,
  parseJson,
  runCli,
  secondKubeconfig,
  startLiveServer,
  type TestServer,
  tempDir,
} from './harness.ts';

let server: TestServer;
let work: string;
const prefix = `cli-envs-${randomBytes(2).toString('hex')}`;
const ns = (environment: string) => `${prefix}-${environment}`;

const score = `apiVersion: score.dev/v1b1
metadata:
  name: web
containers:
  web:
    image: nginx:1.27
service:
  ports:
    http:
      port: 80
      targetPort: 80
`;

before(async () => {
  work = tempDir('environments');
  writeFileSync(join(work, 'score.yaml'), score);
  copyKubeconfigWithRelativePaths(secondKubeconfig(), join(work, 'kube'));
  server = await startLiveServer({ namespacePrefix: prefix });
});

after(async () => {
  await server?.stop();
  await deleteNamespacesWithPrefix(liveKubeconfig(), prefix);
  await deleteNamespacesWithPrefix(secondKubeconfig(), prefix);
  rmSync(work, { recursive: true, force: true });
});

/** Runs the CLI in the directory of the Score file, as the admin unless another user is named. */
async function cli(args: string[], options: { as?: string } = {}): Promise<CliResult> {
  const token = options.as ? await server.tokenFor(options.as) : server.adminToken;
  return runCli([...args, '--server', server.url, '--token', token], { configDir: join(work, 'config'), cwd: work });
}

const output = (r: CliResult) => `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;

/**
 * A copy of a kubeconfig whose certificate and key files sit beside it and are named by
 * relative paths, as `cluster add` must resolve them against the kubeconfig's directory.
 */
function copyKubeconfigWithRelativePaths(source: string, dir: string): void {
  mkdirSync(join(dir, 'pki'), { recursive: true });
  const text = readFileSync(source, 'utf8').replace(
    /^(\s*(?:certificate-authority|client-certificate|client-key):\s*)(\/\S+)$/gm,
    (_line, key: string, path: string) => {
      copyFileSync(path, join(dir, 'pki', basename(path)));
      return `${key}pki/${basename(path)}`;
    },
  );
  writeFileSync(join(dir, 'config'), text, { mode: 0o600 });
}

const deploymentOn = (kubeconfig: string, namespace: string) =>
  kubeConfigFrom(kubeconfig).makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'web', namespace });

const namespaceOn = (kubeconfig: string, name: string) =>
  kubeConfigFrom(kubeconfig)
    .makeApiClient(CoreV1Api)
    .readNamespace({ name })
    .catch(() => undefined);

test('env create makes the namespace; env list and env show describe it; bad durations are usage errors (exit 2)', async () => {
  const create = await cli([
    'env',
    'create',
    'dev',
    '--type',
    'development',
    '--ttl',
    '2h',
    '--pause-at',
    '0 20 * * 1-5',
    '--resume-at',
    '0 7 * * 1-5',
    '--timezone',
    'Europe/Paris',
  ]);
  assert.equal(create.code, 0, output(create));
  assert.match(
    create.stdout,
    new RegExp(
      `^Created environment dev \\(type development\\) on cluster default, in namespace ${ns('dev')}\\.$`,
      'm',
    ),
  );
  assert.match(create.stdout, /^It expires in (1h59m|2h) \(\d{4}-\d\d-\d\d \d\d:\d\dZ\) and is deleted then\.$/m);
  assert.match(create.stdout, /^It pauses at "0 20 \* \* 1-5" and resumes at "0 7 \* \* 1-5" \(Europe\/Paris\)\.$/m);
  const namespace = await namespaceOn(liveKubeconfig(), ns('dev'));
  assert.equal(namespace?.metadata?.labels?.['slipway.dev/environment'], 'dev', 'the namespace is on the cluster');

  const staging = await cli(['env', 'create', 'staging', '--type', 'staging', '--replicas', '1', '-o', 'json']);
  assert.equal(staging.code, 0, output(staging));
  const { environment } = parseJson<{ environment: EnvironmentView }>(staging);
  assert.deepEqual(
    [environment.cluster, environment.namespace, environment.defaults.replicas, environment.expiresAt],
    ['default', ns('staging'), 1, null],
  );

  const list = await cli(['env', 'list']);
  assert.equal(list.code, 0, output(list));
  assert.match(list.stdout, /^NAME +TYPE +CLUSTER +NAMESPACE +STATUS +EXPIRES$/m);
  assert.match(list.stdout, new RegExp(`^dev +development +default +${ns('dev')} +active +in (1h59m|2h)$`, 'm'));
  assert.match(list.stdout, new RegExp(`^staging +staging +default +${ns('staging')} +active +never$`, 'm'));

  const show = await cli(['env', 'show', 'dev']);
  assert.equal(show.code, 0, output(show));
  assert.match(show.stdout, /^Environment dev$/m);
  assert.match(show.stdout, /^ {2}schedule: +pause "0 20 \* \* 1-5", resume "0 7 \* \* 1-5" \(Europe\/Paris\)$/m);
  assert.match(show.stdout, /^No services deployed yet\.$/m);

  const cases: Array<[string[], RegExp]> = [
    [['--ttl', '5'], /Give it a unit: 5m, 5h or 5d \(0 means never\)/],
    [['--ttl', 'soon'], /a duration such as 30m, 2h or 7d, or 0 for never/],
    [['--ttl', '400d'], /a year \(365d\) at most/],
    [['--pause-at', '0 20 * * *'], /--pause-at and --resume-at go together/],
    [['--gitops-branch', 'deploy'], /--gitops-branch and --gitops-path go with --gitops-repo/],
  ];
  for (const [extra, message] of cases) {
    const bad = await cli(['env', 'create', 'odd', '--type', 'development', ...extra]);
    assert.equal(bad.code, 2, `${extra.join(' ')}\n${output(bad)}`);
    assert.match(bad.stderr, message);
  }
  assert.equal(await namespaceOn(liveKubeconfig(), ns('odd')), undefined, 'nothing was made');
});

test('env pause scales a deployed service to zero and holds deploys; env resume brings it back', async () => {
  const deploy = await cli(['deploy', '--env', 'dev', '--wait', '--timeout', '50s']);
  assert.equal(deploy.code, 0, output(deploy));

  const pause = await cli(['env', 'pause', 'dev']);
  assert.equal(pause.code, 0, output(pause));
  assert.match(
    pause.stdout,
    new RegExp(`^Paused dev \\(namespace ${ns('dev')}\\): 1 workload scaled to zero, 0 CronJobs suspended\\.`, 'm'),
  );
  assert.equal((await deploymentOn(liveKubeconfig(), ns('dev'))).spec?.replicas, 0);
  const list = await cli(['env', 'list']);
  assert.match(list.stdout, /^dev +development +default +\S+ +paused +/m);

  const refused = await cli(['deploy', '--env', 'dev']);
  assert.equal(refused.code, 1, output(refused));
  assert.match(
    refused.stderr,
    /^error: Environment dev is paused\n {2}hint: Resume it first: slipway env resume dev$/m,
  );

  const resume = await cli(['env', 'resume', 'dev', '-o', 'json']);
  assert.equal(resume.code, 0, output(resume));
  const answer = parseJson<{ environment: EnvironmentView; scaledDown: number; suspended: number }>(resume);
  assert.deepEqual([answer.environment.status, answer.scaledDown, answer.suspended], ['active', 1, 0]);
  assert.equal((await deploymentOn(liveKubeconfig(), ns('dev'))).spec?.replicas, 1);
});

test('cluster add registers the second cluster (files resolved beside its kubeconfig); list shows it healthy; env create --cluster uses it', async () => {
  const bad = await cli(['cluster', 'add', 'second', '--kubeconfig', 'kube/config', '--context', 'nope']);
  assert.equal(bad.code, 2, output(bad));
  assert.match(bad.stderr, /^error: The kubeconfig has no context nope\n {2}\/kubeconfig: contexts: \S+/m);
  const missing = await cli(['cluster', 'add', 'second', '--kubeconfig', 'kube/none']);
  assert.equal(missing.code, 2, output(missing));
  assert.match(missing.stderr, /^error: Cannot read the kubeconfig kube\/none: no such file$/m);

  const add = await cli(['cluster', 'add', 'second', '--kubeconfig', 'kube/config']);
  assert.equal(add.code, 0, output(add));
  assert.match(add.stdout, /^Registered cluster second: healthy, Kubernetes v1\.\d+\.\d+\S*, at https:\/\/\S+\.$/m);

  const list = await cli(['cluster', 'list']);
  assert.equal(list.code, 0, output(list));
  assert.match(list.stdout, /^NAME +SERVER +STATUS +VERSION +CHECKED$/m);
  assert.match(list.stdout, /^default +https:\/\/\S+ +healthy +v1\.\d+\.\d+\S* +\d+s ago$/m);
  assert.match(list.stdout, /^second +https:\/\/\S+ +healthy +v1\.\d+\.\d+\S* +\d+s ago$/m);

  const check = await cli(['cluster', 'check', 'second']);
  assert.equal(check.code, 0, output(check));
  assert.match(check.stdout, /^Cluster second: healthy, Kubernetes v1\./m);

  const edge = await cli(['env', 'create', 'edge', '--type', 'preview', '--cluster', 'second', '--ttl', '0']);
  assert.equal(edge.code, 0, output(edge));
  assert.match(
    edge.stdout,
    new RegExp(`^Created environment edge \\(type preview\\) on cluster second, in namespace ${ns('edge')}\\.$`, 'm'),
  );
  assert.match(edge.stdout, /^It does not expire\.$/m, '--ttl 0 overrides the week of the preview type');
  assert.ok(await namespaceOn(secondKubeconfig(), ns('edge')), 'the namespace is on the second cluster');
  assert.equal(await namespaceOn(liveKubeconfig(), ns('edge')), undefined, 'and not on the first');
});

test('env clone copies dev onto the second cluster with a new image; --wait follows its release to healthy', async () => {
  const unknown = await cli(['env', 'clone', 'dev', 'qa', '--image', 'api=nginx:1.28']);
  assert.equal(unknown.code, 2, output(unknown));
  assert.match(unknown.stderr, /^ {2}\/images\/api: not a service of the source environment$/m);

  const clone = await cli([
    'env',
    'clone',
    'dev',
    'qa',
    '--cluster',
    'second',
    '--image',
    'web=nginx:1.28',
    '--ttl',
    '1d',
    '--wait',
    '--timeout',
    '50s',
  ]);
  assert.equal(clone.code, 0, output(clone));
  assert.match(
    clone.stdout,
    new RegExp(
      `^Cloned dev into qa \\(type development, expires in (23h59m|1d)\\) on cluster second, in namespace ${ns('qa')}: ` +
        '1 service redeployed; following it \\(up to 50s\\)\\.$',
      'm',
    ),
  );
  assert.match(clone.stdout, /^✔ Release #1 of web in qa is healthy: /m);
  const web = await deploymentOn(secondKubeconfig(), ns('qa'));
  assert.equal(web.spec?.template.spec?.containers[0]?.image, 'nginx:1.28');

  const show = await cli(['env', 'show', 'qa']);
  assert.match(show.stdout, /^ {2}origin: +clone of dev$/m);
  assert.match(show.stdout, /^SERVICE +# +STATUS +IMAGE\nweb +1 +healthy +nginx:1\.28$/m);
});

test('promote shows the diff, will not go on without a terminal or --yes (exit 2), and with --yes --wait rolls out', async () => {
  const asked = await cli(['promote', 'web', '--from', 'dev', '--to', 'staging']);
  assert.equal(asked.code, 2, output(asked));
  assert.match(asked.stdout, /^Promoting web from dev: release #1 \(nginx:1\.27, healthy, /m);
  assert.match(asked.stdout, /^to staging, where web does not run yet:$/m);
  assert.match(asked.stdout, /^\+ Deployment web$/m);
  assert.match(asked.stderr, /^error: Not promoting without confirmation: standard input is not a terminal$/m);
  assert.match(asked.stderr, /^ {2}hint: Pass --yes /m);
  const nothing = parseJson<{ items: ReleaseView[] }>(await cli(['releases', 'web', '--env', 'staging', '-o', 'json']));
  assert.deepEqual(nothing.items, [], 'nothing was promoted');

  const promote = await cli([
    'promote',
    'web',
    '--from',
    'dev',
    '--to',
    'staging',
    '--yes',
    '--wait',
    '--timeout',
    '50s',
  ]);
  assert.equal(promote.code, 0, output(promote));
  assert.match(promote.stdout, /^Release #1 of web queued in staging \(promoted from dev release #1\); following it/m);
  assert.match(promote.stdout, /^✔ Release #1 of web in staging is healthy: /m);
  const [promoted] = parseJson<{ items: ReleaseView[] }>(
    await cli(['releases', 'web', '-o', 'json', '--env', 'staging']),
  ).items;
  const [source] = parseJson<{ items: ReleaseView[] }>(
    await cli(['releases', 'web', '-o', 'json', '--env', 'dev']),
  ).items;
  assert.equal(promoted?.promotedFrom, source?.id);
});

test('to a type that requires approval a release waits: the requester cannot approve (exit 3), reject ends it, another person approves', async () => {
  const type = {
    description: 'Needs a second pair of eyes',
    defaults: { replicas: 1, progressDeadlineSeconds: 60 },
    policies: [],
    requiresApproval: true,
    approvalTtlSeconds: 3600,
    ttlSeconds: null,
  };
  const put = await fetch(`${server.url}/api/v1/environment-types/guarded`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(type),
  });
  assert.equal(put.status, 200, await put.text());
  const types = await cli(['env-type', 'list']);
  assert.equal(types.code, 0, output(types));
  assert.match(types.stdout, /^NAME +APPROVAL +TTL +POLICIES$/m);
  assert.match(types.stdout, /^guarded +required +- +-$/m);
  assert.match(types.stdout, /^preview +- +7d +-$/m);
  assert.match(types.stdout, /^production +required +- +no-latest-tag,require-resource-limits$/m);
  const shown = await cli(['env-type', 'show', 'guarded']);
  assert.match(shown.stdout, /^approval: required, .*requests expire after 1h$/m);
  assert.match(shown.stdout, /^defaults:\n {2}replicas: 1\n {2}progressDeadlineSeconds: 60$/m);
  const json = parseJson<{ type: EnvironmentTypeView }>(await cli(['env-type', 'show', 'guarded', '-o', 'json']));
  assert.equal(json.type.requiresApproval, true);

  assert.equal((await cli(['env', 'create', 'prod', '--type', 'guarded'])).code, 0);
  const promote = await cli(['promote', 'web', '--from', 'staging', '--to', 'prod', '--yes']);
  assert.equal(promote.code, 0, output(promote));
  assert.match(promote.stdout, /^‖ Release #1 of web in prod is waiting for approval by someone else before .*:$/m);
  const first = /^ {2}slipway approve ([0-9a-f-]{36})$/m.exec(promote.stdout)?.[1] ?? 'missing';

  const own = await cli(['approve', first]);
  assert.equal(own.code, 3, output(own));
  assert.match(own.stderr, /^error: You asked for release #1; someone else must approve it$/m);

  const reject = await cli(['reject', first, '--comment', 'not today']);
  assert.equal(reject.code, 0, output(reject));
  assert.match(
    reject.stdout,
    /^Rejected release #1 of web in prod: it is rejected now \(Rejected by admin: not today\)\.$/m,
  );

  // deploy says so too, and does not follow a release that waits (with --wait: exit 1).
  const deploy = await cli(['deploy', '--env', 'prod', '--image', 'nginx:1.28', '--wait']);
  assert.equal(deploy.code, 1, output(deploy));
  assert.match(deploy.stdout, /^‖ Release #2 of web in prod is waiting for approval by someone else/m);
  assert.match(deploy.stderr, /^Not following it: it waits for approval/m);
  const second = /^ {2}slipway approve ([0-9a-f-]{36})$/m.exec(deploy.stdout)?.[1] ?? 'missing';

  const approve = await cli(['approve', second, '--comment', 'looks good', '--wait', '--timeout', '50s'], {
    as: 'reviewer',
  });
  assert.equal(approve.code, 0, output(approve));
  assert.match(approve.stdout, /^Approved release #2 of web in prod; following it/m);
  assert.match(approve.stdout, /^✔ Release #2 of web in prod is healthy: /m);
  const [released, rejected] = parseJson<{ items: ReleaseView[] }>(
    await cli(['releases', 'web', '--env', 'prod', '-o', 'json']),
  ).items;
  assert.deepEqual(
    released?.approvals.map((a) => [a.decision, a.actor, a.comment]),
    [['approved', 'reviewer', 'looks good']],
  );
  assert.equal(rejected?.status, 'rejected');

  const again = await cli(['approve', second], { as: 'reviewer' });
  assert.equal(again.code, 1, output(again));
  assert.match(again.stderr, /is not waiting for approval \(it is healthy\)/);
  assert.equal((await cli(['approve', 'release-2'])).code, 2, 'a release id is a UUID');
});

test('a blocking freeze refuses deploys (exit 1, code frozen), a warning one lets them through; freeze list and delete', async () => {
  const hold = await cli(['freeze', 'create', 'hold', '--until', '1h', '--env', 'dev', '--reason', 'release day']);
  assert.equal(hold.code, 0, output(hold));
  assert.match(
    hold.stdout,
    /^Declared freeze hold: blocks deploys to environment dev now until .* \(in (59m|1h)\): release day\.$/m,
  );
  const warn = await cli(['freeze', 'create', 'heads-up', '--until', '30m', '--type', 'staging', '--mode', 'warn']);
  assert.equal(warn.code, 0, output(warn));
  const bad = await cli(['freeze', 'create', 'odd', '--until', 'tomorrow']);
  assert.equal(bad.code, 2, output(bad));
  assert.match(bad.stderr, /argument 'tomorrow' is invalid\. It must be a date and time .* or a duration such as 2h/);

  const list = await cli(['freeze', 'list']);
  assert.equal(list.code, 0, output(list));
  assert.match(list.stdout, /^NAME +MODE +STATE +FROM +UNTIL +COVERS +REASON$/m);
  assert.match(list.stdout, /^hold +block +active +\S+ \S+ +\S+ \S+ +environment dev +release day$/m);
  assert.match(list.stdout, /^heads-up +warn +active +.* +environments of type staging +-$/m);

  const blocked = await cli(['deploy', '--env', 'dev']);
  assert.equal(blocked.code, 1, output(blocked));
  assert.match(blocked.stderr, /^error: Deploy freeze "hold" until \S+: release day \(environment dev\)$/m);
  assert.match(blocked.stderr, /^ {2}hint: .*slipway freeze delete/m);
  const json = await cli(['deploy', '--env', 'dev', '-o', 'json']);
  assert.equal(json.code, 1, output(json));
  assert.equal(parseJson<{ error: { code: string } }>(json).error.code, 'frozen');
  const promote = await cli(['promote', 'web', '--from', 'staging', '--to', 'dev', '--yes']);
  assert.equal(promote.code, 1, 'a promotion is held too');

  const warned = await cli(['deploy', '--env', 'staging', '--image', 'nginx:1.28']);
  assert.equal(warned.code, 0, output(warned));
  assert.match(warned.stderr, /^warning: Deploy freeze "heads-up" until \S+$/m);
  assert.match(warned.stdout, /^Release #2 of web is queued in staging/m);

  for (const name of ['hold', 'heads-up']) {
    const deleted = await cli(['freeze', 'delete', name]);
    assert.equal(deleted.code, 0, output(deleted));
  }
  assert.match((await cli(['freeze', 'list'])).stdout, /^No deploy freezes\.$/m);
  const free = await cli(['deploy', '--env', 'dev', '--image', 'nginx:1.28']);
  assert.equal(free.code, 0, output(free));
});

test('env delete --wait removes environments and their namespaces; a cluster goes once no environment lives on it', async () => {
  const busy = await cli(['cluster', 'remove', 'second']);
  assert.equal(busy.code, 1, output(busy));

  const [qa, edge] = await Promise.all([
    cli(['env', 'delete', 'qa', '--wait', '--timeout', '50s']),
    cli(['env', 'delete', 'edge', '--wait', '--timeout', '50s', '-o', 'json']),
  ]);
  assert.equal(qa.code, 0, output(qa));
  assert.match(
    qa.stderr,
    new RegExp(`^Deleting environment qa \\(namespace ${ns('qa')} on cluster second\\); waiting`, 'm'),
  );
  assert.match(qa.stderr, /^ +\d+\.\ds +qa is deleting$/m, 'progress on stderr');
  assert.match(
    qa.stdout,
    /^Deleted environment qa: namespace \S+ on cluster second is gone; its releases stay as history\.$/m,
  );
  assert.equal(edge.code, 0, output(edge));
  assert.equal(parseJson<{ environment: EnvironmentView }>(edge).environment.status, 'deleted');
  assert.equal(await namespaceOn(secondKubeconfig(), ns('qa')), undefined, 'the namespace is gone');

  const gone = await cli(['env', 'show', 'qa']);
  assert.equal(gone.code, 1, output(gone));
  assert.match(gone.stderr, /^error: Environment qa was not found/m);
  const history = await cli(['env', 'list', '--deleted']);
  assert.match(history.stdout, /^qa +development +second +\S+ +deleted +never$/m);
  const kept = await cli(['releases', 'web', '--env', 'qa']);
  assert.match(kept.stdout, /^1 +healthy +nginx:1\.28 .*Cloned from dev/m, 'its releases stay as history');

  const remove = await cli(['cluster', 'remove', 'second']);
  assert.equal(remove.code, 0, output(remove));
  assert.match(remove.stdout, /^Removed cluster second; its credentials are deleted\.$/m);
  assert.doesNotMatch((await cli(['cluster', 'list'])).stdout, /^second /m);
});

test('audit list shows what was done and by whom through the CLI; export is JSON lines; verify finds the chain intact', async () => {
  const list = await cli(['audit', 'list', '--target', 'environments/qa', '-o', 'json']);
  assert.equal(list.code, 0, output(list));
  const items = parseJson<{ items: Array<{ action: string; actor: string; via: string; result: string }> }>(list).items;
  const actions = items.map((e) => e.action);
  for (const action of ['pauseEnvironment', 'resumeEnvironment', 'deleteEnvironment']) {
    if (!actions.includes(action)) continue;
    assert.ok(
      items.some((e) => e.action === action && e.via === 'cli'),
      action,
    );
  }
  assert.ok(actions.includes('deleteEnvironment'), `the deletion of qa is recorded: ${actions.join(', ')}`);
  assert.ok(items.every((e) => e.actor === 'admin' || e.actor === 'reviewer'));

  const approvals = await cli(['audit', 'list', '--action', 'approveRelease']);
  assert.equal(approvals.code, 0, output(approvals));
  assert.match(approvals.stdout, /^#\s+AT\s+ACTOR\s+VIA\s+ACTION\s+TARGET\s+RESULT$/m);
  assert.match(
    approvals.stdout,
    /approveRelease\s+releases\/\S+\/approve\s+failure \(403\)/,
    'the refused approval too',
  );

  const exported = await cli(['audit', 'export']);
  assert.equal(exported.code, 0, output(exported));
  const lines = exported.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    lines.map((l) => l.seq),
    lines.map((_l, i) => i + 1),
  );

  const verify = await cli(['audit', 'verify']);
  assert.equal(verify.code, 0, output(verify));
  assert.match(verify.stdout, new RegExp(`^✔ The audit log is intact: ${lines.length} entries`, 'm'));
});

test('env create --gitops-repo asks for GitOps mode; a repository the server may not reach is refused at its field', async () => {
  const refused = await cli([
    'env',
    'create',
    'gitops',
    '--type',
    'development',
    '--gitops-repo',
    'file:///etc/deploy.git',
  ]);
  assert.equal(refused.code, 2, output(refused));
  assert.match(refused.stderr, /^error: The GitOps repository is refused: file:\/\/ locations are turned off/m);
  assert.match(
    refused.stderr,
    /^ {2}\/gitops\/repository: file:\/\/ locations are turned off \(catalog\.allowFileUrls\)$/m,
  );
});
