import { SlipwayError } from '@slipway/core';
import { Agent, request } from 'undici';

/**
 * Where one cluster's metrics are read: any server speaking Prometheus's HTTP query API
 * (Prometheus, Thanos, Mimir, VictoriaMetrics...).
 */
export interface PrometheusSource {
  /** The base URL the API lives under, e.g. `https://prometheus.example:9090` or `.../prometheus`. */
  url: string;
  auth?: { bearerToken: string } | { username: string; password: string };
  tls?: {
    /** PEM certificates to trust instead of the system's, for a private CA. */
    ca?: string;
    /** Accept any certificate: for a test server only, it lets anyone in between read the queries. */
    insecureSkipVerify?: boolean;
  };
  /** How long one query may take, end to end, unless the call says otherwise. Default 10 s. */
  timeoutMs?: number;
}

export type Labels = Record<string, string>;

/** One sample: when (ms since the epoch) and the value (NaN and ±Infinity included). */
export interface Sample {
  time: number;
  value: number;
}

/** A series of an instant query: its labels and the one sample at the query's time. */
export interface InstantSeries {
  labels: Labels;
  sample: Sample;
}

/** A series of a range query: its labels and its samples, oldest first. */
export interface RangeSeries {
  labels: Labels;
  samples: Sample[];
}

export interface QueryOptions {
  /** Overrides the source's per-query timeout. */
  timeoutMs?: number;
  /** Ends the query early (e.g. the server shutting down); the abort's reason is thrown. */
  signal?: AbortSignal;
}

export interface RangeOptions extends QueryOptions {
  start: Date;
  end: Date;
  /** Seconds between the points of each series. */
  stepSeconds: number;
}

const defaultTimeoutMs = 10_000;

/**
 * Reads metrics over Prometheus's HTTP API (`/api/v1/query`, `/api/v1/query_range`). Every
 * failure is a SlipwayError: a query Prometheus refuses (it does not parse, or cannot be
 * run) is `invalid_promql` with Prometheus's own message; a server that cannot be reached,
 * refuses the credentials, fails, or does not answer within the timeout is `unavailable`.
 * One client holds one connection pool: make one per source and close it when done.
 */
export class PrometheusClient {
  readonly #base: URL;
  readonly #shownUrl: string;
  readonly #source: PrometheusSource;
  readonly #agent: Agent;

