#!/usr/bin/env node
// Runs every test file of the repository with Node's test runner (bundled, see bundleTests), shows the
// spec report, and ends with one line `N passed, N failed` that CI reads.
// Usage: node scripts/run-tests.mjs [path-filter ...]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { sourceFiles, workspaceOnly } from './bundle-cache.mjs';

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
const bundled = process.env.SLIPWAY_TEST_BUNDLE !== '0' ? await bundleTests(files) : null;

/**
 * Each test file runs from a bundle of it and the sources it imports, made with esbuild in one
 * build (~15 s for all): a test process then starts with about half the CPU it takes through
 * tsx's loader (which hooks every import, node_modules' too), and a run starts 200 of them.
 * Packages from npm stay imports; `import.meta.url` keeps naming the source file.
 * SLIPWAY_TEST_BUNDLE=0 runs the sources through tsx instead.
 */
async function bundleTests(testFiles) {
  const started = performance.now();
  // A folder per run (CI runs two at once), inside the checkout, where node_modules is found,
  // named for the run's process: one left by a run that was killed is removed by the next.
  const caches = join(root, 'node_modules', '.cache');
  mkdirSync(caches, { recursive: true });
  for (const entry of readdirSync(caches)) {
    const owner = Number(/^slipway-tests-(\d+)-/.exec(entry)?.[1]);
    if (owner && !isAlive(owner)) rmSync(join(caches, entry), { recursive: true, force: true });
  }
  const outdir = mkdtempSync(join(caches, `slipway-tests-${process.pid}-`));
  process.on('exit', () => rmSync(outdir, { recursive: true, force: true }));
  const { build } = await import('esbuild');
  await build({
    absWorkingDir: root,
    entryPoints: testFiles,
    outdir,
    outbase: root,
    outExtension: { '.js': '.mjs' },
    // Not split into shared chunks: esbuild may then run modules out of their import order, and
    // tests rely on it (templates/git-tls-off.ts sets the environment the git module copies).
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The maps point at the sources on disk rather than carrying them: 226 MB instead of 434.
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
    plugins: [workspaceOnly, sourceFiles()],
  });
  console.log(`bundled ${testFiles.length} test files in ${Math.round(performance.now() - started)} ms`);
  return new Map(testFiles.map((f) => [f, join(outdir, f.replace(/\.ts$/, '.mjs'))]));
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Runs files with Node's test runner; resolves to its exit code and the TAP report's path. */
function runLane(name, laneFiles, concurrency, output) {
  const tap = join(reports, `${name}.tap`);
  const loader = bundled ? ['--enable-source-maps'] : ['--import', 'tsx'];
  const child = spawn(
    process.execPath,
    [
      ...loader,
      '--test',
      `--test-concurrency=${concurrency}`,
      '--test-reporter=spec',
      `--test-reporter-destination=${output}`,
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...laneFiles.map((f) => bundled?.get(f) ?? f),
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
