/**
 * Golden-path templates with the CLI, end to end against a live server whose templates may push
 * to file:// repositories: listing and showing them, dry runs, missing parameters, and a real
 * run into a bare Git repository with its steps followed live.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type CliResult, cliBin, parseJson, runCli, startLiveServer, type TestServer, tempDir } from './harness.ts';

let server: TestServer;
let work: string;

before(async () => {
  work = tempDir('create');
  server = await startLiveServer({ allowFileUrls: true });
});

after(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

const cli = (args: string[]): Promise<CliResult> =>
  runCli([...args, '--server', server.url, '--token', server.adminToken], { configDir: join(work, 'config') });
const output = (r: CliResult) => `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;

/** An empty bare repository in the test's directory; its file:// URL. */
function bareRepo(name: string): string {
  const dir = join(work, `${name}.git`);
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', dir]);
  return pathToFileURL(dir).href;
}

test('lists the golden paths and shows one with its parameters', async () => {
  const list = await cli(['template', 'list']);
  assert.equal(list.code, 0, output(list));
  assert.match(list.stdout, /NAME\s+TITLE\s+DESCRIPTION/);
  assert.match(list.stdout, /slipway\/node-service\s+Node\.js HTTP service/);
  assert.match(list.stdout, /slipway\/scheduled-job/);
  const show = await cli(['template', 'show', 'node-service']);
  assert.equal(show.code, 0, output(show));
  assert.match(show.stdout, /^ {2}name \(required, string\): A DNS label/m);
  assert.match(show.stdout, /^ {2}environment \(optional, string\)/m);
  assert.match(show.stdout, /^ {2}publish {2}Push to the repository \(publish:git\)/m);
  const missing = await cli(['template', 'show', 'no-such-template']);
  assert.equal(missing.code, 1, output(missing));
  assert.match(missing.stderr, /There is no template named no-such-template/);
});

test('--dry-run lists the files node-service would write', async () => {
  const repo = bareRepo('dry');
  const set = ['--set', 'name=dry-one', '--set', 'owner=payments', '--set', `repoUrl=${repo}`];
  const dry = await cli(['create', '--template', 'node-service', ...set, '--dry-run']);
  assert.equal(dry.code, 0, output(dry));
  assert.match(dry.stdout, /Dry run of template:slipway\/node-service: it would write \d+ files/);
  for (const path of ['score.yaml', 'catalog-info.yaml', 'Dockerfile', '.github/workflows/deploy.yml', 'docs/index.md'])
    assert.match(dry.stdout, new RegExp(`^ +\\d+ {2}${path.replaceAll('.', '\\.')}$`, 'm'), path);
  const json = parseJson<{ run: { output: { files: Array<{ path: string; content: string }> } } }>(
    await cli(['create', '--template', 'slipway/node-service', ...set, '--dry-run', '-o', 'json']),
  );
  const score = json.run.output.files.find((f) => f.path === 'score.yaml');
  assert.match(score?.content ?? '', /name: dry-one/);
  assert.equal(execFileSync('git', ['rev-parse', '--all'], { cwd: join(work, 'dry.git') }).toString(), '');
});

test('a dry run that fails says where and exits 1, so a script or CI sees it', async () => {
  // A template of the catalog whose skeleton folder is not in its repository.
  const source = join(work, 'broken-template');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: source });
  execFileSync('git', ['init', '--quiet', '--initial-branch=main', source]);
  writeFileSync(
    join(source, 'catalog-info.yaml'),
    [
      'apiVersion: scaffolder.backstage.io/v1beta3',
      'kind: Template',
      'metadata: { name: broken-skeleton }',
      'spec:',
      '  owner: payments',
      '  type: service',
      '  parameters: [{ properties: { name: { type: string } } }]',
      '  steps:',
      '    - { id: fetch, name: Fetch, action: fetch:template, input: { url: ./no-such-skeleton } }',
    ].join('\n'),
  );
  git('add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', 'template');
  const registered = await cli(['catalog', 'register', pathToFileURL(source).href]);
  assert.equal(registered.code, 0, output(registered));

  const dry = await cli(['create', '--template', 'broken-skeleton', '--set', 'name=x', '--dry-run']);
  assert.equal(dry.code, 1, output(dry));
  assert.match(
    dry.stdout,
    /^✖ Dry run of template:default\/broken-skeleton failed at step fetch \(fetch:template\): /m,
  );
  assert.doesNotMatch(dry.stdout, /it would write/);
  const json = await cli(['create', '--template', 'broken-skeleton', '--set', 'name=x', '--dry-run', '-o', 'json']);
  assert.equal(json.code, 1, output(json));
  assert.equal(parseJson<{ run: { status: string } }>(json).run.status, 'failed');
});

test('missing parameters without a terminal are a usage error naming them', async () => {
  const result = await cli(['create', '--template', 'node-service', '--set', 'name=orders']);
  assert.equal(result.code, 2, output(result));
  assert.match(result.stderr, /Missing required parameters of template:slipway\/node-service: owner, repoUrl/);
  assert.match(result.stderr, /\/parameters\/owner: is required/);
  assert.match(result.stderr, /--set owner=\.\.\. --set repoUrl=\.\.\./);
  const badSet = await cli(['create', '--template', 'node-service', '--set', 'orders']);
  assert.equal(badSet.code, 2, output(badSet));
  assert.match(badSet.stderr, /It must be KEY=VALUE/);
});

