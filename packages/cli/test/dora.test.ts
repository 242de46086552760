/**
 * `slipway dora` end to end: a real server whose database holds the seeded history of
 * packages/server/test/analytics/history.ts, placed four weeks back so that all of it lies in
 * the past, and the CLI run as a person would. The expected numbers are worked out by hand
 * below from that history's table (whose first-window figures the core's test works out).
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { isoWeekStart } from '@slipway/core';
import { day, seedHistory } from '../../server/test/analytics/history.ts';
import { type CliResult, parseJson, runCli, startLiveServer, type TestServer, tempDir } from './harness.ts';

let server: TestServer;
let work: string;
// Day 0 of the history: the Monday four weeks before this week's, so d0 … d20 are whole past weeks.
const monday = new Date(isoWeekStart(new Date()).getTime() - 28 * 86_400_000);
const date = (d: number) => day(monday, d).toISOString().slice(0, 10);

before(async () => {
  work = tempDir('dora');
  server = await startLiveServer();
  await seedHistory(server.db(), monday);
});

after(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

const cli = (args: string[]): Promise<CliResult> =>
  runCli(args, {
    configDir: join(work, 'config'),
    env: { SLIPWAY_SERVER: server.url, SLIPWAY_TOKEN: server.adminToken },
  });

/*
 * The window d0 … d20 (21 whole days), with everything in it finished by now — unlike the core's
 * test, shop #10 (healthy d19 10:00, commit 09:00) and search #3 (healthy d18 13:00, commit 11:00)
 * count too:
 *   changes 11 + 2 = 13; deployments 7 + 2 = 9, 9 / 21 a day = 3 a week (high)
 *   failed 6 (as before: #10 and search #3 are neither failed nor fixed) → 6/13 = 46.2 % (low)
 *   lead times 1200 3600 7200 7200 | 7200 10800 86400 604800 → median 7200 = 2h (elite)
 *   restores 1800, 352800, and search d17 12:00 → d18 13:00 = 90000 → median 90000 = 1d1h (medium)
 *   week 3: changes cart #4, shop #7, search #2, search #3, shop #10; healthy 4; failed 2 (2/5);
 *           leads 7200 7200 3600 → 7200; restores 352800, 90000 → (90000 + 352800) / 2 = 221400 = 2d13h
 */
test('the four figures as JSON: exactly the hand-worked ones', async () => {
  const result = await cli(['dora', '--from', date(0), '--to', date(20), '-o', 'json']);
  assert.equal(result.code, 0, result.stderr);
  const answer = parseJson<{ figures: unknown; bands: unknown; weeks: Array<{ figures: unknown }> }>(result);
  assert.deepEqual(answer.figures, {
    deployments: 9,
    deploymentsPerDay: 9 / 21,
    leadTime: { medianSeconds: 7200, count: 8, withoutCommitTime: 1 },
    changeFailure: { rate: 6 / 13, changes: 13, failed: 6 },
    timeToRestore: { medianSeconds: 90000, restored: 3, open: 0 },
  });
  assert.deepEqual(answer.bands, {
    deploymentFrequency: 'high',
    leadTime: 'elite',
    changeFailureRate: 'low',
    timeToRestore: 'medium',
  });
  assert.deepEqual(answer.weeks[2]?.figures, {
    deployments: 4,
    deploymentsPerDay: 4 / 7,
    leadTime: { medianSeconds: 7200, count: 3, withoutCommitTime: 1 },
    changeFailure: { rate: 2 / 5, changes: 5, failed: 2 },
    timeToRestore: { medianSeconds: 221400, restored: 2, open: 0 },
  });
});

test('as text: each figure with its band, then a line per ISO week', async () => {
  const result = await cli(['dora', '--from', date(0), '--to', date(20)]);
  assert.equal(result.code, 0, result.stderr);
  const out = result.stdout;
  assert.match(
    out,
    new RegExp(`^Delivery to production, ${date(0)} … ${date(20)} \\(as of .* UTC; fix window 1h\\)$`, 'm'),
  );
  assert.match(out, /^Deployment frequency +3\/week +high +9 deployments$/m);
  assert.match(out, /^Lead time for changes +2h median +elite +8 with a commit time, 1 without$/m);
  assert.match(out, /^Change failure rate +46\.2% +low +6 of 13 changes$/m);
  assert.match(out, /^Time to restore +1d1h median +medium +3 restored, 0 still open$/m);
  const weeks = out.split('\n').filter((l) => /^\d{4}-W\d\d /.test(l));
  assert.equal(weeks.length, 3, out);
  assert.match(weeks[0] ?? '', /^\S+ +2 +2h30m +33\.3% \(1\/3\) +30m$/);
  assert.match(weeks[1] ?? '', /^\S+ +3 +1d +60% \(3\/5\) +— \(1 open\)$/);
  assert.match(weeks[2] ?? '', /^\S+ +4 +2h +40% \(2\/5\) +2d13h$/);
});

test('per team, and a filter naming nobody is refused with its field', async () => {
  const grouped = await cli(['dora', '--from', date(0), '--to', date(20), '--by', 'team']);
  assert.equal(grouped.code, 0, grouped.stderr);
  assert.match(grouped.stdout, /^GROUP +DEPLOYS\/DAY/m);
  assert.match(grouped.stdout, /^discovery +/m);
  assert.match(grouped.stdout, /^payments +/m);
  const unknown = await cli(['dora', '--team', 'nobody']);
  assert.notEqual(unknown.code, 0);
  assert.match(unknown.stderr, /\/team: there is no team named nobody/);
  const badWeeks = await cli(['dora', '--weeks', '0']);
  assert.notEqual(badWeeks.code, 0);
  assert.match(badWeeks.stderr, /whole number from 1 to 104/);
});
