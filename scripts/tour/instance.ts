// The Slipway a tour talks to, set up as a newcomer would: a copy of the checkout in a home
// folder of its own (`~/slipway`), the README's first command run there in the background, and
// its start-up lines read until it says where it runs. Everything it makes (the local cluster,
// PostgreSQL, the state folders) lives under one scratch folder, so a tour never touches
// another instance's files, cluster or port; `stop` takes it all down.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, createWriteStream, mkdirSync, symlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface Instance {
  home: string;
  checkout: string;
  /** The scratch folder the cluster and PostgreSQL keep their files in (SLIPWAY_STATE). */
  state: string;
  port: number;
  /** What the start command printed up to "running", colour codes included. */
  startOutput: string[];
  env: NodeJS.ProcessEnv;
  server: ChildProcess;
}

/** A home folder with a copy of the checkout's files (tracked and new, as they are on disk). */
export function makeHome(repo: string, scratch: string): { home: string; checkout: string } {
  const home = join(scratch, 'home');
  const checkout = join(home, 'slipway');
  mkdirSync(checkout, { recursive: true });
  // PostgreSQL runs as its own user when started by root: it must reach its folder.
  for (const folder of [scratch, home, checkout]) chmodSync(folder, 0o755);
  execFileSync(
    'bash',
    [
      '-c',
      'git ls-files -z -co --exclude-standard | tar --null --ignore-failed-read -T - -cf - | tar -xf - -C "$1"',
      '-',
      checkout,
    ],
    {
      cwd: repo,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  // The built cluster programs: a newcomer builds them once, the tests already did.
  mkdirSync(join(home, '.cache'), { recursive: true });
  symlinkSync(process.env.SLIPWAY_CACHE ?? join(homedir(), '.cache', 'slipway'), join(home, '.cache', 'slipway'));
  return { home, checkout };
}

/** The environment of a newcomer's terminal: none of the caller's Slipway or cluster settings. */
export function newcomerEnv(home: string, state: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(SLIPWAY_|KUBECONFIG$|XDG_|npm_|INIT_CWD$|FAKETIME|LD_PRELOAD$)/.test(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    HOME: home,
    SLIPWAY_STATE: state,
    // npm's download cache stays the machine's: a fresh install, not a fresh download
    npm_config_cache: process.env.npm_config_cache ?? join(homedir(), '.npm'),
    NO_COLOR: '1',
    TERM: 'dumb',
    LANG: 'C.UTF-8',
  };
}

export async function startInstance(options: {
  checkout: string;
  home: string;
  state: string;
  port: number;
  command: string;
  log: string;
  timeoutMs: number;
}): Promise<Instance> {
  const env = newcomerEnv(options.home, options.state);
  const server = spawn('bash', ['-c', `exec ${options.command}`], {
    cwd: options.checkout,
    env: { ...env, SLIPWAY_PORT: String(options.port) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(options.log);
  const startOutput = await readUntilRunning(server, log, options.timeoutMs);
  return { ...options, env, server, startOutput };
}

/** Lines from the server's stdout and stderr until it has said where it runs and how to log in. */
async function readUntilRunning(
  server: ChildProcess,
  log: NodeJS.WritableStream,
  timeoutMs: number,
): Promise<string[]> {
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Slipway did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    let running = false;
    const take = (line: string) => {
      log.write(`${line}\n`);
      if (lines.length < 500) lines.push(line);
      if (/Slipway is running at/.test(line)) running = true;
      // The banner ends with an empty line.
      if (running && line.trim() === '') {
        clearTimeout(timer);
        resolve(lines);
      }
    };
    for (const stream of [server.stdout, server.stderr])
      if (stream) createInterface({ input: stream }).on('line', take);
    server.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the start command ended (exit ${code}) before Slipway was running; see the log`));
    });
  });
}

/** Stops the server, then the cluster and PostgreSQL it started. */
export async function stopInstance(instance: Instance, postgres: boolean): Promise<void> {
  const ended = new Promise((resolve) => instance.server.once('exit', resolve));
  try {
    if (instance.server.pid && instance.server.exitCode === null) process.kill(-instance.server.pid, 'SIGTERM');
    await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 15_000).unref())]);
  } catch {
    // already gone
  }
  const run = (script: string, args: string[], state: string) =>
    execFileSync('bash', [join(instance.checkout, script), ...args], {
      env: { ...instance.env, SLIPWAY_STATE: state },
      stdio: 'ignore',
    });
  try {
    run('testbed/cluster.sh', ['stop', 'slipway'], instance.state);
  } catch {}
  if (postgres) {
    try {
      run('testbed/postgres.sh', ['stop'], join(instance.checkout, '.slipway-postgres'));
    } catch {}
  }
}
