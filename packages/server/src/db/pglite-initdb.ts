/**
 * A new PGlite data directory is made by a child process, not in the server's own.
 *
 * PGlite runs initdb in a WebAssembly instance of its own, then starts the database in
 * another. The first one's memory is garbage once initdb is done, but V8 collects it only at a
 * full collection, which a server with a small heap seldom needs: measured 2026-12-07, a
 * server's first start on a new directory held 793 MB of RSS after its migrations, against
 * 458 MB when the directory was made by a child first (and 463 MB opening one that existed).
 * The child exits when initdb is done, and its memory goes with it.
 */
import { fork } from 'node:child_process';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { SlipwayError } from '@slipway/core';

/** Whether `dataDir` already holds a database (initdb writes PG_VERSION, as PGlite checks). */
export async function hasDatabase(dataDir: string): Promise<boolean> {
  return access(join(dataDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
}

/** Runs initdb into `dataDir` (an existing, empty directory) in a child process. */
export function initdbApart(dataDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./pglite-initdb.mjs', import.meta.url), [dataDir], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      execArgv: [],
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-2048);
    });
    child.on('error', (error) => reject(failed(dataDir, error.message, error)));
    child.on('exit', (code, signal) => {
      if (code === 0) return resolve();
      const why = stderr.trim() || (signal ? `initdb was stopped by ${signal}` : `initdb exited with code ${code}`);
      reject(failed(dataDir, why));
    });
  });
}

function failed(dataDir: string, why: string, cause?: unknown): SlipwayError {
  return new SlipwayError('unavailable', `Cannot create the embedded database in ${dataDir}: ${why}`, { cause });
}
