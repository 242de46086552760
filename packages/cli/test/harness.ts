/**
 * Test harness: a real Slipway server started in this process (PGlite in a temporary
 * directory, a free port), and the real CLI spawned as a child process against it, exactly
 * as a person would run it.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { createToken, ensureGlobalRole, ensureUser, loadConfig, type Schema, start } from '@slipway/server';
import type { Kysely } from 'kysely';
import { closedPort } from '../../server/test/harness/closed-port.ts';
import { inTestProcess } from '../../server/test/harness/in-process.ts';
import { copyMigratedPglite } from '../../server/test/harness/migrated-template.ts';

// A port nothing listens on, for tests of an unreachable server.
export { closedPort };

export const cliBin = fileURLToPath(new URL('../bin/slipway.mjs', import.meta.url));

export interface TestServer {
  url: string;
  /** The first admin token, read from the file the server writes on its first start. */
  adminToken: string;
  /** The first admin's password, from the file written beside the token's. */
  adminPassword: string;
  /**
   * A token of another user (made on first use), for what one person may not do alone, e.g.
   * approve. The user is a global admin unless `admin` is false: then they hold no role at all.
   */
  tokenFor(username: string, options?: { admin?: boolean }): Promise<string>;
  /** The server's database, for rows a test needs that no API writes (PGlite allows one opener). */
  db(): Kysely<Schema>;
  stop(): Promise<void>;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `slipway-cli-${label}-`));
}

export interface ServerOptions {
  kubeconfig: string;
  namespacePrefix?: string;
  /** Let the catalog and templates use file:// repositories (a bare repository in a temp dir). */
  allowFileUrls?: boolean;
  /** The built web portal to serve (browser tests). */
  portalDir?: string;
  /** github.webhookSecret: the pull_request webhook answers only events signed with it. */
  githubWebhookSecret?: string;
  /** kubernetes.prometheus.url: the metrics source. */
  prometheusUrl?: string;
  /** provisioners.files: the platform's provisioner files (watched for changes). */
  provisionerFiles?: string[];
  /** More settings as environment variables (SLIPWAY_CATALOG_ALLOWED_HOSTS…). */
  env?: Record<string, string>;
}

/**
 * Starts the server as `node packages/server/src/main.ts` would, with a throwaway database: a
 * copy of a migrated one (the first start of an empty folder is the tour's and the process
 * tests'), which spares each server initdb and the migrations.
 */
