import type { Database } from '@slipway/server';
import { openTestPglite } from '../../packages/server/test/harness/databases.ts';

/**
 * The embedded database a benchmark measures on: a data directory of its own (as a server's
 * default is), copied from the tests' migrated template and removed when closed. Opening an
 * empty one costs initdb and every migration, 10–25 CPU-s, which is most of a benchmark's
 * smoke run; and `memory://` kept initdb's ~500 MB in the server's RSS, which no server on
 * a data directory carries.
 */
export const openBenchPglite = (): Promise<Database> => openTestPglite();
