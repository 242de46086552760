import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { type FieldIssue, SlipwayError } from '@slipway/core';
import { parse as parseYaml } from 'yaml';
import { type Config, ConfigSchema } from './schema.ts';

type Env = Record<string, string | undefined>;

/** The embedded database, next to where Slipway was started. */
export const defaultDatabase = { engine: 'pglite', dataDir: '.slipway/data' } as const;

/**
 * Environment variables that override the file. Kept as a table so the operator guide and
 * the code cannot drift apart (docs/operator-guide.md lists the same names).
 */
export const envOverrides: Array<{ name: string; path: string[]; parse?: (v: string) => unknown }> = [
  { name: 'SLIPWAY_HOST', path: ['server', 'host'] },
  { name: 'SLIPWAY_PORT', path: ['server', 'port'], parse: Number },
  { name: 'SLIPWAY_PORTAL_DIR', path: ['server', 'portalDir'] },
  { name: 'SLIPWAY_PUBLIC_URL', path: ['server', 'publicUrl'] },
  { name: 'SLIPWAY_LOG_LEVEL', path: ['log', 'level'] },
  { name: 'KUBECONFIG', path: ['kubernetes', 'kubeconfig'] },
  { name: 'SLIPWAY_KUBE_CONTEXT', path: ['kubernetes', 'context'] },
  {
    name: 'SLIPWAY_INGRESS_NAMESPACES',
    path: ['kubernetes', 'ingressNamespaces'],
    parse: (v) =>
      v
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean),
  },
  { name: 'SLIPWAY_PROMETHEUS_URL', path: ['kubernetes', 'prometheus', 'url'] },
  { name: 'SLIPWAY_PROMETHEUS_BEARER_TOKEN', path: ['kubernetes', 'prometheus', 'auth', 'bearerToken'] },
  { name: 'SLIPWAY_PROMETHEUS_USERNAME', path: ['kubernetes', 'prometheus', 'auth', 'username'] },
  { name: 'SLIPWAY_PROMETHEUS_PASSWORD', path: ['kubernetes', 'prometheus', 'auth', 'password'] },
  { name: 'SLIPWAY_PROMETHEUS_CA_FILE', path: ['kubernetes', 'prometheus', 'tls', 'caFile'] },
  { name: 'SLIPWAY_STATE_DIR', path: ['stateDir'] },
  { name: 'SLIPWAY_LEADER_ELECTION', path: ['leaderElection', 'enabled'], parse: (v) => v === 'true' || v === '1' },
  { name: 'SLIPWAY_LEADER_ELECTION_NAMESPACE', path: ['leaderElection', 'namespace'] },
  { name: 'SLIPWAY_ADMIN_TOKEN_FILE', path: ['bootstrap', 'tokenFile'] },
  { name: 'SLIPWAY_SECRET_KEY_FILE', path: ['secrets', 'keyFile'] },
  { name: 'SLIPWAY_NAMESPACE_PREFIX', path: ['environments', 'namespacePrefix'] },
  {
    name: 'SLIPWAY_DRIFT_SCAN_INTERVAL_SECONDS',
    path: ['environments', 'driftScanIntervalSeconds'],
    parse: Number,
  },
  { name: 'SLIPWAY_GITHUB_WEBHOOK_SECRET', path: ['github', 'webhookSecret'] },
  { name: 'SLIPWAY_GITHUB_TOKEN', path: ['github', 'token'] },
  { name: 'SLIPWAY_GITHUB_API_URL', path: ['github', 'apiUrl'] },
  { name: 'SLIPWAY_OIDC_ISSUER', path: ['auth', 'oidc', 'issuer'] },
  { name: 'SLIPWAY_OIDC_CLIENT_ID', path: ['auth', 'oidc', 'clientId'] },
  { name: 'SLIPWAY_OIDC_CLIENT_SECRET', path: ['auth', 'oidc', 'clientSecret'] },
  { name: 'SLIPWAY_CATALOG_WEBHOOK_SECRET', path: ['catalog', 'webhookSecret'] },
  {
    name: 'SLIPWAY_CATALOG_ALLOWED_HOSTS',
    path: ['catalog', 'allowedHosts'],
    parse: (v) =>
      v
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean),
  },
  { name: 'SLIPWAY_CATALOG_REFRESH_INTERVAL_SECONDS', path: ['catalog', 'refreshIntervalSeconds'], parse: Number },
  { name: 'SLIPWAY_NOTIFICATIONS_TIMEOUT_SECONDS', path: ['notifications', 'timeoutSeconds'], parse: Number },
  { name: 'SLIPWAY_NOTIFICATIONS_MAX_ATTEMPTS', path: ['notifications', 'maxAttempts'], parse: Number },
  { name: 'SLIPWAY_NOTIFICATIONS_RETRY_BASE_MS', path: ['notifications', 'retryBaseMs'], parse: Number },
  { name: 'SLIPWAY_PROVISIONERS', path: ['provisioners', 'files'], parse: (v) => v.split(':').filter(Boolean) },
];

