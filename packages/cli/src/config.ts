import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { type FieldIssue, SlipwayError } from '@slipway/core';

type Env = Record<string, string | undefined>;

/** What `slipway login` saves. */
export interface StoredConfig {
  server?: string;
  token?: string;
  /** Set when `login --username` had the token issued: `logout` then revokes it. */
  tokenId?: string;
}

/** Where the token in use came from; named in error messages so a stale SLIPWAY_TOKEN is easy to spot. */
export type TokenSource = 'flag' | 'env' | 'file';

/** The settings a command runs with, after flags, environment and file are merged. */
export interface Settings {
  server: string | undefined;
  token: string | undefined;
  tokenSource: TokenSource | undefined;
  configFile: string;
}

export function configDir(env: Env = process.env): string {
  if (env.SLIPWAY_CONFIG_DIR) return env.SLIPWAY_CONFIG_DIR;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'slipway');
}

export function configFilePath(env: Env = process.env): string {
  return join(configDir(env), 'config.json');
}

/** Reads the saved login; a missing file is simply "not signed in". */
export function readConfig(file: string): StoredConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw brokenConfig(file, `cannot be read: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw brokenConfig(file, 'is not valid JSON');
  }
  return validateStored(parsed, file);
}

function validateStored(value: unknown, file: string): StoredConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw brokenConfig(file, 'must hold a JSON object');
  }
  const record = value as Record<string, unknown>;
  const fields: FieldIssue[] = ['server', 'token', 'tokenId']
    .filter((key) => record[key] !== undefined && typeof record[key] !== 'string')
    .map((key) => ({ path: `/${key}`, message: 'must be a string' }));
  if (fields.length > 0) throw brokenConfig(file, 'has wrong fields', fields);
  const stored: StoredConfig = {};
  if (typeof record.server === 'string') stored.server = record.server;
  if (typeof record.token === 'string') stored.token = record.token;
  if (typeof record.tokenId === 'string') stored.tokenId = record.tokenId;
  return stored;
}

function brokenConfig(file: string, problem: string, fields: FieldIssue[] = []): SlipwayError {
  return new SlipwayError('invalid_config', `The CLI configuration file ${file} ${problem}`, {
    fields,
    hint: 'Fix it, or delete it and sign in again with `slipway login`.',
  });
}

/** Saves the login atomically and readable by its owner only: it holds a secret. */
export function writeConfig(file: string, config: StoredConfig): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  // `mode` is filtered through the umask and ignored for an existing file; set it for certain.
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

/** Flags win over SLIPWAY_SERVER / SLIPWAY_TOKEN, which win over the saved login. */
export function resolveSettings(flags: { server?: string; token?: string }, env: Env = process.env): Settings {
  const configFile = configFilePath(env);
  let stored: StoredConfig | undefined;
  // Read the file only when needed, so flags and env still work when the file is broken.
  const fromFile = () => {
    stored ??= readConfig(configFile);
    return stored;
  };
  const server = flags.server || env.SLIPWAY_SERVER || fromFile().server;
  const [token, tokenSource] = pickToken(flags.token, env.SLIPWAY_TOKEN, fromFile);
  return { server: server ? normalizeServerUrl(server) : undefined, token, tokenSource, configFile };
}

function pickToken(
  flag: string | undefined,
  env: string | undefined,
  fromFile: () => StoredConfig,
): [string | undefined, TokenSource | undefined] {
  if (flag) return [flag, 'flag'];
  if (env) return [env, 'env'];
  const saved = fromFile().token;
  return saved ? [saved, 'file'] : [undefined, undefined];
}

/** Checks the URL early, so a typo is a usage error rather than a confusing network failure. */
export function normalizeServerUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new SlipwayError('invalid_input', `The server URL "${value}" is not an http:// or https:// URL`, {
      hint: 'For example: --server http://127.0.0.1:7420',
    });
  }
  // Keep any path: Slipway may sit behind a proxy under a prefix.
  return value.replace(/\/+$/, '');
}

export function describeTokenSource(settings: Pick<Settings, 'tokenSource' | 'configFile'>): string | undefined {
  switch (settings.tokenSource) {
    case 'flag':
      return 'the --token option';
    case 'env':
      return 'the SLIPWAY_TOKEN environment variable';
    case 'file':
      return settings.configFile;
    default:
      return undefined;
  }
}
