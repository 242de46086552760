#!/usr/bin/env node
// Fails when a test file names a fixed calendar date and also reads the real clock.
//
// Such a test compares "now" with a date that was in the future when it was written and is in
// the past some day later: it passes for a while, then fails on every run (it happened on
// 2026-11-28). A test that needs a particular day takes it from one injected clock
// (packages/server/test/harness/clock.ts) or hands fixed dates to code that takes `now` as an
// argument; a test that reads the real clock computes every moment it needs from it.
//
// Usage: node scripts/check-test-clocks.mjs   (exit 1 and a list of offending lines)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
// Test code: test folders of every package, the benchmarks and the testbed.
const roots = [
  'packages/core/test',
  'packages/api-client/test',
  'packages/server/test',
  'packages/cli/test',
  'packages/web/test',
  'bench',
];
const fixedDate = /['"`](?:19|20)\d\d-[01]\d-[0-3]\d/;
const realClock = /\bDate\.now\(|\bnew Date\(\s*\)|performance\.timeOrigin/;

function* files(dir) {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|tsx|mjs|js)$/.test(entry)) yield path;
  }
}

/** Lines matching a pattern, skipping comments (a comment may well mention a date). */
function linesMatching(text, pattern) {
  return text
    .split('\n')
    .map((line, i) => ({ line: i + 1, text: line.trim() }))
    .filter(({ text }) => !text.startsWith('//') && !text.startsWith('*') && pattern.test(text));
}

const problems = [];
for (const dir of roots) {
  for (const path of files(join(root, dir))) {
    const text = readFileSync(path, 'utf8');
    const dates = linesMatching(text, fixedDate);
    const reads = linesMatching(text, realClock);
    if (dates.length === 0 || reads.length === 0) continue;
    const file = relative(root, path);
    problems.push(
      `${file}: names fixed dates and reads the real clock; take every moment from one clock`,
      ...dates.slice(0, 3).map((d) => `  ${file}:${d.line}: fixed date   ${d.text}`),
      ...reads.slice(0, 3).map((r) => `  ${file}:${r.line}: real clock   ${r.text}`),
    );
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  console.error('See docs/testing.md, "Time in tests".');
  process.exit(1);
}
console.log('test clocks: no test mixes fixed dates with the real clock');