export async function startServer(options: ServerOptions): Promise<TestServer> {
  const dir = tempDir('server');
  await copyMigratedPglite(join(dir, 'data'));
  const tokenFile = join(dir, 'initial-admin-token');
  const config = loadConfig({
    env: {
      SLIPWAY_DATA_DIR: join(dir, 'data'),
      SLIPWAY_ADMIN_TOKEN_FILE: tokenFile,
      SLIPWAY_LOG_LEVEL: 'silent',
      SLIPWAY_PORT: '0',
      KUBECONFIG: options.kubeconfig,
      ...(options.namespacePrefix ? { SLIPWAY_NAMESPACE_PREFIX: options.namespacePrefix } : {}),
      ...(options.portalDir ? { SLIPWAY_PORTAL_DIR: options.portalDir } : {}),
      ...(options.githubWebhookSecret ? { SLIPWAY_GITHUB_WEBHOOK_SECRET: options.githubWebhookSecret } : {}),
      ...(options.prometheusUrl ? { SLIPWAY_PROMETHEUS_URL: options.prometheusUrl } : {}),
      ...(options.provisionerFiles ? { SLIPWAY_PROVISIONERS: options.provisionerFiles.join(':') } : {}),
      ...options.env,
    },
  });
  // No environment variable turns file:// on: it reads the server's own disk (tests only).
  // Test repositories live under the temporary folder.
  if (options.allowFileUrls) config.catalog = { ...config.catalog, allowFileUrls: true, fileRoots: [tmpdir()] };
  const server = await start(inTestProcess(config));
  const tokens = new Map<string, string>();
  return {
    url: server.url,
    adminToken: readFileSync(tokenFile, 'utf8').trim(),
    adminPassword: readFileSync(join(dir, 'initial-admin-password'), 'utf8').trim(),
    tokenFor: async (username, { admin = true } = {}) => {
      let token = tokens.get(username);
      if (!token) {
        // The server runs in this process: its database is at hand (PGlite allows one opener).
        const db = server.app.deps.database.db;
        const user = await ensureUser(db, username);
        if (admin) await ensureGlobalRole(db, username, 'admin', 'test');
        token = (await createToken(db, { userId: user.id, name: 'test', scopes: ['read', 'write'] })).secret;
        tokens.set(username, token);
      }
      return token;
    },
    db: () => server.app.deps.database.db,
    stop: async () => {
      await server.stop('test');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs `node packages/cli/bin/slipway.mjs ARGS` with a clean environment (so the developer's
 * own SLIPWAY_* variables cannot leak in) and its own config directory.
 */
export function runCli(args: readonly string[], options: RunOptions): Promise<CliResult> {
  return runProgram(process.execPath, [cliBin, ...args], options);
}

export interface RunOptions {
  configDir: string;
  env?: Record<string, string>;
  input?: string;
  cwd?: string;
}

/** Runs a program (the CLI, its launcher, npm) the way runCli runs the CLI, for up to 60 s. */
export function runProgram(file: string, args: readonly string[], options: RunOptions): Promise<CliResult> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: options.configDir,
    SLIPWAY_CONFIG_DIR: options.configDir,
    ...options.env,
  };
  const child = spawn(file, args, {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdin.end(options.input ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The kubeconfig of a running cluster; its absence fails the test that needs it, loudly. */
export function liveKubeconfig(): string {
  const path = process.env.SLIPWAY_TEST_KUBECONFIG;
  if (!path) {
    throw new Error(
      'SLIPWAY_TEST_KUBECONFIG is not set: this test needs a running Kubernetes cluster. ' +
        'Start one with `testbed/cluster.sh start` and set SLIPWAY_TEST_KUBECONFIG to the kubeconfig path it prints ' +
        '(/tmp/slipway-state/clusters/slipway/kubeconfig).',
    );
  }
  return path;
}

/** A server whose cluster is the live one (SLIPWAY_TEST_KUBECONFIG): its deploy engine runs. */
export function startLiveServer(options: Omit<ServerOptions, 'kubeconfig'> = {}): Promise<TestServer> {
  return startServer({ kubeconfig: liveKubeconfig(), ...options });
}

/** The kubeconfig of the second running cluster (SLIPWAY_TEST_KUBECONFIG_2), for multi-cluster tests. */
export function secondKubeconfig(): string {
  const path = process.env.SLIPWAY_TEST_KUBECONFIG_2;
  if (!path) {
    throw new Error(
      'SLIPWAY_TEST_KUBECONFIG_2 is not set: this test needs a second running Kubernetes cluster. ' +
        'Start one with `testbed/cluster.sh start` and set SLIPWAY_TEST_KUBECONFIG_2 to its kubeconfig path ' +
        '(/tmp/slipway-state/clusters/slipway-test-2/kubeconfig).',
    );
  }
  return path;
}

/** A client configuration for a cluster, from its kubeconfig file. */
export function kubeConfigFrom(path: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(path);
  return kc;
}

/** Deletes the namespaces whose names start with `prefix` (what a test's environments made). */
export async function deleteNamespacesWithPrefix(kubeconfig: string, prefix: string): Promise<void> {
  const core = kubeConfigFrom(kubeconfig).makeApiClient(CoreV1Api);
  const all = await core.listNamespace().catch(() => ({ items: [] }));
  for (const ns of all.items) {
    const name = ns.metadata?.name ?? '';
    if (name.startsWith(prefix)) await core.deleteNamespace({ name }).catch(() => {});
  }
}

/** A client configuration for the live cluster, to check what the CLI's deploys did there. */
export function liveKubeConfig(): KubeConfig {
  return kubeConfigFrom(liveKubeconfig());
}

/** A namespace of the test file's own, `cli-LABEL-RANDOM`, so test files sharing a cluster never meet. */
export async function createTestNamespace(label: string): Promise<string> {
  const name = `cli-${label}-${randomBytes(3).toString('hex')}`.slice(0, 63);
  await liveKubeConfig()
    .makeApiClient(CoreV1Api)
    .createNamespace({ body: { metadata: { name, labels: { 'slipway.dev/test': 'true' } } } });
  return name;
}

export async function deleteTestNamespace(name: string): Promise<void> {
  await liveKubeConfig()
    .makeApiClient(CoreV1Api)
    .deleteNamespace({ name })
    .catch(() => {});
}

/**
 * The annotation that makes the local cluster fail a pod on purpose (testbed/stages/pods.yaml).
 * A Score file sets it in metadata.annotations and rendering copies it onto the pod template.
 */
export const faultAnnotation = 'testbed.slipway.dev/fault';

/**
 * A kubeconfig for a cluster that is down: a copy of the live one (or a minimal one when
 * there is none) whose API server URL points at a closed loopback port.
 */
export async function stoppedClusterKubeconfig(dir: string): Promise<{ path: string; server: string }> {
  const server = `https://127.0.0.1:${await closedPort()}`;
  const live = process.env.SLIPWAY_TEST_KUBECONFIG;
  const text = live
    ? readFileSync(live, 'utf8').replace(/^(\s*server:\s*).*$/gm, `$1${server}`)
    : minimalKubeconfig(server);
  const path = join(dir, 'stopped-kubeconfig');
  writeFileSync(path, text, { mode: 0o600 });
  return { path, server };
}

function minimalKubeconfig(server: string): string {
  return `apiVersion: v1
kind: Config
clusters:
  - name: stopped
    cluster: { server: '${server}', insecure-skip-tls-verify: true }
users:
  - name: nobody
    user: { token: not-a-real-token }
contexts:
  - name: stopped
    context: { cluster: stopped, user: nobody }
current-context: stopped
`;
}

/** Parses the CLI's stdout as JSON, failing with the output shown when it is not. */
export function parseJson<T = Record<string, unknown>>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON:\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}

/** A `-f` command running: its output so far, and Ctrl-C. */
export interface Following {
  /** Resolves once `ready(stdout)` holds; fails if the command ends first. Called on every chunk. */
  until(ready: (stdout: string) => boolean): Promise<string>;
  /** Sends SIGINT (Ctrl-C) and resolves its exit code and output. */
  interrupt(): Promise<CliResult>;
}

/** Starts a command that follows something (`logs -f`, `events -f`) until interrupted. */
export function spawnFollowing(args: readonly string[], options: { configDir: string; cwd: string }): Following {
  const child = spawn(process.execPath, [cliBin, ...args], {
    env: { ...process.env, SLIPWAY_CONFIG_DIR: options.configDir },
    cwd: options.cwd,
  });
  let stdout = '';
  let stderr = '';
  const checks = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const check of checks) check();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    until(ready) {
      const seen = new Promise<string>((resolve) => {
        const check = () => {
          if (!ready(stdout)) return;
          checks.delete(check);
          resolve(stdout);
        };
        checks.add(check);
        check();
      });
      const ended = exited.then((code) =>
        assert.fail(`${args.join(' ')} ended (exit ${code}) first\n${stdout}\n${stderr}`),
      );
      return Promise.race([seen, ended]);
    },
    async interrupt() {
      child.kill('SIGINT');
      const code = await exited;
      return { code, stdout, stderr };
    },
  };
}
