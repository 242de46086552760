/**
 * Real Slipway server processes as replicas: several servers on one PostgreSQL and one
 * cluster, leader election on, each with a state directory of its own and one shared key ring
 * (replicas must open each other's secrets). Each process's output (pino's JSON lines on
 * stdout, the start banner on stderr) is kept in memory and in a file, so what a SIGKILLed
 * replica said before it died can still be read. Used by the failover test
 * (packages/server/test/leader/failover.test.ts) and `npm run bench -- failover`; with no
 * Lease and a PGlite data directory, by `npm run bench -- deploy` for a server of its own.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CoordinationV1Api, KubeConfig } from '@kubernetes/client-node';
import { KeyRing } from '@slipway/server';
import { stringify } from 'yaml';

const main = new URL('../../packages/server/bin/slipway-server.mjs', import.meta.url).pathname;

export interface LeaseTiming {
  leaseDurationSeconds: number;
  renewDeadlineSeconds: number;
  retryPeriodSeconds: number;
}

export interface ReplicaSetOptions {
  /** Where config, keys, state directories and logs go. */
  dir: string;
  /** PostgreSQL; or, for a single server, `dataDir`: PGlite's data directory. */
  databaseUrl?: string;
  dataDir?: string;
  kubeconfig: string;
  /** The Lease's namespace (it must exist) and name; without `lease`, no leader election. */
  leaseNamespace?: string;
  leaseName?: string;
  lease?: LeaseTiming;
  /** Node's own flags for the server processes (e.g. `--max-old-space-size=256`). */
  nodeFlags?: string[];
  /** The environment controller's pass (schedules): short in tests. */
  controllerIntervalMs?: number;
}

/** One JSON line of a replica's log. */
export type LogLine = { msg?: string; time?: number; [key: string]: unknown };

export class Replica {
  readonly lines: LogLine[] = [];
  url = '';
  token = '';
  /** Its candidate identity for the Lease (logged at start). */
  identity = '';
  exited = false;
  readonly #child: ChildProcess;
  readonly #exit: Promise<void>;

