import { randomUUID } from 'node:crypto';
import { type Database, openDatabase } from '@slipway/server';
import { withAdminClient } from '../../packages/server/test/harness/databases.ts';
import { createMigratedPostgres } from '../../packages/server/test/harness/migrated-template.ts';

/** The PostgreSQL server benchmarks may use: SLIPWAY_BENCH_DATABASE_URL, else the test run's. */
export const benchPostgresUrl = (): string | undefined =>
  process.env.SLIPWAY_BENCH_DATABASE_URL ?? process.env.SLIPWAY_TEST_POSTGRES_URL;

/**
 * A database of the benchmark's own on the server at `adminUrl`, dropped afterwards; `open`
 * opens it again (a second replica on the same data). It starts as a copy of the tests'
 * migrated template: what is measured begins after the migrations, and a smoke run beside the
 * test suite need not run them again.
 */
export async function postgresDatabase(
  adminUrl: string,
  bench: string,
): Promise<{ database: Database; open: () => Promise<Database>; drop: () => Promise<void> }> {
  const { url, drop } = await postgresDatabaseUrl(adminUrl, bench);
  const open = () => openDatabase({ engine: 'postgres', url });
  return { database: await open(), open, drop };
}

/** The same database, for a server started as a process of its own: its URL, and how to drop it. */
export async function postgresDatabaseUrl(
  adminUrl: string,
  bench: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `slipway_bench_${bench}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await withAdminClient(adminUrl, (client) => createMigratedPostgres(client, adminUrl, name));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await withAdminClient(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}
