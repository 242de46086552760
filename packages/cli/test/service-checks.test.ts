/**
 * `slipway service checks` against a live server: a service's metric checks set from a YAML
 * file, shown as a table and as JSON, a wrong one refused at its path in the file, removed.
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
  parseJson,
  runCli,
  startLiveServer,
  type TestServer,
  tempDir,
} from './harness.ts';

let server: TestServer;
let work: string;
const prefix = `cli-checks-${randomBytes(2).toString('hex')}`;

const checksFile = `# what a team keeps beside its score.yaml
checks:
  - name: request-rate
    query: sum(rate(http_requests_total{namespace="$namespace",service="$service"}[$rate]))
    condition: { op: ">", threshold: 0 }
    intervalSeconds: 15
    durationSeconds: 300
  - name: queue-depth
    query: max(queue_depth{namespace="$namespace"})
    condition: { op: "<", threshold: 100 }
    environmentTypes: [production]
`;

before(async () => {
  work = tempDir('checks');
  writeFileSync(join(work, 'checks.yaml'), checksFile);
  writeFileSync(
    join(work, 'wrong.yaml'),
    'checks:\n  - name: latency\n    query: vector(1)\n    condition: { op: "<", threshold: 1 }\n    environmentTypes: [prod]\n',
  );
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

test('sets checks from a file, shows them, refuses a wrong one at its path, removes them', async () => {
  assert.equal((await cli(['service', 'create', 'cart'])).code, 0);
  const none = await cli(['service', 'checks', 'cart']);
  assert.equal(none.code, 0, output(none));
  assert.match(none.stdout, /^cart declares no checks: its environment types' alone verify it\.$/m);

  const set = await cli(['service', 'checks', 'cart', '-f', 'checks.yaml']);
  assert.equal(set.code, 0, output(set));
  const lines = set.stdout.trimEnd().split('\n');
  assert.equal(lines[0], 'cart declares 2 checks now.');
  assert.match(lines[1] ?? '', /^CHECK\s+CONDITION\s+SAMPLED\s+TOLERATED\s+TYPES\s+QUERY$/);
  assert.match(lines[2] ?? '', /^request-rate\s+> 0\s+every 15s for 5m\s+0\s+all\s+sum\(rate\(http_requests_total/);
  assert.match(lines[3] ?? '', /^queue-depth\s+< 100\s+every 30s for 10m\s+0\s+production\s+max\(queue_depth/);

  const json = parseJson<{ service: string; checks: Array<Record<string, unknown>> }>(
    await cli(['service', 'checks', 'cart', '-o', 'json']),
  );
  assert.equal(json.service, 'cart');
  assert.deepEqual(json.checks[1], {
    name: 'queue-depth',
    query: 'max(queue_depth{namespace="$namespace"})',
    condition: { op: '<', threshold: 100 },
    intervalSeconds: 30,
    durationSeconds: 600,
    failureLimit: 0,
    inconclusive: 'fail',
    environmentTypes: ['production'],
  });

  const wrong = await cli(['service', 'checks', 'cart', '-f', 'wrong.yaml']);
  assert.notEqual(wrong.code, 0, output(wrong));
  assert.match(wrong.stderr, /^error: The verification checks are not valid$/m);
  assert.match(wrong.stderr, /^ {2}\/checks\/0\/environmentTypes\/0: no environment type prod$/m);
  const kept = parseJson<{ checks: unknown[] }>(await cli(['service', 'checks', 'cart', '-o', 'json']));
  assert.equal(kept.checks.length, 2, 'a refused file changes nothing');

  const both = await cli(['service', 'checks', 'cart', '-f', 'checks.yaml', '--clear']);
  assert.notEqual(both.code, 0, output(both));
  assert.match(both.stderr, /Give a --file or --clear, not both/);

  const cleared = await cli(['service', 'checks', 'cart', '--clear']);
  assert.equal(cleared.code, 0, output(cleared));
  assert.match(cleared.stdout, /^cart declares no checks now: its environment types' alone verify it\.$/m);
});
