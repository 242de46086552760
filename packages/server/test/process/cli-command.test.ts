/**
 * The CLI line of the start-up announcement: plain `slipway` when it is on PATH, else the
 * checkout's launcher by its full path (which runs from any folder) and the folder for PATH.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { test } from 'node:test';
import { cliCommand } from '../../src/cli-command.ts';

test('without slipway on PATH, the announcement names the launcher, which runs from any folder', () => {
  const cli = cliCommand(['/nonexistent', ''].join(delimiter));
  assert.match(cli.command, /\/packages\/cli\/bin\/slipway$/);
  assert.equal(cli.binDir, cli.command.replace(/\/slipway$/, ''));
  const run = spawnSync(cli.command, ['--version'], { cwd: tmpdir(), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^\d+\.\d+\.\d+/);
});

test('with a slipway on PATH (the launcher or any other), the announcement says just slipway', () => {
  const launcher = cliCommand('');
  assert.ok(launcher.binDir, 'the checkout has the launcher');
  assert.deepEqual(cliCommand(launcher.binDir), { command: 'slipway' });
  const dir = mkdtempSync(join(tmpdir(), 'slipway-path-'));
  try {
    writeFileSync(join(dir, 'slipway'), '#!/bin/sh\n', { mode: 0o755 });
    assert.deepEqual(cliCommand(['/nonexistent', dir].join(delimiter)), { command: 'slipway' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
