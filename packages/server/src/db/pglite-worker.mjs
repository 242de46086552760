/**
 * The embedded database's own thread (see pglite-thread.ts): PGlite opened on the directory it
 * is given, answering one statement at a time from the server's thread. Results and errors go
 * back by structured clone, so rows keep their Dates, byte arrays and parsed JSON; an error
 * keeps its SQLSTATE and constraint, which the stores map to Slipway's errors.
 *
 * Plain JavaScript: a worker thread starts without the TypeScript loader the server runs under.
 * The messages are pglite-thread.ts's ThreadRequest and ThreadAnswer.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const port = parentPort;
if (!port) throw new Error('pglite-worker.mjs runs as a worker thread');

/** The fields of a database error worth keeping across the thread (node-postgres names them alike). */
const errorFields = ['code', 'constraint', 'detail', 'hint', 'table', 'column', 'schema', 'position', 'severity'];

/** @param {unknown} error */
function describe(error) {
  if (!(error instanceof Error)) return { message: String(error) };
  /** @type {Record<string, unknown>} */
  const fields = {};
  for (const key of errorFields) {
    const value = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (error))[key];
    if (value !== undefined) fields[key] = value;
  }
  return { message: error.message, fields };
}

try {
  const client = await PGlite.create({ dataDir: workerData.dataDir });
  port.on('message', async (request) => {
    if (request.kind === 'close') {
      await client.close().catch(() => {});
      port.postMessage({ id: request.id });
      return;
    }
    try {
      const result = await client.query(request.sql, request.parameters);
      port.postMessage({ id: request.id, rows: result.rows, affectedRows: result.affectedRows });
    } catch (error) {
      port.postMessage({ id: request.id, error: describe(error) });
    }
  });
  port.postMessage({ id: 0 });
} catch (error) {
  port.postMessage({ id: 0, error: describe(error) });
}
