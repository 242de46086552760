/**
 * Opens Slipway's database: embedded PGlite (the default, data in a directory) or a real
 * PostgreSQL server (production, shared by replicas). Both speak PostgreSQL, so the schema,
 * the migrations and every query are the same; only the connection differs.
 */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { SlipwayError } from '@slipway/core';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from './migrations/index.ts';
import { PgliteAutovacuum, type TableUpkeep } from './pglite-autovacuum.ts';
import { PgliteDialect } from './pglite-dialect.ts';
import { hasDatabase, initdbApart } from './pglite-initdb.ts';
import { EventLoopTurnsDialect } from './pglite-turns.ts';
import { guardedPool } from './pool-guard.ts';
import { describePostgresUrl, type PostgresTarget, unreachable } from './postgres-target.ts';
import { type PubSub, postgresPubSub } from './pubsub.ts';
import type { Schema } from './schema.ts';
import { postgresSessionLocks, type SessionLocks } from './session-locks.ts';
import { TableWrites } from './table-writes.ts';

export type DatabaseConfig =
  /** `dataDir: 'memory://'` keeps everything in memory, gone on close. */
  { engine: 'pglite'; dataDir: string } | { engine: 'postgres'; url: string; poolSize?: number };

export interface Database {
  readonly engine: 'pglite' | 'postgres';
  readonly db: Kysely<Schema>;
  /** A round trip to the server, for health checks; `migration` is the newest applied one. */
  ping(): Promise<{ latencyMs: number; serverVersion: string; migration: string | null }>;
  /** Releases every connection (PostgreSQL) or the engine itself (PGlite). Safe to call twice. */
  close(): Promise<void>;
  /** Messages between replicas (LISTEN/NOTIFY); null on PGlite, which has no other replica. */
  readonly pubsub: PubSub | null;
  /** Tells this process's caches that a query wrote to their tables. */
  readonly writes: TableWrites;
  /** Locks that end with this process's session (advisory locks); null on PGlite, one process. */
  readonly locks: SessionLocks | null;
  /**
   * PGlite: vacuums and analyzes the tables due now, as its own autovacuum does every minute
   * (pglite-autovacuum.ts); answers what it did. PostgreSQL: nothing, its autovacuum does it.
   */
  upkeep(): Promise<TableUpkeep[]>;
}

export interface OpenDatabaseOptions {
  /** Run pending migrations before returning (default true). */
  migrate?: boolean;
}

const defaultPoolSize = 10;
// Long enough for a slow network and a busy pool, short enough that a request whose database
// is gone fails within seconds (503) instead of hanging, and start-up fails instead of waiting.
const connectTimeoutMs = 5_000;

/** A Kysely instance and how to let go of what lies beneath it. */
interface Opened {
  db: Kysely<Schema>;
  writes: TableWrites;
  pubsub?: PubSub;
  locks?: SessionLocks;
  autovacuum?: PgliteAutovacuum;
  release(): Promise<void>;
}