/**
 * Loads the configuration: defaults, then the YAML file (if any), then the environment.
 * `SLIPWAY_DATABASE_URL` selects PostgreSQL; `SLIPWAY_DATA_DIR` the embedded database's directory.
 * Throws SlipwayError('invalid_config') listing every wrong field.
 */
export function loadConfig(options: { file?: string | undefined; env?: Env } = {}): Config {
  const env = options.env ?? process.env;
  const file = options.file ?? env.SLIPWAY_CONFIG;
  const raw: Record<string, unknown> = file ? readConfigFile(file) : {};
  applyEnv(raw, env);
  normalise(raw);
  return validate(raw, file);
}

/**
 * Spellings people write that mean the same setting. A namespace prefix is joined to the
 * environment with a dash, and operators often write that dash themselves (`rw-`): `rw-` and
 * `rw` both give `rw-dev`, never `rw--dev`.
 */
function normalise(raw: Record<string, unknown>): void {
  const environments = raw.environments as Record<string, unknown> | undefined;
  if (typeof environments?.namespacePrefix === 'string') {
    environments.namespacePrefix = environments.namespacePrefix.replace(/-+$/, '');
  }
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SlipwayError('invalid_config', `Cannot read the configuration file ${file}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (error) {
    throw new SlipwayError(
      'invalid_config',
      `The configuration file ${file} is not valid YAML: ${(error as Error).message}`,
    );
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new SlipwayError('invalid_config', `The configuration file ${file} must hold a mapping at its top level`);
  }
  return parsed as Record<string, unknown>;
}

function applyEnv(raw: Record<string, unknown>, env: Env): void {
  for (const { name, path, parse } of envOverrides) {
    const value = env[name];
    if (value !== undefined && value !== '') setPath(raw, path, parse ? parse(value) : value);
  }
  if (env.SLIPWAY_DATABASE_URL) raw.database = { engine: 'postgres', url: env.SLIPWAY_DATABASE_URL };
  else if (env.SLIPWAY_DATA_DIR) raw.database = { engine: 'pglite', dataDir: env.SLIPWAY_DATA_DIR };
  // Given a state directory and no database, the embedded one lives in it like everything else.
  if (raw.database === undefined && typeof raw.stateDir === 'string' && raw.stateDir !== '') {
    raw.database = { engine: 'pglite', dataDir: join(raw.stateDir, 'data') };
  }
  raw.database ??= { ...defaultDatabase };
  // A pool is PostgreSQL's: on PGlite the schema refuses it, naming /database/poolSize.
  if (env.SLIPWAY_DATABASE_POOL_SIZE) setPath(raw, ['database', 'poolSize'], Number(env.SLIPWAY_DATABASE_POOL_SIZE));
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path.at(-1) as string] = value;
}

function validate(raw: Record<string, unknown>, file: string | undefined): Config {
  const withDefaults = Value.Default(ConfigSchema, structuredClone(raw));
  const issues: FieldIssue[] = [...Value.Errors(ConfigSchema, withDefaults)].map((e) => ({
    path: e.path,
    message: e.message,
  }));
  if (issues.length > 0) {
    const where = file ? ` (file ${file} and SLIPWAY_* environment variables)` : ' (SLIPWAY_* environment variables)';
    throw new SlipwayError('invalid_config', `The configuration is not valid${where}`, {
      fields: dedupe(issues),
      hint: 'See docs/operator-guide.md for every setting and its environment variable.',
    });
  }
  return withDefaults as Config;
}

/** Union schemas report one issue per branch; keep the first per path so the list stays readable. */
function dedupe(issues: FieldIssue[]): FieldIssue[] {
  const seen = new Map<string, FieldIssue>();
  for (const issue of issues) if (!seen.has(issue.path)) seen.set(issue.path, issue);
  return [...seen.values()];
}
