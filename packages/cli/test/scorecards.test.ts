/**
 * `slipway scorecard` and `slipway score` against a live server: the shipped documentation
 * scorecard applied from its file, a service judged by it with what to do for each failed rule,
 * a broken rule refused at its field and line:column, the grid.
 */
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type CliResult, parseJson, runCli, startLiveServer, type TestServer, tempDir } from './harness.ts';

let server: TestServer;
let work: string;
const shipped = fileURLToPath(new URL('../../../scorecards/documentation.yaml', import.meta.url));

before(async () => {
  work = tempDir('scorecards');
  writeFileSync(
    join(work, 'broken.yaml'),
    'name: broken\nlevels: [bronze]\nrules:\n  - id: owned\n    level: bronze\n    expression: |\n      facts.owner != null &&\n        facts.docsPresent ==\n',
  );
  server = await startLiveServer();
});

after(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

const cli = (args: string[]): Promise<CliResult> =>
  runCli([...args, '--server', server.url, '--token', server.adminToken], {
    configDir: join(work, 'config'),
    cwd: work,
  });
const output = (r: CliResult) => `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;

test('applies a scorecard from its file, scores a service with remedies, shows the grid', async () => {
  assert.equal((await cli(['team', 'create', 'payments'])).code, 0);
  const created = await cli(['service', 'create', 'cart', '--owner', 'payments']);
  assert.equal(created.code, 0, output(created));
  const applied = await cli(['scorecard', 'apply', '-f', shipped]);
  assert.equal(applied.code, 0, output(applied));
  assert.match(applied.stdout, /^Applied scorecard documentation: 6 rules over bronze < silver < gold\./m);

  const list = await cli(['scorecard', 'list']);
  assert.match(list.stdout, /^documentation\s+bronze < silver < gold\s+6\s+Documentation$/m);

  const score = await cli(['score', 'cart']);
  assert.equal(score.code, 0, output(score));
  // Not in the catalog: no level, and each failed rule says what to do.
  assert.match(score.stdout, /^Documentation \(documentation\): no level, score 0%$/m);
  assert.match(score.stdout, /^ {2}✗ \[bronze\] It is in the catalog$/m);
  assert.match(score.stdout, /^ {6}→ Add a catalog-info.yaml with a Component named like the service/m);

  const json = parseJson<{ items: Array<{ level: string | null; rules: Array<{ status: string }> }> }>(
    await cli(['score', 'cart', '-o', 'json']),
  );
  assert.equal(json.items[0]?.level, null);
  assert.equal(json.items[0]?.rules.length, 6);

  const grid = await cli(['scorecard', 'grid', 'documentation', '--team', 'payments']);
  assert.equal(grid.code, 0, output(grid));
  assert.match(grid.stdout, /^SERVICE\s+LEVEL\s+SCORE\s+1\s+2\s+3\s+4\s+5\s+6$/m);
  assert.match(grid.stdout, /^cart\s+-\s+0%\s+✗\s+✗\s+✗\s+✗\s+✗\s+✗$/m);
  assert.match(grid.stdout, /^ {2}3\. \[silver\] docs-present: It has docs$/m);
  const none = await cli(['scorecard', 'grid', 'documentation', '--team', 'search']);
  assert.match(none.stdout, /^No services on documentation\.$/m);
});

test('refuses a rule that does not compile, with its field and line:column', async () => {
  const broken = await cli(['scorecard', 'apply', '-f', 'broken.yaml']);
  assert.notEqual(broken.code, 0, output(broken));
  // The block scalar ends in a newline: the expression stops at line 3, column 1.
  assert.match(broken.stderr, /^ {2}\/rules\/0\/expression: 3:1: Unexpected token: EOF$/m);
  const deleted = await cli(['scorecard', 'delete', 'documentation']);
  assert.equal(deleted.code, 0, output(deleted));
  assert.match((await cli(['score', 'cart'])).stdout, /^No scorecards yet/m);
});