export async function openDatabase(config: DatabaseConfig, options: OpenDatabaseOptions = {}): Promise<Database> {
  const opened = config.engine === 'pglite' ? await openPglite(config.dataDir) : await openPostgres(config);
  const database = wrap(config.engine, opened);
  const db = opened.db;
  if (options.migrate ?? true) {
    try {
      await migrateToLatest(db as unknown as Kysely<unknown>);
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return database;
}

async function openPglite(dataDir: string): Promise<Opened> {
  // PGlite creates the last directory of the path but not its parents.
  if (dataDir !== 'memory://') {
    await mkdir(dataDir, { recursive: true }).catch((error: unknown) => {
      throw new SlipwayError('unavailable', `Cannot create the data directory ${dataDir}: ${messageOf(error)}`, {
        cause: error,
      });
    });
    // initdb's memory would stay in this process until a full collection (pglite-initdb.ts).
    if (!(await hasDatabase(dataDir))) await initdbApart(dataDir);
  }
  try {
    // btree_gin: the catalog's index on kind and tags together (migration 0035). Loading it
    // costs nothing measurable at start; a database holding that index cannot open without it.
    const client = await PGlite.create({ dataDir, extensions: { btree_gin } });
    const release = async () => {
      if (!client.closed) await client.close();
    };
    const writes = new TableWrites();
    const db = new Kysely<Schema>({ dialect: new EventLoopTurnsDialect(new PgliteDialect(client)), plugins: [writes] });
    return { db, writes, release, autovacuum: new PgliteAutovacuum(db) };
  } catch (error) {
    throw new SlipwayError('unavailable', `Cannot open the embedded database in ${dataDir}: ${messageOf(error)}`, {
      hint: 'Only one Slipway process at a time may use a PGlite data directory.',
      cause: error,
    });
  }
}

async function openPostgres(config: { url: string; poolSize?: number }): Promise<Opened> {
  const target = describePostgresUrl(config.url);
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize ?? defaultPoolSize,
    connectionTimeoutMillis: connectTimeoutMs,
    application_name: 'slipway',
    // A peer gone without a word (a partition, a node lost) is noticed, not waited on forever.
    keepAlive: true,
  });
  // An idle connection that drops (server restart, network) is removed from the pool and
  // reported here; without a listener Node would crash. The next query reconnects or fails.
  pool.on('error', () => {});
  // A connection that breaks while checked out (mid-query) fails that query, and the client
  // also emits 'error', which the pool listens for only on idle ones: without this listener
  // a PostgreSQL restart during a request would crash the process.
  pool.on('connect', (client) => client.on('error', () => {}));
  await probe(pool, target);
  const release = async () => {
    if (!pool.ended) await pool.end();
  };
  const writes = new TableWrites();
  const db = new Kysely<Schema>({
    dialect: new PostgresDialect({ pool: guardedPool(pool, target) }),
    plugins: [writes],
  });
  return { db, writes, release, pubsub: postgresPubSub(pool), locks: postgresSessionLocks(pool) };
}

/** Connects once so that a wrong URL fails at start-up, not at the first request. */
async function probe(pool: pg.Pool, target: PostgresTarget): Promise<void> {
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw unreachable(target, error);
  }
}

function wrap(engine: Database['engine'], { db, writes, release, pubsub, locks, autovacuum }: Opened): Database {
  let closed: Promise<void> | undefined;
  autovacuum?.start();
  return {
    engine,
    db,
    writes,
    pubsub: pubsub ?? null,
    locks: locks ?? null,
    ping: () => ping(db),
    upkeep: () => autovacuum?.pass() ?? Promise.resolve([]),
    // Kysely only tears down a driver it has used, so release the pool or engine ourselves too.
    // Subscriptions hold connections of the pool, which cannot end before they are given back.
    close: () => {
      closed ??= Promise.all([pubsub?.close(), locks?.close(), autovacuum?.stop()])
        .then(() => db.destroy())
        .then(release);
      return closed;
    },
  };
}

async function ping(db: Kysely<Schema>): ReturnType<Database['ping']> {
  try {
    const started = performance.now();
    const { rows } = await sql<{ version: string; migrated: boolean }>`
      select current_setting('server_version') as version, to_regclass('kysely_migration') is not null as migrated
    `.execute(db);
    const latencyMs = Math.round((performance.now() - started) * 100) / 100;
    const migration = rows[0]?.migrated ? await latestAppliedMigration(db) : null;
    return { latencyMs, serverVersion: rows[0]?.version ?? 'unknown', migration };
  } catch (error) {
    if (error instanceof SlipwayError) throw error; // already says what (pool-guard.ts)
    throw new SlipwayError('unavailable', `The database did not answer: ${messageOf(error)}`, { cause: error });
  }
}

async function latestAppliedMigration(db: Kysely<Schema>): Promise<string | null> {
  // Collation "C" sorts like the migrator does (code points), whatever the database's locale.
  const { rows } = await sql<{ name: string }>`
    select name from kysely_migration order by name collate "C" desc limit 1
  `.execute(db);
  return rows[0]?.name ?? null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