  constructor(source: PrometheusSource) {
    this.#source = source;
    this.#base = parseBaseUrl(source.url);
    // The URL as messages show it: never with credentials in it.
    this.#shownUrl = `${this.#base.origin}${this.#base.pathname.replace(/\/$/, '')}`;
    this.#agent = new Agent({
      connect: {
        ...(source.tls?.ca ? { ca: source.tls.ca } : {}),
        rejectUnauthorized: source.tls?.insecureSkipVerify !== true,
      },
    });
  }

  /** The value of `promql` at `time` (default: now), one entry per series; empty when none matches. */
  async query(promql: string, options: QueryOptions & { time?: Date } = {}): Promise<InstantSeries[]> {
    const params = new URLSearchParams({ query: promql });
    if (options.time) params.set('time', seconds(options.time));
    const data = await this.#call('query', params, options);
    switch (data.resultType) {
      case 'vector':
        return (data.result as WireVectorEntry[]).map((e) => ({ labels: e.metric, sample: sample(e.value) }));
      case 'scalar':
        return [{ labels: {}, sample: sample(data.result as WirePoint) }];
      default:
        throw new SlipwayError('invalid_promql', `The query returns a ${data.resultType}, not a number per series`, {
          hint: 'Give an instant query a vector: wrap a range selector such as `x[5m]` in a function like rate().',
        });
    }
  }

  /** The values of `promql` from `start` to `end`, every `stepSeconds`; empty when no series matches. */
  async queryRange(promql: string, options: RangeOptions): Promise<RangeSeries[]> {
    const params = new URLSearchParams({
      query: promql,
      start: seconds(options.start),
      end: seconds(options.end),
      step: String(options.stepSeconds),
    });
    const data = await this.#call('query_range', params, options);
    if (data.resultType !== 'matrix')
      throw new SlipwayError('unavailable', `${this.#shownUrl} answered a range query with a ${data.resultType}`);
    return (data.result as WireMatrixEntry[]).map((e) => ({ labels: e.metric, samples: e.values.map(sample) }));
  }

  /** Closes the connections; queries after this fail. */
  async close(): Promise<void> {
    await this.#agent.close();
  }

  async #call(endpoint: string, params: URLSearchParams, options: QueryOptions): Promise<WireData> {
    const timeoutMs = options.timeoutMs ?? this.#source.timeoutMs ?? defaultTimeoutMs;
    // Prometheus stops evaluating at the same deadline, so a slow query does not go on using it.
    // In milliseconds: Prometheus refuses a fraction of a unit ("1.5s").
    params.set('timeout', `${Math.ceil(timeoutMs)}ms`);
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    const url = new URL(`api/v1/${endpoint}`, this.#base);
    let status: number;
    let text: string;
    try {
      // POST, so a long query never meets a URL length limit on the way. undici's request, not
      // fetch: verification sends many small queries, and fetch's machinery (and gzip, which
      // fetch asks for) cost more than the answers (bench/verify).
      const response = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...this.#auth() },
        body: params.toString(),
        signal,
        dispatcher: this.#agent,
      });
      status = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      if (timeout.aborted)
        throw this.#unavailable(`Prometheus at ${this.#shownUrl} did not answer within ${timeoutMs} ms`, error);
      throw this.#unavailable(`Cannot reach Prometheus at ${this.#shownUrl}: ${describe(error)}`, error);
    }
    return this.#read(status, text);
  }

  #read(status: number, text: string): WireData {
    if (status === 401 || status === 403)
      throw this.#unavailable(
        `Prometheus at ${this.#shownUrl} refused Slipway's credentials (HTTP ${status})`,
        undefined,
        {
          hint: "Check the metrics source's bearer token or user name and password.",
        },
      );
    let body: WireResponse;
    try {
      body = JSON.parse(text) as WireResponse;
    } catch (error) {
      throw this.#unavailable(
        `${this.#shownUrl} answered HTTP ${status} that is not Prometheus's API (is the URL right?)`,
        error,
      );
    }
    if (body.status === 'success' && body.data) return body.data;
    const message = body.error ?? `HTTP ${status}`;
    // bad_data: the query (or a parameter) does not parse; execution: it parses but cannot run.
    if (body.errorType === 'bad_data' || body.errorType === 'execution')
      throw new SlipwayError('invalid_promql', message, {
        hint: 'Fix the PromQL; the message is Prometheus\'s own and gives the "line:column" of the problem.',
      });
    throw this.#unavailable(`Prometheus at ${this.#shownUrl} failed the query (${body.errorType}): ${message}`);
  }

  #auth(): Record<string, string> {
    const auth = this.#source.auth;
    if (!auth) return {};
    if ('bearerToken' in auth) return { authorization: `Bearer ${auth.bearerToken}` };
    return { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` };
  }

  #unavailable(message: string, cause?: unknown, options: { hint?: string } = {}): SlipwayError {
    return new SlipwayError('unavailable', message, {
      hint: options.hint ?? `Check that Prometheus runs at ${this.#shownUrl} and that Slipway's server can reach it.`,
      ...(cause === undefined ? {} : { cause }),
    });
  }
}

function parseBaseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SlipwayError('invalid_config', `The Prometheus URL ${JSON.stringify(raw)} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new SlipwayError('invalid_config', `The Prometheus URL ${url.origin} must start with http:// or https://`);
  if (url.username || url.password)
    throw new SlipwayError('invalid_config', 'The Prometheus URL must not hold credentials', {
      hint: "Give the user name and password (or a bearer token) as the source's auth instead.",
    });
  // Relative API paths resolve under the base only when it ends with a slash.
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url;
}

/** What undici's "fetch failed" was about: the cause's code and message (ECONNREFUSED, a TLS failure...). */
function describe(error: unknown): string {
  const own = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const cause = own.cause ?? own;
  if (cause?.message)
    return cause.code && !cause.message.includes(cause.code) ? `${cause.code} ${cause.message}` : cause.message;
  return (error as Error).message;
}

const seconds = (time: Date) => String(time.getTime() / 1000);

// Prometheus's numbers are strings: "1.5", "NaN", "+Inf", "-Inf"; Number() reads them all.
const sample = ([time, value]: WirePoint): Sample => ({ time: Math.round(time * 1000), value: Number(value) });

type WirePoint = [number, string];
interface WireVectorEntry {
  metric: Labels;
  value: WirePoint;
}
interface WireMatrixEntry {
  metric: Labels;
  values: WirePoint[];
}
interface WireData {
  resultType: 'vector' | 'scalar' | 'matrix' | 'string';
  result: unknown;
}
interface WireResponse {
  status: 'success' | 'error';
  data?: WireData;
  errorType?: string;
  error?: string;
}
