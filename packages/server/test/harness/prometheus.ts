import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before } from 'node:test';
import { promisify } from 'node:util';
import { testKubeConfigPath } from './cluster.ts';

const run = promisify(execFile);
const script = new URL('../../../../testbed/prometheus.sh', import.meta.url).pathname;
const stateRoot = () => process.env.SLIPWAY_STATE ?? '/tmp/slipway-state';

/** A real Prometheus of testbed/prometheus.sh, scraping the test cluster's kwok metrics. */
export interface TestPrometheus {
  /** Its base URL, e.g. http://127.0.0.1:41234. */
  url: () => string;
  /** Stops it (a Prometheus that is down); the suite's after() is then a no-op. */
  stop: () => Promise<void>;
  /**
   * Freezes its process (SIGSTOP) and resolves once every thread has stopped: connections
   * stay open but no answer comes.
   */
  freeze: () => Promise<void>;
  /** Lets a frozen one run again (SIGCONT). */
  thaw: () => void;
  /** The PEM of the CA its certificate is signed by (with `tls`). */
  ca: () => string;
}

export interface OwnPrometheusOptions {
  /** Serve HTTPS with a certificate of a CA made for it. */
  tls?: boolean;
  /** Ask every request for this user: `{ username, password }`. */
  basicAuth?: { username: string; password: string };
}

/**
 * A Prometheus of the suite's own, started before and stopped after it, scraping the cluster
 * of SLIPWAY_TEST_KUBECONFIG. For suites that stop or freeze it; others may share one
 * (useTestPrometheusUrl). Call inside a `describe`.
 */
export function useOwnPrometheus(options: OwnPrometheusOptions = {}): TestPrometheus {
  const name = `test-${randomBytes(4).toString('hex')}`;
  const dir = () => `${stateRoot()}/prometheus/${name}`;
  let url: string | undefined;
  let stopped = false;
  const pid = () => Number(readFileSync(`${dir()}/pid`, 'utf8'));
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await run('bash', [script, 'stop', name]);
  };
  before(async () => {
    url = await startPrometheus(name, {
      ...(options.tls ? { SLIPWAY_TESTBED_PROMETHEUS_TLS: '1' } : {}),
      ...(options.basicAuth
        ? { SLIPWAY_TESTBED_PROMETHEUS_BASIC_AUTH: `${options.basicAuth.username}:${options.basicAuth.password}` }
        : {}),
    });
  });
  after(async () => {
    if (url) await stop();
  });
  return {
    url: () => url ?? notReady(),
    stop,
    freeze: () => freezeProcess(pid()),
    thaw: () => process.kill(pid(), 'SIGCONT'),
    ca: () => readFileSync(`${dir()}/web/ca.crt`, 'utf8'),
  };
}

/**
 * The Prometheus a test run shares: SLIPWAY_TEST_PROMETHEUS_URL (scripts/test.sh starts it,
 * scraping SLIPWAY_TEST_KUBECONFIG's cluster), or else one of the suite's own.
 */
export function useTestPrometheusUrl(): () => string {
  const shared = process.env.SLIPWAY_TEST_PROMETHEUS_URL;
  if (shared) return () => shared;
  return useOwnPrometheus().url;
}

async function startPrometheus(name: string, env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await run('bash', [script, 'start', name], {
    env: { ...process.env, SLIPWAY_TESTBED_PROMETHEUS_KUBECONFIG: testKubeConfigPath(), ...env },
  });
  const url = stdout.trim().split('\n').at(-1);
  if (!url?.startsWith('http')) throw new Error(`testbed/prometheus.sh start printed no URL: ${stdout}`);
  return url;
}

/**
 * SIGSTOP and wait until the kernel has stopped every thread. kill() returns once the signal
 * is queued, not once it is acted on: on a loaded machine Prometheus's other threads ran on
 * for milliseconds and answered a query sent after the freeze (CI of 2026-12-05).
 */
async function freezeProcess(pid: number): Promise<void> {
  process.kill(pid, 'SIGSTOP');
  const deadline = Date.now() + 10_000;
  while (!allThreadsStopped(pid)) {
    if (Date.now() > deadline) throw new Error(`process ${pid} did not stop within 10 s of SIGSTOP`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Every thread's state in /proc is T (stopped by a signal). */
function allThreadsStopped(pid: number): boolean {
  return readdirSync(`/proc/${pid}/task`).every((tid) => {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      return true; // the thread ended between the listing and the read
    }
    // The state follows the command name, which is in parentheses and may hold spaces.
    const end = stat.lastIndexOf(')');
    return stat.slice(end + 2, end + 3) === 'T';
  });
}

function notReady(): never {
  throw new Error('the test Prometheus is not ready: use it inside a test, after before() ran');
}

/**
 * Polls an instant query until `ready` accepts its series (new pods reach Prometheus at its
 * next scrape, a few seconds); returns them.
 */
export async function queryUntil<S>(
  query: () => Promise<S[]>,
  ready: (series: S[]) => boolean,
  what: string,
  ms = 30_000,
): Promise<S[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const series = await query();
    if (ready(series)) return series;
    if (Date.now() > deadline)
      throw new Error(`${what}: not there after ${ms} ms; last answer ${JSON.stringify(series)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
