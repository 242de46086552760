import type { Config } from '../../src/config/schema.ts';

/**
 * The configuration of a server started in the test's own process (main.ts's `start`). Its
 * stop exits the process when it outlasts `server.shutdownGraceMs` (10 s): the right end for a
 * stuck server under a supervisor, but here the process is the test runner's, and a stop slowed
 * by a loaded machine ended a test file with exit code 1 and no word (CI, 2026-12-06). Two
 * minutes here.
 */
export function inTestProcess(config: Config): Config {
  return { ...config, server: { ...config.server, shutdownGraceMs: 120_000 } };
}
