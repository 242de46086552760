import { randomUUID } from 'node:crypto';
import { type Database, openDatabase } from '@slipway/server';
import { sql } from 'kysely';

/** The PostgreSQL server benchmarks may use: SLIPWAY_BENCH_DATABASE_URL, else the test run's. */
export const benchPostgresUrl = (): string | undefined =>
  process.env.SLIPWAY_BENCH_DATABASE_URL ?? process.env.SLIPWAY_TEST_POSTGRES_URL;

/**
 * A database of the benchmark's own on the server at `adminUrl`, dropped afterwards; `open`
 * opens it again (a second replica on the same data).
 */
export async function postgresDatabase(
  adminUrl: string,
  bench: string,
): Promise<{ database: Database; open: () => Promise<Database>; drop: () => Promise<void> }> {
  const admin = await openDatabase({ engine: 'postgres', url: adminUrl, poolSize: 1 }, { migrate: false });
  const name = `slipway_bench_${bench}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await sql.raw(`create database ${name}`).execute(admin.db);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const open = () => openDatabase({ engine: 'postgres', url: url.toString() });
  return {
    database: await open(),
    open,
    drop: async () => {
      await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
      await admin.close();
    },
  };
}
