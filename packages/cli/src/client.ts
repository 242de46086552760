import {
  type CheckResult,
  type CheckStatus,
  codeForStatus,
  type Drift,
  type ErrorBody,
  isErrorCode,
  type ReleaseDiff,
  type RolloutAssessment,
  SlipwayError,
  slipwayVersion,
} from '@slipway/core';

/** The answers of the API routes the CLI uses (the server's OpenAPI document is the reference). */
export interface VersionInfo {
  slipway: string;
  api: string;
}

export interface Whoami {
  user: { id: string; username: string };
  token: { id: string; name: string; scopes: string[]; expiresAt: string | null };
}

export interface DoctorAnswer {
  status: CheckStatus;
  checks: CheckResult[];
}

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface NewToken {
  name: string;
  scopes?: string[];
  expiresInDays?: number;
}

export interface EnvironmentInput {
  type: string;
  namespace?: string;
  domain?: string;
  routeKind?: 'Ingress' | 'HTTPRoute';
  defaults?: { replicas?: number; progressDeadlineSeconds?: number };
}

export interface EnvironmentView {
  name: string;
  type: string;
  namespace: string;
  domain?: string;
  routeKind: 'Ingress' | 'HTTPRoute';
  defaults: { replicas?: number; progressDeadlineSeconds?: number; [key: string]: unknown };
}

export interface DeployRequest {
  environment: string;
  /** The Score file's text. */
  workload: string;
  service?: string;
  image?: string;
  commit?: string;
  reason?: string;
  autoRollback?: boolean;
  /** Contents of the files the Score file names by `source`, keyed by the path as written there. */
  files?: Record<string, string>;
}

export type ReleaseStatus = 'queued' | 'applying' | 'progressing' | 'healthy' | 'degraded' | 'failed' | 'superseded';

export interface ReleaseView {
  id: string;
  service: string;
  environment: string;
  /** Counts up per service and environment. */
  number: number;
  status: ReleaseStatus;
  message: string;
  contentHash: string;
  image: string | null;
  commit: string | null;
  createdBy: string;
  reason: string | null;
  rollbackOf: string | null;
  autoRollback: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The rollout verdict; for a release the cluster refused, the server stores the error instead. */
  health: RolloutAssessment | ErrorBody | null;
}

export interface ReleaseRef {
  id: string;
  number: number;
}

export interface DiffAnswer {
  from: ReleaseRef | null;
  to: ReleaseRef;
  diff: ReleaseDiff;
}

export interface DriftAnswer {
  release: ReleaseRef;
  status: 'in-sync' | 'drifted';
  objects: Drift[];
}

export interface ServiceStatus {
  service: string;
  environment: string;
  current: ReleaseView | null;
  lastHealthy: ReleaseView | null;
}

export interface ReleaseQuery {
  service?: string;
  environment?: string;
  limit?: number;
}

export interface ClientOptions {
  server: string;
  token?: string | undefined;
  /** Where the token came from, named when the server refuses it. */
  tokenSource?: string | undefined;
  timeoutMs?: number;
}

interface RequestOptions {
  body?: unknown;
  timeoutMs?: number;
}

const defaultTimeoutMs = 10_000;

/** A thin client of the Slipway API: every failure becomes a SlipwayError with a stable code. */
export class SlipwayClient {
  readonly server: string;
  readonly #options: ClientOptions;

  constructor(options: ClientOptions) {
    this.server = options.server;
    this.#options = options;
  }

  healthz() {
    return this.request<{ status: string }>('GET', '/healthz');
  }

  version() {
    return this.request<VersionInfo>('GET', '/api/v1/version');
  }

  whoami() {
    return this.request<Whoami>('GET', '/api/v1/whoami');
  }

  /** The server's checks wait for the cluster (up to 5 s each), so allow more time. */
  doctor() {
    return this.request<DoctorAnswer>('GET', '/api/v1/doctor', { timeoutMs: 30_000 });
  }

  async listTokens() {
    return (await this.request<{ items: TokenView[] }>('GET', '/api/v1/tokens')).items;
  }

  createToken(input: NewToken) {
    return this.request<{ token: TokenView; secret: string }>('POST', '/api/v1/tokens', { body: input });
  }

  revokeToken(id: string) {
    return this.request<void>('DELETE', `/api/v1/tokens/${encodeURIComponent(id)}`);
  }

  async putEnvironment(name: string, input: EnvironmentInput) {
    const path = `/api/v1/environments/${encodeURIComponent(name)}`;
    return (await this.request<{ environment: EnvironmentView }>('PUT', path, { body: input })).environment;
  }

  async listEnvironments() {
    return (await this.request<{ items: EnvironmentView[] }>('GET', '/api/v1/environments')).items;
  }

  /** Rendering, provisioning and the API server's dry run happen before the answer: allow time. */
  async deploy(input: DeployRequest) {
    return (
      await this.request<{ release: ReleaseView }>('POST', '/api/v1/deploys', { body: input, timeoutMs: 120_000 })
    ).release;
  }

