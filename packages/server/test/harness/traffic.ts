import { pushTimeseries, type Timeseries } from 'prometheus-remote-write';

export interface TrafficOptions {
  /** The Prometheus base URL (its remote-write receiver is on: testbed/prometheus.sh). */
  url: string;
  namespace: string;
  service: string;
  /** When the counters start from 0 (ms); the history from then to now is pushed first. */
  since: number;
  /** From when (ms) 5xx answers come at `errorsPerSecond`; before it, none. */
  errorsFrom: number;
  okPerSecond?: number;
  errorsPerSecond?: number;
}

export interface Traffic {
  /** From now on, 5xx answers come at `errorsPerSecond` (the counters stay monotonic). */
  failFromNow(): void;
  stop(): Promise<void>;
}

/** As often as testbed/prometheus.sh scrapes: rate() extrapolates well only over even intervals. */
const stepMs = 2_000;

/**
 * A service's request metrics as an instrumented app would expose them
 * (`http_requests_total{code}` and `http_request_duration_seconds_bucket{le}`, labelled with
 * `namespace` and `service` as docs/metrics.md asks), written to a real Prometheus through
 * remote write: the history since `since` at once, then a sample every 2 s, like a scrape,
 * until stopped. 80 % of requests take under 0.1 s, 95 % under 0.5 s.
 */
export async function startTraffic(written: TrafficOptions): Promise<Traffic> {
  const options = { ...written };
  const history: number[] = [];
  for (let t = options.since; t < Date.now(); t += stepMs) history.push(t);
  await push(options, history);
  let stopped = false;
  let pushing: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    if (!stopped) pushing = pushing.then(() => push(options, [Date.now()]));
  }, stepMs);
  return {
    failFromNow() {
      options.errorsFrom = Math.min(options.errorsFrom, Date.now());
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await pushing;
    },
  };
}

async function push(options: TrafficOptions, times: number[]): Promise<void> {
  const ok = (t: number) => ((options.okPerSecond ?? 10) * (t - options.since)) / 1000;
  const errors = (t: number) => ((options.errorsPerSecond ?? 1) * Math.max(0, t - options.errorsFrom)) / 1000;
  const labels = { namespace: options.namespace, service: options.service };
  const series = (name: string, extra: Record<string, string>, value: (t: number) => number): Timeseries => ({
    labels: { __name__: name, ...labels, ...extra },
    samples: times.map((timestamp) => ({ timestamp, value: value(timestamp) })),
  });
  const total = (t: number) => ok(t) + errors(t);
  const result = await pushTimeseries(
    [
      series('http_requests_total', { code: '200' }, ok),
      series('http_requests_total', { code: '500' }, errors),
      series('http_request_duration_seconds_bucket', { le: '0.1' }, (t) => 0.8 * total(t)),
      series('http_request_duration_seconds_bucket', { le: '0.5' }, (t) => 0.95 * total(t)),
      series('http_request_duration_seconds_bucket', { le: '+Inf' }, total),
    ],
    {
      url: `${options.url}/api/v1/write`,
      // The library types the body loosely (ArrayBufferLike); what it sends is snappy's Uint8Array.
      fetch: (to, init) => fetch(to, { ...init, body: init?.body as unknown as Uint8Array }),
    },
  );
  if (result.status < 200 || result.status >= 300) {
    throw new Error(`remote write answered ${result.status}: ${result.errorMessage}`);
  }
}
