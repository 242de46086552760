/**
 * A PostgreSQL server of the test's own (testbed/postgres.sh under a fresh state directory),
 * for tests that stop and start it: the shared test server must never be touched.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const script = new URL('../../../../testbed/postgres.sh', import.meta.url).pathname;
const run = promisify(execFile);

export interface OwnPostgres {
  /** The superuser URL of the server's `postgres` database. */
  url: string;
  stop(): Promise<void>;
  /** Starts it again on the same data and port. */
  start(): Promise<void>;
  /** Stops it and deletes its files. */
  dispose(): Promise<void>;
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const state = await mkdtemp(join(tmpdir(), 'slipway-own-pg-'));
  // Run as root, the script hands the server to the postgres user, who must reach the folder.
  await chmod(state, 0o755);
  const call = async (command: 'start' | 'stop') => {
    const { stdout } = await run('bash', [script, command], { env: { ...process.env, SLIPWAY_STATE: state } });
    return stdout.trim().split('\n').at(-1) ?? '';
  };
  const url = await call('start');
  return {
    url,
    stop: async () => void (await call('stop')),
    start: async () => {
      const again = await call('start');
      if (again !== url) throw new Error(`PostgreSQL came back at another address: ${again}, not ${url}`);
    },
    dispose: async () => {
      await call('stop');
      await rm(state, { recursive: true, force: true });
    },
  };
}
