/**
 * The CLI runs from its sources through a bundle made on first use (scripts/bundle-cache.mjs):
 * several first runs at once all work, later runs reuse the bundle, and a changed source makes
 * a new one. In a cache folder of the test's own (SLIPWAY_CLI_CACHE_DIR).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cliBin, runProgram, tempDir } from './harness.ts';

const work = tempDir('bundle-cache');
// Inside the checkout, as the real one: the bundle finds packages from npm in its node_modules.
const caches = fileURLToPath(new URL('../../../node_modules/.cache/', import.meta.url));
mkdirSync(caches, { recursive: true });
const cache = mkdtempSync(join(caches, 'slipway-cli-test-'));
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

after(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
});

const version = () =>
  runProgram(process.execPath, [cliBin, '--version'], {
    configDir: join(work, 'config'),
    env: { SLIPWAY_CLI_CACHE_DIR: cache },
  });
const bundles = () => readdirSync(cache).filter((f) => /^cli-[0-9a-f]{16}\.mjs$/.test(f));

test('first runs at once share one bundle; a later run reuses it; a touched source makes a new one', async () => {
  const first = await Promise.all([version(), version(), version()]);
  for (const r of first) assert.equal(r.code, 0, r.stderr);
  assert.equal(new Set(first.map((r) => r.stdout)).size, 1);
  assert.match(first[0]?.stdout ?? '', /^\d+\.\d+\.\d+/);
  const [made] = bundles();
  assert.ok(made, 'a bundle was made');
  assert.deepEqual(bundles(), [made]);
  const inputs = JSON.parse(readFileSync(join(cache, 'inputs.json'), 'utf8')) as string[];
  assert.ok(inputs.includes(main), 'the CLI entry is among the inputs');
  assert.ok(
    inputs.some((f) => f.includes('/packages/core/src/')),
    'core is bundled in',
  );
  // Packages from npm are bundled in; npm's record of the install stands for their files.
  assert.deepEqual(
    inputs.filter((f) => f.includes('/node_modules/')),
    [fileURLToPath(new URL('../../../node_modules/.package-lock.json', import.meta.url))],
  );
  assert.doesNotMatch(readFileSync(join(cache, made), 'utf8'), /from ["']commander["']/, 'commander is bundled in');

  const madeAt = statSync(join(cache, made)).mtimeMs;
  assert.equal((await version()).code, 0);
  assert.deepEqual(bundles(), [made]);
  assert.equal(statSync(join(cache, made)).mtimeMs, madeAt, 'reused, not made again');

  // Same content, a new change time: as after an edit or a checkout.
  const { atime, mtime } = statSync(main);
  utimesSync(main, atime, new Date(mtime.getTime() + 1000));
  try {
    const again = await version();
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout, first[0]?.stdout);
    const [remade] = bundles();
    assert.ok(remade && remade !== made, `a new bundle replaced ${made}`);
    assert.deepEqual(bundles(), [remade]);
  } finally {
    utimesSync(main, atime, mtime);
  }
});
