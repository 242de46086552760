/**
 * The catalog with the CLI, end to end against a live server: entities stored as ingestion
 * stores them, then listed, searched and read the way a person would.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { insertEntities, insertLocation } from '../../server/test/harness/catalog-rows.ts';
import { type CliResult, parseJson, runCli, startLiveServer, type TestServer, tempDir } from './harness.ts';

let server: TestServer;
let work: string;

before(async () => {
  work = tempDir('catalog');
  server = await startLiveServer();
  const db = server.db();
  await insertEntities(db, await insertLocation(db), [
    { kind: 'Group', name: 'team-a', title: 'Team A', spec: { type: 'team' } },
    {
      kind: 'Component',
      name: 'payments-api',
      title: 'Payments API',
      description: 'Takes card payments',
      tags: ['java'],
      spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
      errors: [{ path: '/spec/dependsOn/0', message: 'component:default/ledger is not in the catalog' }],
      relations: { ownedBy: ['group:default/team-a'] },
    },
    { kind: 'Component', name: 'web', spec: { type: 'website', lifecycle: 'production', owner: 'team-b' } },
  ]);
});

after(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

const cli = (args: string[]): Promise<CliResult> =>
  runCli([...args, '--server', server.url, '--token', server.adminToken], { configDir: join(work, 'config') });
const output = (r: CliResult) => `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;

test('lists entities as a table, filtered and searched', async () => {
  const all = await cli(['catalog', 'list']);
  assert.equal(all.code, 0, output(all));
  assert.match(all.stdout, /KIND\s+NAME\s+TYPE\s+OWNER/);
  assert.match(all.stdout, /component\s+payments-api\s+service\s+team-a\s+production\s+java\s+1/i);
  const owned = await cli(['catalog', 'list', '--kind', 'component', '--owner', 'team-a', '-o', 'json']);
  assert.deepEqual(
    parseJson<{ items: Array<{ name: string }> }>(owned).items.map((i) => i.name),
    ['payments-api'],
  );
  const searched = await cli(['catalog', 'list', '-q', 'card paym']);
  assert.match(searched.stdout, /payments-api/);
  assert.doesNotMatch(searched.stdout, /\bweb\b/);
  const none = await cli(['catalog', 'list', '--tag', 'cobol']);
  assert.match(none.stdout, /No catalog entities match/);
});

test('gets one entity with its relations and problems; an unknown one is not found', async () => {
  const got = await cli(['catalog', 'get', 'component:default/payments-api']);
  assert.equal(got.code, 0, output(got));
  assert.match(got.stdout, /component:default\/payments-api \(Payments API\)/);
  assert.match(got.stdout, /ownedBy\s+group:default\/team-a\s+Team A/);
  assert.match(got.stdout, /\/spec\/dependsOn\/0: component:default\/ledger is not in the catalog/);
  const short = await cli(['catalog', 'get', 'group/team-a']);
  assert.match(short.stdout, /ownerOf\s+component:default\/payments-api/);
  const missing = await cli(['catalog', 'get', 'component:default/nope']);
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /component:default\/nope/);
  const bad = await cli(['catalog', 'get', 'not a ref']);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /KIND:NAMESPACE\/NAME/);
});
