/**
 * Runs one test body against every database engine Slipway supports, in the spirit of
 * Backstage's TestDatabases: each suite gets a database of its own, created before and
 * destroyed after, so suites never see each other's rows and can run in parallel.
 *
 * PostgreSQL comes from SLIPWAY_TEST_POSTGRES_URL (an admin URL, see testbed/postgres.sh).
 * Without it the PostgreSQL suites fail rather than skip: a green run must mean both engines.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { SlipwayError } from '@slipway/core';
import pg from 'pg';
import { type Database, type DatabaseConfig, type OpenDatabaseOptions, openDatabase } from '../../src/db/database.ts';
import { describePostgresUrl, unreachable } from '../../src/db/postgres-target.ts';
import { copyMigratedPglite, createMigratedPostgres } from './migrated-template.ts';

export type TestEngine = 'pglite' | 'postgres';

export const testEngines: Array<TestEngine> = ['pglite', 'postgres'];

/** A database made for one suite: how to open it, and how to get rid of it. */
export interface ProvisionedDatabase {
  config: DatabaseConfig;
  /** PostgreSQL only: the name of the database created for the suite. */
  name?: string;
  dispose(): Promise<void>;
}

export interface TestDatabaseContext {
  engine: TestEngine;
  provisioned(): ProvisionedDatabase;
  /** Closes the suite's database and opens the same data again; getDb() then returns the new handle. */
  reopen(options?: OpenDatabaseOptions): Promise<Database>;
}

export interface ProvisionOptions {
  /**
   * Start from a copy of a migrated template (harness/migrated-template.ts) rather than empty.
   * Suites of describeEachDatabase do unless they ask for `fresh`.
   */
  migrated?: boolean;
}

export function describeEachDatabase(
  title: string,
  body: (getDb: () => Database, context: TestDatabaseContext) => void,
  options: {
    /** An empty database, migrated by the first open (the migration tests). */
    fresh?: boolean;
  } = {},
): void {
  for (const engine of testEngines) {
    describe(`${title} [${engine}]`, () => {
      let provisioned: ProvisionedDatabase | undefined;
      let current: Database | undefined;
      before(async () => {
        provisioned = await provisionTestDatabase(engine, { migrated: !options.fresh });
        current = await openDatabase(provisioned.config);
      });
      after(async () => {
        await current?.close();
        await provisioned?.dispose();
      });
      const getDb = () => current ?? notReady(title, engine);
      body(getDb, {
        engine,
        provisioned: () => provisioned ?? notReady(title, engine),
        reopen: async (options) => {
          const config = (provisioned ?? notReady(title, engine)).config;
          await current?.close();
          current = undefined;
          current = await openDatabase(config, options);
          return current;
        },
      });
    });
  }
}

/** Creates a database for one suite: empty (not yet migrated) unless `migrated` is asked. */
export async function provisionTestDatabase(
  engine: TestEngine,
  options: ProvisionOptions = {},
): Promise<ProvisionedDatabase> {
  return engine === 'pglite' ? provisionPglite(options) : provisionPostgres(postgresAdminUrl(), options);
}

/**
 * An embedded database of its own, migrated, for a test that needs no PostgreSQL twin; its
 * folder goes when it is closed.
 */
export async function openTestPglite(): Promise<Database> {
  const provisioned = await provisionPglite({ migrated: true });
  const database = await openDatabase(provisioned.config);
  return {
    ...database,
    close: async () => {
      await database.close();
      await provisioned.dispose();
    },
  };
}

/** The admin URL of the test server; fails with instructions when it is not configured. */
export function postgresAdminUrl(): string {
  const url = process.env.SLIPWAY_TEST_POSTGRES_URL;
  if (url) return url;
  throw new SlipwayError(
    'invalid_config',
    'SLIPWAY_TEST_POSTGRES_URL is not set, so the PostgreSQL half of the database tests cannot run. ' +
      'Start a server with `bash testbed/postgres.sh start`, then run the tests with ' +
      'SLIPWAY_TEST_POSTGRES_URL=$(bash testbed/postgres.sh url)',
  );
}

/** Runs statements on the server's admin database, for creating and dropping test databases. */
export async function withAdminClient<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    const cause = unreachable(describePostgresUrl(adminUrl), error);
    throw new SlipwayError('unavailable', `SLIPWAY_TEST_POSTGRES_URL: ${cause.message}`, {
      hint: 'Is the test server running? `bash testbed/postgres.sh start` starts it.',
    });
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function provisionPglite(options: ProvisionOptions): Promise<ProvisionedDatabase> {
  const root = await mkdtemp(join(tmpdir(), 'slipway-test-'));
  // Unless migrated, a path that does not exist yet: opening must create it.
  if (options.migrated) await copyMigratedPglite(join(root, 'data'));
  return {
    config: { engine: 'pglite', dataDir: join(root, 'data') },
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}

async function provisionPostgres(adminUrl: string, options: ProvisionOptions): Promise<ProvisionedDatabase> {
  const name = `slipway_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(adminUrl, async (c) => {
    if (options.migrated) await createMigratedPostgres(c, adminUrl, name);
    else await c.query(`create database ${name}`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    config: { engine: 'postgres', url: url.toString(), poolSize: 4 },
    name,
    // FORCE ends connections a failed test may have left open, so the drop cannot hang.
    dispose: () =>
      withAdminClient(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => {}),
  };
}

function notReady(title: string, engine: TestEngine): never {
  throw new SlipwayError(
    'internal',
    `The ${engine} database of "${title}" is not open: use it inside a test, not at load time`,
  );
}
