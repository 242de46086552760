/**
 * Test databases start migrated from a template made once per set of migrations, instead of
 * each running initdb and every migration again. On PGlite that is 10–25 s of CPU per database
 * on a loaded machine (initdb alone 7 s), and a test run opens over a hundred of them; a copy
 * of the migrated data directory takes about a second. On PostgreSQL a database is created
 * with `TEMPLATE`, a file copy inside the server.
 *
 * The migrations themselves stay tested from empty: the migration tests ask for fresh
 * databases, and the tour starts a server on a data directory of its own.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type pg from 'pg';
import { openDatabase } from '../../src/db/database.ts';

const run = promisify(execFile);
const repo = new URL('../../../../', import.meta.url).pathname;
const migrationsDir = join(repo, 'packages/server/src/db/migrations');

/** Names the migrations and the engine's version: a change to either makes a new template. */
async function templateKey(): Promise<string> {
  const hash = createHash('sha256');
  const pglite = JSON.parse(await readFile(join(repo, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'));
  hash.update(`pglite ${pglite.version}\n`);
  for (const file of (await readdir(migrationsDir)).sort()) {
    hash.update(`${file}\n`);
    hash.update(await readFile(join(migrationsDir, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

let keyOnce: Promise<string> | undefined;
const key = () => {
  keyOnce ??= templateKey();
  return keyOnce;
};

/** Copies a migrated PGlite data directory to `target`, which must not exist yet. */
export async function copyMigratedPglite(target: string): Promise<void> {
  const template = await pgliteTemplate();
  // cp(1) rather than fs.cp: about 1,200 small files, 4 s through fs.cp on a loaded machine, 1 s here.
  await run('cp', ['-R', template, target]);
}

async function pgliteTemplate(): Promise<string> {
  const root = join(repo, 'node_modules/.cache/slipway-pglite-template');
  const template = join(root, await key());
  await mkdir(root, { recursive: true });
  return withBuildLock(`${template}.lock`, template, async () => {
    const building = await mkdtemp(join(root, 'building-'));
    try {
      const database = await openDatabase({ engine: 'pglite', dataDir: join(building, 'data') });
      await database.close();
      // The rename is what makes the template visible, whole.
      await rename(join(building, 'data'), template);
    } finally {
      await rm(building, { recursive: true, force: true });
    }
  });
}

/**
 * Builds `result` once across every test process: the first takes the lock (a folder holding
 * its pid), the others wait until `result` exists. A lock whose process is gone is taken over.
 */
async function withBuildLock(lock: string, result: string, build: () => Promise<void>): Promise<string> {
  for (;;) {
    if (await exists(result)) return result;
    try {
      await mkdir(lock);
    } catch {
      const owner = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => ''));
      if (owner && !isAlive(owner)) await rm(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    try {
      await writeFile(join(lock, 'pid'), String(process.pid));
      if (!(await exists(result))) await build();
      return result;
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }
}

/**
 * Creates database `name` as a copy of a migrated template, through `admin`, a client connected
 * to the server's admin database at `adminUrl`.
 */
export async function createMigratedPostgres(admin: pg.Client, adminUrl: string, name: string): Promise<void> {
  const template = `slipway_template_${await key()}`;
  // One builder per server: the others wait on the lock, then find the template made.
  await admin.query('select pg_advisory_lock(hashtext($1))', [template]);
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [template]);
    if (found.rowCount === 0) await buildPostgresTemplate(admin, adminUrl, template);
  } finally {
    await admin.query('select pg_advisory_unlock(hashtext($1))', [template]);
  }
  await admin.query(`create database ${name} template ${template}`);
}

async function buildPostgresTemplate(admin: pg.Client, adminUrl: string, template: string): Promise<void> {
  // Built under another name and renamed when migrated: a run killed midway leaves no half template.
  const building = `${template}_building`;
  await admin.query(`drop database if exists ${building} with (force)`);
  await admin.query(`create database ${building}`);
  const url = new URL(adminUrl);
  url.pathname = `/${building}`;
  const database = await openDatabase({ engine: 'postgres', url: url.toString(), poolSize: 1 });
  await database.close();
  await admin.query(`alter database ${building} rename to ${template}`);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
