/**
 * `scripts/move-database.sh --from <PGlite data dir> --to <PostgreSQL URL> [--replace]`:
 * moves a stopped Slipway's PGlite database into PostgreSQL (see moveDatabase). It holds the
 * source's state-directory lock while it works, so it refuses while a server runs on that data
 * and no server can start on it half-way.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SlipwayError } from '@slipway/core';
import { lockStateDir } from '../config/state-dir.ts';
import { type Database, openDatabase } from './database.ts';
import { moveDatabase } from './move.ts';
import { hasDatabase } from './pglite-initdb.ts';
import { describePostgresUrl } from './postgres-target.ts';

const usage =
  'usage: scripts/move-database.sh --from <PGlite data dir> --to <postgres://…> [--replace] [--state-dir <dir>]';

export async function runMove(argv: string[], now: () => Date = () => new Date()): Promise<string> {
  const { values } = parseArgs({
    args: argv,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      replace: { type: 'boolean', default: false },
      'state-dir': { type: 'string' },
    },
  });
  if (!values.from || !values.to) throw new SlipwayError('invalid_input', `--from and --to are required; ${usage}`);
  const dataDir = resolve(values.from);
  // Opening a missing directory would create an empty database and "move" nothing.
  if (!(await hasDatabase(dataDir))) {
    throw new SlipwayError('invalid_input', `${dataDir} holds no PGlite database; --from names the data directory`);
  }
  // The source server's state directory: its data dir's parent unless it was given another.
  const unlock = lockStateDir(resolve(values['state-dir'] ?? resolve(dataDir, '..')), now);
  let from: Database | undefined;
  let to: Database | undefined;
  try {
    from = await openDatabase({ engine: 'pglite', dataDir });
    to = await openDatabase({ engine: 'postgres', url: values.to, poolSize: 2 });
    const started = performance.now();
    const result = await moveDatabase(from, to, { replace: values.replace });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const lines = result.tables.filter((t) => t.rows > 0).map((t) => `  ${t.table.padEnd(24)} ${t.rows}`);
    const database = decodeURIComponent(new URL(values.to).pathname.slice(1)) || 'postgres';
    const target = `${describePostgresUrl(values.to).address}/${database}`;
    return [
      `Moved ${result.totalRows} rows in ${result.tables.length} tables from ${dataDir} to ${target} ` +
        `(schema ${result.migration}) in ${seconds} s; row counts match:`,
      ...lines,
      'Start Slipway with SLIPWAY_DATABASE_URL set to the target and the same key ring (SLIPWAY_SECRET_KEYS or its key file).',
    ].join('\n');
  } finally {
    await to?.close();
    await from?.close();
    unlock();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runMove(process.argv.slice(2)).then(
    (report) => console.log(report),
    (error: unknown) => {
      const hint = error instanceof SlipwayError && error.hint ? `\n${error.hint}` : '';
      console.error(`move-database: ${error instanceof Error ? error.message : String(error)}${hint}`);
      process.exitCode = 1;
    },
  );
}