test("the server's refusal of a parameter is printed with its path", async () => {
  const values = join(work, 'bad.json');
  writeFileSync(values, JSON.stringify({ name: 'Bad Name', owner: 'payments', repoUrl: 'file:///nowhere' }));
  const result = await cli(['create', '--template', 'node-service', '--values', values, '--dry-run']);
  assert.equal(result.code, 2, output(result));
  assert.match(result.stderr, /^ {2}\/parameters\/name: /m);
});

test('a real run pushes to a bare repository and prints its steps and the new entity', async () => {
  const repo = bareRepo('orders');
  const team = await cli(['team', 'create', 'payments']);
  assert.equal(team.code, 0, output(team));
  const values = join(work, 'orders.json');
  writeFileSync(values, JSON.stringify({ name: 'orders', owner: 'nobody', repoUrl: repo }));
  const result = await cli([
    'create',
    '-t',
    'node-service',
    '--values',
    values,
    '--set',
    'owner=payments',
    '--owner',
    'payments',
  ]);
  assert.equal(result.code, 0, output(result));
  assert.match(result.stdout, /^Creating from template:slipway\/node-service \(run [-0-9a-f]+\):$/m);
  assert.match(result.stdout, /^▸ Render the skeleton$/m);
  assert.match(result.stdout, /^✔ Render the skeleton \(\d+\.\d+s\)$/m);
  assert.match(result.stdout, /^✔ Push to the repository \(\d+\.\d+s\)$/m);
  assert.match(result.stdout, /^ {4}.*pushed main/m);
  assert.match(result.stdout, /^✔ Register in the catalog/m);
  assert.match(result.stdout, /^- First deploy \(skipped\)$/m);
  assert.match(result.stdout, /^✔ Run succeeded in /m);
  assert.match(result.stdout, new RegExp(`^ {2}Repository: ${repo}$`, 'm'));
  assert.match(result.stdout, /^Created component:default\/orders\.$/m);

  const clone = join(work, 'orders-clone');
  execFileSync('git', ['clone', '--quiet', repo, clone]);
  for (const path of ['package.json', 'src/server.js', 'score.yaml', 'catalog-info.yaml', 'docs/index.md'])
    assert.ok(existsSync(join(clone, path)), path);

  const runs = await cli(['template', 'runs']);
  assert.equal(runs.code, 0, output(runs));
  assert.match(runs.stdout, /ID\s+TEMPLATE\s+STATUS\s+CREATED BY\s+CREATED/);
  assert.match(runs.stdout, /slipway\/node-service\s+succeeded\s+admin/);
  assert.match(runs.stdout, /slipway\/node-service\s+succeeded \(dry run\)\s+admin/);
});

/**
 * Runs the CLI on a real terminal: `script` (util-linux) gives it a pseudo-terminal, so stdin
 * is a TTY and it asks. Each answer is typed only once its question is on the screen, as a
 * person would; the screen (stdout and stderr together, with the echo) is returned.
 */
function onTerminal(args: string[], answers: Array<{ after: RegExp; type: string }>): Promise<CliResult> {
  const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
  const command = [process.execPath, cliBin, ...args].map(quote).join(' ');
  const env = { PATH: process.env.PATH ?? '', HOME: join(work, 'config'), SLIPWAY_CONFIG_DIR: join(work, 'config') };
  const child = spawn('script', ['--quiet', '--return', '--command', command, '/dev/null'], {
    env: { ...env, SHELL: '/bin/sh', TERM: 'dumb' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  let next = 0;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    screen += chunk;
    const answer = answers[next];
    if (answer?.after.test(screen.slice(screen.lastIndexOf('\n', screen.length - 3)))) {
      next++;
      child.stdin.write(`${answer.type}\r`);
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      child.stdin.end();
      resolve({ code, stdout: screen.replaceAll('\r\n', '\n'), stderr: '' });
    });
  });
}

test('at a terminal, create asks for the missing required parameters and runs with the answers', async () => {
  const repo = bareRepo('asked');
  await cli(['team', 'create', 'payments']);
  const result = await onTerminal(
    ['create', '-t', 'node-service', '--set', 'owner=payments', '--server', server.url, '--token', server.adminToken],
    [
      { after: /> $/, type: 'Bad Name!' },
      { after: /> $/, type: 'asked' },
      { after: /> $/, type: repo },
    ],
  );
  assert.equal(result.code, 0, output(result));
  // The name field's own rule (EntityNamePicker), checked as the answer is typed: asked again.
  assert.match(result.stdout, /Bad Name!\r?\n {2}Must start and end with an alphanumeric character/);
  // The questions, in the order of the schema's required list, with titles and descriptions.
  assert.match(result.stdout, /^Name \(name\)\n {2}A DNS label; it names the service/m);
  assert.match(result.stdout, /^Repository \(repoUrl\)\n {2}A Git remote to push/m);
  assert.doesNotMatch(result.stdout, /Owner \(owner\)/, 'a parameter given with --set is not asked');
  assert.match(result.stdout, /^Created component:default\/asked\.$/m);
  const clone = join(work, 'asked-clone');
  execFileSync('git', ['clone', '--quiet', repo, clone]);
  assert.match(execFileSync('git', ['show', 'HEAD:score.yaml'], { cwd: clone }).toString(), /name: asked/);
});
