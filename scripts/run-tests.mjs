#!/usr/bin/env node
// Runs every test file of the repository with Node's test runner (through tsx), shows the
// spec report, and ends with one line `N passed, N failed` that CI reads.
// Usage: node scripts/run-tests.mjs [path-filter ...]
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const roots = ['packages', 'testbed', 'bench', 'scripts'];
const filters = process.argv.slice(2);

function findTests(dir) {
  const found = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...findTests(path));
    else if (entry.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

const files = roots
  .flatMap((r) => findTests(join(root, r)))
  .map((f) => relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// Files that spend most of their time waiting (on Prometheus's scrapes, a verification window,
// an outage they stage) say so with a line `// test-lane: waiting`. They run one at a time in a
// lane of their own beside the others, so they do not hold one of the busy lanes idle: on two
// cores that lane costs little CPU and shortens the run by minutes.
const isWaiting = (file) => /^\/\/ test-lane: waiting$/m.test(readFileSync(join(root, file), 'utf8'));
const waiting = files.filter(isWaiting);
const busy = files.filter((f) => !waiting.includes(f));
const reports = mkdtempSync(join(tmpdir(), 'slipway-tests-'));

/** Runs files with Node's test runner; resolves to its exit code and the TAP report's path. */
function runLane(name, laneFiles, concurrency, output) {
  const tap = join(reports, `${name}.tap`);
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      `--test-concurrency=${concurrency}`,
      '--test-reporter=spec',
      `--test-reporter-destination=${output}`,
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...laneFiles,
    ],
    { cwd: root, stdio: 'inherit' },
  );
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      if (signal) console.error(`test runner (${name} lane) stopped by ${signal}`);
      resolve({ code: code ?? 1, tap });
    });
  });
}

const waitingOutput = join(reports, 'waiting.txt');
const lanes = await Promise.all([
  busy.length > 0 ? runLane('busy', busy, process.env.SLIPWAY_TEST_CONCURRENCY ?? 2, 'stdout') : null,
  waiting.length > 0 ? runLane('waiting', waiting, 1, waitingOutput) : null,
]);
// The waiting lane's report comes after the others', whole, rather than interleaved with them.
if (lanes[1]) {
  console.log(`\nthe waiting lane (${waiting.length} files, one at a time):`);
  console.log(readFileSync(waitingOutput, 'utf8'));
}

let passed = 0;
let failed = 0;
for (const lane of lanes.filter((l) => l !== null)) {
  let report = '';
  try {
    report = readFileSync(lane.tap, 'utf8');
  } catch {
    // no report: the runner died before writing it; counted as a failure below
  }
  const count = (name) => Number(report.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
  passed += count('pass');
  const laneFailed = count('fail') + count('cancelled');
  failed += laneFailed + (lane.code !== 0 && laneFailed === 0 ? 1 : 0); // the runner itself failed
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(lanes.some((l) => l !== null && l.code !== 0) ? 1 : 0);
