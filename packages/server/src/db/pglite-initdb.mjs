/**
 * Creates a new PGlite data directory (initdb) and exits: `node pglite-initdb.mjs DIR`.
 * See pglite-initdb.ts for why this runs in a process of its own.
 *
 * Plain JavaScript, started without tsx or the server's flags: it needs nothing but PGlite.
 */
import { PGlite } from '@electric-sql/pglite';

const dataDir = process.argv[2];
try {
  if (!dataDir) throw new Error('usage: pglite-initdb.mjs DATA_DIR');
  const client = await PGlite.create({ dataDir });
  await client.close();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