  constructor(
    readonly name: string,
    child: ChildProcess,
    readonly logFile: string,
  ) {
    this.#child = child;
    this.#exit = new Promise((resolve) =>
      child.once('exit', () => {
        this.exited = true;
        resolve();
      }),
    );
  }

  get child(): ChildProcess {
    return this.#child;
  }

  /** SIGKILL, as a node going away: no graceful stop, the Lease left held. */
  async kill(): Promise<void> {
    if (!this.exited) this.#child.kill('SIGKILL');
    await this.#exit;
  }

  /** SIGTERM, as Kubernetes stops a pod: the server drains and exits (SIGKILL after a minute). */
  async stop(): Promise<void> {
    if (this.exited) return;
    this.#child.kill('SIGTERM');
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 60_000);
    await this.#exit;
    clearTimeout(timer);
  }

  /**
   * SIGSTOP: the process stands still, its connections and locks held, as a node that hangs.
   * From here on it takes nothing up, however long the caller takes before kill().
   */
  freeze(): void {
    if (!this.exited) this.#child.kill('SIGSTOP');
  }

  /** SIGCONT: a frozen replica goes on where it stood. */
  thaw(): void {
    if (!this.exited) this.#child.kill('SIGCONT');
  }

  /** Lines whose `msg` is `msg`. */
  said(msg: string): LogLine[] {
    return this.lines.filter((l) => l.msg === msg);
  }

  // biome-ignore lint/suspicious/noExplicitAny: JSON from the API under test
  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(`${this.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: await res.json() };
  }
}

/** Starts `count` replicas: the first alone (it migrates the database), then the rest together. */
export async function startReplicas(count: number, options: ReplicaSetOptions): Promise<Replica[]> {
  const launch = replicaLauncher(options);
  const first = await launch('r0');
  const rest = await Promise.all(Array.from({ length: count - 1 }, (_, i) => launch(`r${i + 1}`)));
  return [first, ...rest];
}

/** Writes the replicas' shared configuration and key ring; returns how to start one more. */
export function replicaLauncher(options: ReplicaSetOptions): (name: string) => Promise<Replica> {
  const config = join(options.dir, 'slipway.yaml');
  writeFileSync(
    config,
    stringify({
      ...(options.lease && {
        leaderElection: {
          enabled: true,
          namespace: options.leaseNamespace,
          leaseName: options.leaseName,
          ...options.lease,
        },
      }),
      environments: { controllerIntervalMs: options.controllerIntervalMs ?? 10_000 },
    }),
  );
  const keyFile = join(options.dir, 'secret-keys');
  writeFileSync(keyFile, KeyRing.generate(), { mode: 0o600 });
  return (name) => startReplica(name, options, config, keyFile);
}

/** Generous: a replica starts in ~3 s alone, but CI runs the benchmarks beside the tests on 2 cores. */
const startTimeoutMs = 240_000;

async function startReplica(name: string, o: ReplicaSetOptions, config: string, keyFile: string): Promise<Replica> {
  const stateDir = join(o.dir, name);
  const logFile = join(o.dir, `${name}.log`);
  // The caller's own database settings never reach the server: only the options say which.
  const { SLIPWAY_DATABASE_URL: _url, SLIPWAY_DATA_DIR: _dir, ...inherited } = process.env;
  const database = o.databaseUrl
    ? { SLIPWAY_DATABASE_URL: o.databaseUrl }
    : { SLIPWAY_DATA_DIR: o.dataDir ?? join(stateDir, 'data') };
  const child = spawn(process.execPath, [...(o.nodeFlags ?? []), main, '--config', config], {
    env: {
      ...inherited,
      ...database,
      SLIPWAY_PORT: '0',
      SLIPWAY_HOST: '127.0.0.1',
      SLIPWAY_LOG_LEVEL: 'info',
      SLIPWAY_STATE_DIR: stateDir,
      SLIPWAY_SECRET_KEY_FILE: keyFile,
      KUBECONFIG: o.kubeconfig,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const replica = new Replica(name, child, logFile);
  const file = createWriteStream(logFile);
  let banner = '';
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    file.write(chunk);
    const text = partial + chunk.toString();
    const lines = text.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        replica.lines.push(JSON.parse(line) as LogLine);
      } catch {
        // not a log line
      }
    }
  });
  child.once('exit', () => file.end());
  // A start that never ends says so, with what the replica printed, instead of leaving a
  // benchmark or test silent until its own timeout kills it.
  let timer: NodeJS.Timeout | undefined;
  await new Promise<void>((resolve, reject) => {
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      const said = replica.lines.slice(-5).map((l) => JSON.stringify(l));
      reject(
        new Error(`replica ${name} did not start within ${startTimeoutMs / 1000} s:\n${[...said, banner].join('\n')}`),
      );
    }, startTimeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      file.write(chunk);
      banner += chunk.toString();
      const match = /Slipway is running at (http:\/\/\S+)/.exec(banner);
      if (match?.[1] && !replica.url) {
        replica.url = match[1];
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`replica ${name} exited with ${code}:\n${banner.slice(-3000)}`)));
  }).finally(() => clearTimeout(timer));
  replica.token = readFileSync(join(stateDir, 'initial-admin-token'), 'utf8').trim();
  replica.identity = String(replica.said('candidate for the leader lease')[0]?.identity ?? '');
  if (o.lease && !replica.identity) throw new Error(`replica ${name} did not say its identity for the Lease`);
  return replica;
}

/** Reads who holds the Lease now (null: nobody, or no Lease yet). */
export function leaseReader(kubeconfig: string, namespace: string, name: string): () => Promise<string | null> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const api = kc.makeApiClient(CoordinationV1Api);
  return async () => {
    try {
      const lease = await api.readNamespacedLease({ name, namespace });
      return lease.spec?.holderIdentity ?? null;
    } catch {
      return null;
    }
  };
}

/** Resolves once `check` holds, looking every `everyMs`; fails after `ms`. */
export async function until<T>(
  what: string,
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  ms: number,
  everyMs = 100,
): Promise<T> {
  const deadline = performance.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The Score file of a small service whose pods take `delay` to become ready on the testbed. */
export function delayedScore(service: string, image = 'nginx:1.27', delay = '1500ms'): string {
  return `apiVersion: score.dev/v1b1
metadata:
  name: ${service}
  annotations:
    testbed.slipway.dev/delay: "${delay}"
containers:
  app:
    image: ${image}
`;
}

export const terminalStatuses = ['healthy', 'degraded', 'failed', 'superseded', 'rejected', 'expired'];
