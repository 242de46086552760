import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SlipwayError } from '@slipway/core';
import type { Config } from './schema.ts';

type Env = Record<string, string | undefined>;

/**
 * The one directory where an instance writes what it generates: the first-login files, the
 * default key ring, the catalog cache and its lock. It is what the instance was given
 * (`stateDir`, `SLIPWAY_STATE_DIR`), else a default decided by the database alone, never by the
 * folder the server was started from — two servers started from one checkout on two databases
 * would otherwise overwrite each other's admin files and share a key ring:
 * - PGlite in a directory: that directory's parent (`.slipway` for `.slipway/data`);
 * - PostgreSQL: `$XDG_STATE_HOME/slipway/postgres-HOST-PORT-DATABASE` (`~/.local/state/…`);
 * - PGlite in memory: `slipway-memory-PID` in the temporary directory (the data dies with the process).
 */
export function stateDirFor(config: Config, env: Env = process.env): string {
  if (config.stateDir) return resolve(config.stateDir);
  const { database } = config;
  if (database.engine === 'pglite' && !database.dataDir.startsWith('memory://')) return resolve(database.dataDir, '..');
  if (database.engine === 'pglite') return join(tmpdir(), `slipway-memory-${process.pid}`);
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'slipway', postgresDirName(database.url));
}

/** `postgres-HOST-PORT-DATABASE`, from the URL: the same database gives the same name. */
function postgresDirName(url: string): string {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres';
  const name = `postgres-${parsed.hostname}-${parsed.port || '5432'}-${database}`;
  return name.replaceAll(/[^A-Za-z0-9._-]/g, '_');
}

interface LockHolder {
  pid: number;
  startedAt: string;
}

const lockName = 'server.lock';
/** Lock files this process holds: a lock naming our pid that is not among them was left by an
 * earlier process that had the same pid (in a container every start is pid 1). */
const held = new Set<string>();

/**
 * Takes the state directory for this process, or refuses with who holds it. A lock whose
 * process is gone (a crash, a kill -9) is taken over. Returns the function that lets it go.
 */
export function lockStateDir(dir: string, now: () => Date): () => void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, lockName);
  const holder: LockHolder = { pid: process.pid, startedAt: now().toISOString() };
  // Two tries: the second after removing a lock whose process is gone.
  for (let attempt = 0; attempt < 2; attempt++) {
    const taken = tryCreate(file, holder);
    if (taken) {
      held.add(file);
      return () => release(file);
    }
    const current = readHolder(file);
    if (current && isAlive(current.pid, file)) throw inUse(dir, file, current);
    rmSync(file, { force: true });
  }
  throw inUse(dir, file, readHolder(file));
}

function tryCreate(file: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify(holder)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readHolder(file: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, startedAt: String(parsed.startedAt ?? '') } : null;
  } catch {
    return null; // half-written or unreadable: treated as left behind
  }
}

function isAlive(pid: number, file: string): boolean {
  if (pid === process.pid) return held.has(file);
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by someone else
  }
}

/** Removes the lock if it is still this process's (a takeover after a pause must not be undone). */
function release(file: string): void {
  if (!held.delete(file)) return;
  if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
}

function inUse(dir: string, file: string, holder: LockHolder | null): SlipwayError {
  const who = holder ? `process ${holder.pid}, started ${holder.startedAt}` : 'another process';
  return new SlipwayError('state_dir_in_use', `Another Slipway server (${who}) is using the state directory ${dir}`, {
    hint:
      'Stop that server first, or give this one a state directory of its own (stateDir in the configuration, ' +
      `or SLIPWAY_STATE_DIR). If no such server runs, delete ${file}.`,
  });
}