  async listReleases(query: ReleaseQuery) {
    const params = new URLSearchParams();
    if (query.service) params.set('service', query.service);
    if (query.environment) params.set('environment', query.environment);
    if (query.limit) params.set('limit', String(query.limit));
    const search = params.size > 0 ? `?${params}` : '';
    return (await this.request<{ items: ReleaseView[] }>('GET', `/api/v1/releases${search}`)).items;
  }

  async getRelease(id: string) {
    return (await this.request<{ release: ReleaseView }>('GET', `/api/v1/releases/${encodeURIComponent(id)}`)).release;
  }

  /** What release `id` changes against `against` (default: the release before it). */
  diffRelease(id: string, against?: string) {
    const search = against ? `?against=${encodeURIComponent(against)}` : '';
    return this.request<DiffAnswer>('GET', `/api/v1/releases/${encodeURIComponent(id)}/diff${search}`);
  }

  /** The server reads every object of the release from the cluster. */
  driftOf(id: string) {
    return this.request<DriftAnswer>('GET', `/api/v1/releases/${encodeURIComponent(id)}/drift`, { timeoutMs: 60_000 });
  }

  async rollback(id: string, reason?: string) {
    const path = `/api/v1/releases/${encodeURIComponent(id)}/rollback`;
    const body = reason === undefined ? {} : { reason };
    return (await this.request<{ release: ReleaseView }>('POST', path, { body })).release;
  }

  serviceStatus(service: string, environment: string) {
    const path = `/api/v1/services/${encodeURIComponent(service)}/environments/${encodeURIComponent(environment)}`;
    return this.request<ServiceStatus>('GET', path);
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.#send(method, path, options);
    const body = await readJson(response);
    if (!response.ok) throw this.#errorFrom(body, response.status);
    if (body === notJson) {
      throw new SlipwayError('internal', `The server at ${this.server} did not answer ${path} with JSON`, {
        hint: 'Is this the address of a Slipway server?',
      });
    }
    return body as T;
  }

  async #send(method: string, path: string, options: RequestOptions): Promise<Response> {
    const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs ?? defaultTimeoutMs;
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': `slipway-cli/${slipwayVersion}`,
    };
    if (this.#options.token) headers.authorization = `Bearer ${this.#options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await fetch(`${this.server}${path}`, {
        method,
        headers,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw unreachable(this.server, error, timeoutMs);
    }
  }

  #errorFrom(body: unknown, status: number): SlipwayError {
    const inner = (body as { error?: { code?: unknown } } | null)?.error;
    if (!inner || !isErrorCode(inner.code)) return this.#foreignError(status);
    const error = SlipwayError.fromBody(body, status);
    const source = this.#options.tokenSource;
    if (error.code !== 'unauthenticated' || !source || !this.#options.token) return error;
    return new SlipwayError(error.code, `${error.message} (token from ${source})`, {
      ...(error.fields ? { fields: error.fields } : {}),
      ...(error.hint ? { hint: error.hint } : {}),
    });
  }

  /** An answer not from Slipway: a gateway error from a proxy in front of it, or the wrong address. */
  #foreignError(status: number): SlipwayError {
    if (status === 502 || status === 503 || status === 504) {
      return new SlipwayError('unavailable', `The Slipway server at ${this.server} is unavailable (HTTP ${status})`, {
        hint: 'A proxy answered for it: is Slipway running behind it?',
      });
    }
    return new SlipwayError(codeForStatus(status), `The server at ${this.server} answered HTTP ${status}`, {
      hint: 'That is not a Slipway error; is this the address of a Slipway server?',
    });
  }
}

const notJson = Symbol('not JSON');

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return notJson;
  }
}

/** Socket error codes in the words a person would use. */
const reasons: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'host not found (DNS lookup failed)',
  EAI_AGAIN: 'DNS lookup failed (temporary failure)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_SOCKET: 'the connection was closed',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed and not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate is not trusted',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host name',
};

function unreachable(server: string, error: unknown, timeoutMs: number): SlipwayError {
  return new SlipwayError(
    'unavailable',
    `Cannot reach the Slipway server at ${server}: ${reasonOf(error, timeoutMs)}`,
    {
      hint: 'Is Slipway running at that address? Pass another one with --server URL or SLIPWAY_SERVER.',
      cause: error,
    },
  );
}

function reasonOf(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: unknown };
  if (e.name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
  const code = socketCode(e.cause);
  if (code) return reasons[code] ?? code;
  const message = (e.cause as Error | undefined)?.message ?? e.message ?? String(error);
  // fetch refuses ports browsers block (1, 6000, ...) before even trying to connect.
  return message === 'bad port' ? 'fetch refuses to connect to that port (a blocked "bad port")' : message;
}

/** fetch wraps the socket error; with several addresses tried it is an AggregateError. */
function socketCode(cause: unknown): string | undefined {
  const c = cause as { code?: unknown; errors?: Array<{ code?: unknown }> } | undefined;
  const code = c?.code ?? c?.errors?.[0]?.code;
  return typeof code === 'string' ? code : undefined;
}
