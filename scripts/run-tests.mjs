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

const tap = join(mkdtempSync(join(tmpdir(), 'slipway-tests-')), 'report.tap');
const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${process.env.SLIPWAY_TEST_CONCURRENCY ?? 2}`,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ],
  { cwd: root, stdio: 'inherit' },
);
child.on('exit', (code, signal) => {
  let report = '';
  try {
    report = readFileSync(tap, 'utf8');
  } catch {
    // no report: the runner died before writing it; counted as a failure below
  }
  const count = (name) => Number(report.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  const broken = code !== 0 && failed === 0 ? 1 : 0; // the runner itself failed (signal, crash)
  if (signal) console.error(`test runner stopped by ${signal}`);
  console.log(`${passed} passed, ${failed + broken} failed`);
  process.exit(code ?? 1);
});
