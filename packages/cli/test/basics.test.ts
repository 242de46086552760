import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { apiVersion, slipwayVersion } from '@slipway/core';
import type { Command } from 'commander';
import { buildProgram } from '../src/main.ts';
import {
  closedPort,
  parseJson,
  runCli,
  startServer,
  stoppedClusterKubeconfig,
  type TestServer,
  tempDir,
} from './harness.ts';

let server: TestServer;
let work: string;
let configDir: string;

before(async () => {
  work = tempDir('basics');
  configDir = join(work, 'config');
  server = await startServer({ kubeconfig: (await stoppedClusterKubeconfig(work)).path });
});

after(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

const cli = (args: string[]) => runCli(args, { configDir });

test('--help lists the commands and documents the exit codes', async () => {
  const help = await cli(['--help']);
  assert.equal(help.code, 0);
  const commands = ['login', 'logout', 'whoami', 'version', 'doctor', 'token'];
  const more = ['env', 'env-type', 'cluster', 'freeze', 'deploy', 'status', 'releases', 'diff', 'promote', 'approve'];
  for (const command of [...commands, ...more, 'reject', 'rollback', 'dora']) {
    assert.match(help.stdout, new RegExp(`^ {2}${command}\\b`, 'm'), command);
  }
  assert.match(help.stdout, /^Exit codes:$/m);
  for (const code of [0, 1, 2, 3, 4]) assert.match(help.stdout, new RegExp(`^ {2}${code} {2}\\S`, 'm'));
});

test("a command's help, from the real process, shows its usage, the global options and examples", async () => {
  // One spawned per kind (a top command, a subcommand): the whole tree is checked in-process
  // below, where a spawned process per command cost a second of CPU each.
  for (const command of ['deploy', 'token create']) {
    const help = await cli([...command.split(' '), '--help']);
    assert.equal(help.code, 0, command);
    assert.match(help.stdout, new RegExp(`^Usage: slipway ${command}`, 'm'));
    assert.match(help.stdout, /--output <format>/);
    assert.match(help.stdout, new RegExp(`^Examples:\\n {2}\\$ slipway ${command}\\b`, 'm'), command);
  }
});

test('every command in the tree has help with the global options and examples of itself (checked in-process)', () => {
  const walk = (command: Command, path: string[]): Array<[string, Command]> => [
    [path.join(' '), command],
    ...command.commands.flatMap((sub) => walk(sub, [...path, sub.name()])),
  ];
  const commands = walk(buildProgram(), []).filter(([path]) => path !== '');
  assert.ok(commands.length > 30, 'the whole tree is walked');
  for (const [path, command] of commands) {
    let help = '';
    command.configureOutput({ writeOut: (text) => (help += text), writeErr: (text) => (help += text) });
    command.outputHelp();
    assert.match(help, new RegExp(`^Usage: slipway ${path}\\b`, 'm'), path);
    assert.match(help, /--output <format>/, path);
    assert.match(help, new RegExp(`^Examples:\\n {2}\\$ slipway ${path}\\b`, 'm'), path);
  }
});

test('bad values of the deploy and release options are usage errors (exit 2)', async () => {
  const auth = ['--server', server.url, '--token', server.adminToken];
  const cases: Array<[string[], RegExp]> = [
    [['deploy', '--env', 'dev', '--timeout', 'soon'], /duration such as 90s/],
    [['deploy', '-f', 'no-such-score.yaml'], /required option '--env <name>'/],
    [['releases', 'web', '--limit', '0'], /whole number from 1 to 500/],
    [['diff', 'web', '--env', 'dev', '--from', 'first'], /release number/],
    [['rollback', 'web', '--env', 'dev', '--to', '-1'], /release number|unknown option/],
    [['env', 'set', 'dev', '--type', 'development', '--progress-deadline', '2'], /whole number from 5 to 86400/],
    [['env', 'clone', 'dev', 'qa', '--image', 'nginx:1.27'], /It must be SERVICE=IMAGE/],
    [['freeze', 'create', 'x', '--from', 'monday', '--until', '1h'], /It must be now, or a date and time/],
    [['freeze', 'create', 'x', '--until', '1h', '--mode', 'pause'], /Allowed choices are block, warn/],
    [['approve', '42'], /It must be the id of a release \(a UUID\)/],
  ];
  for (const [args, message] of cases) {
    const result = await cli([...args, ...auth]);
    assert.equal(result.code, 2, `slipway ${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message, args.join(' '));
  }
});

test('usage errors exit 2: unknown option, unknown command, missing command, bad value', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['whoami', '--bogus'], /unknown option '--bogus'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [[], /Usage: slipway/],
    [['token'], /Usage: slipway token/],
    [['whoami', '-o', 'yaml'], /argument 'yaml' is invalid/],
    [['whoami', '--server', 'not a url', '--token', 'slw_x'], /is not an http:\/\/ or https:\/\/ URL/],
  ];
  for (const [args, message] of cases) {
    const result = await cli(args);
    assert.equal(result.code, 2, `slipway ${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message);
  }
});

test('with --output json, usage errors are JSON on stdout too', async () => {
  const result = await cli(['whoami', '--bogus', '--output', 'json']);
  assert.equal(result.code, 2);
  const body = parseJson<{ error: { code: string; message: string } }>(result);
  assert.equal(body.error.code, 'invalid_input');
  assert.match(body.error.message, /unknown option '--bogus'/);
});

test('a server that is down exits 4, with the reason and a hint, and no stack trace', async () => {
  const url = `http://127.0.0.1:${await closedPort()}`;
  const text = await cli(['whoami', '--server', url, '--token', 'slw_x']);
  assert.equal(text.code, 4);
  assert.match(text.stderr, new RegExp(`^error: Cannot reach the Slipway server at ${url}: connection refused$`, 'm'));
  assert.match(text.stderr, /^ {2}hint: \S/m);
  assert.doesNotMatch(text.stderr, /^\s+at /m);

  const json = await cli(['token', 'list', '--server', url, '--token', 'slw_x', '-o', 'json']);
  assert.equal(json.code, 4);
  assert.equal(json.stderr, '');
  assert.equal(parseJson<{ error: { code: string } }>(json).error.code, 'unavailable');
});

test('version shows the client and, when reachable, the server', async () => {
  const local = await cli(['version']);
  assert.equal(local.code, 0);
  assert.match(local.stdout, new RegExp(`^client: slipway ${slipwayVersion} \\(API ${apiVersion}\\)$`, 'm'));
  assert.match(local.stdout, /^server: none configured/m);

  const remote = await cli(['version', '--server', server.url, '-o', 'json']);
  assert.equal(remote.code, 0);
  assert.deepEqual(parseJson(remote), {
    client: { slipway: slipwayVersion, api: apiVersion },
    server: { url: server.url, slipway: slipwayVersion, api: apiVersion },
  });

  const down = await cli(['version', '--server', `http://127.0.0.1:${await closedPort()}`]);
  assert.equal(down.code, 0, 'version succeeds without a server');
  assert.match(down.stdout, /^server: unknown \(Cannot reach .*connection refused\)$/m);

  const flag = await cli(['--version']);
  assert.equal(flag.code, 0);
  assert.equal(flag.stdout.trim(), slipwayVersion);
});

test('the shim runs from any working directory', async () => {
  const { spawnSync } = await import('node:child_process');
  const bin = new URL('../bin/slipway.mjs', import.meta.url).pathname;
  const result = spawnSync(bin, ['--version'], { cwd: '/', encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout.trim(), slipwayVersion);
});

test('an answer that is not from Slipway is named as such: a proxy 502 exits 4, a stray web server 1', async () => {
  const { createServer } = await import('node:http');
  const statuses = [502, 404];
  const foreign = createServer((_request, response) => {
    response.writeHead(statuses.shift() ?? 500, { 'content-type': 'text/html' }).end('<html>nope</html>');
  });
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  const address = foreign.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    const gateway = await cli(['whoami', '--server', url, '--token', 'slw_x']);
    assert.equal(gateway.code, 4);
    assert.match(gateway.stderr, /is unavailable \(HTTP 502\)/);
    const stray = await cli(['whoami', '--server', url, '--token', 'slw_x']);
    assert.equal(stray.code, 1);
    assert.match(stray.stderr, /answered HTTP 404[\s\S]*is this the address of a Slipway server\?/);
  } finally {
    foreign.close();
  }
});
