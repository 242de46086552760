import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { DoctorReport } from '../src/commands/doctor.ts';
import {
  closedPort,
  liveKubeconfig,
  parseJson,
  runCli,
  startServer,
  stoppedClusterKubeconfig,
  type TestServer,
  tempDir,
} from './harness.ts';

let work: string;
let configDir: string;

before(() => {
  work = tempDir('doctor');
  configDir = join(work, 'config');
});

after(() => rmSync(work, { recursive: true, force: true }));

const names = (report: DoctorReport) => report.checks.map((c) => c.name);

async function withServer(kubeconfig: string, body: (server: TestServer) => Promise<void>): Promise<void> {
  const server = await startServer({ kubeconfig });
  try {
    await body(server);
  } finally {
    await server.stop();
  }
}

test('doctor is all green against a running cluster (needs SLIPWAY_TEST_KUBECONFIG)', async () => {
  await withServer(liveKubeconfig(), async (server) => {
    const auth = ['--server', server.url, '--token', server.adminToken];
    const text = await runCli(['doctor', ...auth], { configDir });
    assert.equal(text.code, 0, text.stdout + text.stderr);
    for (const name of ['connection', 'token', 'server', 'database', 'cluster']) {
      assert.match(text.stdout, new RegExp(`^✔ ${name} +\\S`, 'm'), `${name} is ok:\n${text.stdout}`);
    }
    assert.match(text.stdout, /^All 5 checks passed\.$/m);

    const json = await runCli(['doctor', ...auth, '-o', 'json'], { configDir });
    assert.equal(json.code, 0);
    const report = parseJson<DoctorReport>(json);
    assert.equal(report.status, 'ok');
    assert.deepEqual(names(report), ['connection', 'token', 'server', 'database', 'cluster']);
  });
});

test('doctor names a stopped cluster as the failing part and says why (exit 1)', async () => {
  const stopped = await stoppedClusterKubeconfig(work);
  await withServer(stopped.path, async (server) => {
    const auth = ['--server', server.url, '--token', server.adminToken];
    const text = await runCli(['doctor', ...auth], { configDir });
    assert.equal(text.code, 1, text.stderr);
    for (const name of ['connection', 'token', 'server', 'database']) {
      assert.match(text.stdout, new RegExp(`^✔ ${name} `, 'm'), `${name} is ok:\n${text.stdout}`);
    }
    const clusterLine = new RegExp(
      `^✖ cluster +Cannot reach the Kubernetes API at ${stopped.server}: connection refused$`,
      'm',
    );
    assert.match(text.stdout, clusterLine);
    assert.match(text.stdout, /^✖ cluster .*\n {4,}hint: \S/m, 'the hint is indented below the failing check');
    assert.match(text.stdout, /failed: cluster/);

    const json = await runCli(['doctor', ...auth, '-o', 'json'], { configDir });
    assert.equal(json.code, 1);
    const report = parseJson<DoctorReport>(json);
    assert.equal(report.status, 'fail');
    const failing = report.checks.filter((c) => c.status !== 'ok');
    assert.deepEqual(
      failing.map((c) => c.name),
      ['cluster'],
    );
    assert.match(failing[0]?.message ?? '', /connection refused/);
  });
});

test('doctor says when the server is unreachable, and that the other checks could not run (exit 1)', async () => {
  const url = `http://127.0.0.1:${await closedPort()}`;
  const text = await runCli(['doctor', '--server', url, '--token', 'slw_x'], { configDir });
  assert.equal(text.code, 1);
  assert.match(
    text.stdout,
    new RegExp(`^✖ connection +Cannot reach the Slipway server at ${url}: connection refused$`, 'm'),
  );
  assert.match(text.stdout, /remaining checks \(token, server, database, cluster\) could not run/);

  const report = parseJson<DoctorReport>(await runCli(['doctor', '--server', url, '-o', 'json'], { configDir }));
  assert.equal(report.status, 'fail');
  assert.deepEqual(names(report), ['connection']);
  assert.deepEqual(report.skipped, ['token', 'server', 'database', 'cluster']);
});

test('doctor stops at a refused token, naming it', async () => {
  const stopped = await stoppedClusterKubeconfig(work);
  await withServer(stopped.path, async (server) => {
    const args = ['doctor', '--server', server.url, '--token', 'slw_wrong', '-o', 'json'];
    const result = await runCli(args, { configDir });
    assert.equal(result.code, 1);
    const report = parseJson<DoctorReport>(result);
    assert.deepEqual(
      report.checks.map((c) => [c.name, c.status]),
      [
        ['connection', 'ok'],
        ['token', 'fail'],
      ],
    );
    assert.match(report.checks[1]?.message ?? '', /unknown, expired or revoked/);
    assert.deepEqual(report.skipped, ['server', 'database', 'cluster']);
  });
});
