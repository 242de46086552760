import {
  appliedStatuses,
  compareAround,
  expandQuery,
  type FieldIssue,
  instanceLabel,
  invalidInput,
  isLiveWorkloadKind,
  type KubeObject,
  kubeName,
  type Point,
  rateWindowFor,
  type SeriesSummary,
  type SignalDefinition,
  type SignalOverrides,
  type SignalVariables,
  SlipwayError,
  serviceInstance,
  servicePodPattern,
  signalOverrideIssues,
  signalsFor,
  stepFor,
  summarize,
  type VerificationCheck,
  verificationIssues,
} from '@slipway/core';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { findEnvironmentType } from '../db/stores/environment-types.ts';
import { getEnvironmentByName } from '../db/stores/environments.ts';
import { lastApplied, listReleases, type ReleaseRecord, releasesBetween } from '../db/stores/releases.ts';
import { getServiceByName } from '../db/stores/services.ts';
import { PrometheusClient, type PrometheusSource, type RangeSeries } from './prometheus.ts';

/** How a signal's query went: numbers, no series at all, a query Prometheus refused, or no answer. */
export type SignalStatus = 'ok' | 'no_data' | 'invalid' | 'unavailable';

export interface SignalSeries {
  labels: Record<string, string>;
  /** Oldest first; `v` is null where Prometheus answered NaN or ±Inf. */
  points: { t: number; v: number | null }[];
  summary: SeriesSummary;
  /** The mean since the compared release against as long a span before it. */
  sinceRelease: { before: number | null; after: number | null; change: number | null } | null;
}

export interface SignalAnswer extends SignalDefinition {
  status: SignalStatus;
  message: string;
  series: SignalSeries[];
}

export interface ReleaseMarker {
  number: number;
  status: string;
  createdBy: string;
  image: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface MetricsAnswer {
  service: string;
  environment: string;
  namespace: string;
  from: string;
  to: string;
  stepSeconds: number;
  signals: SignalAnswer[];
  releases: ReleaseMarker[];
  comparedWith: { number: number; at: string } | null;
}

const maxMarkers = 200;

/** What a query's placeholders are filled from, of an environment. */
type VariableSource = { id: string; name: string; context: { namespace: string } };

/** The Prometheus of a registered cluster (sealed with it: ClusterService.prometheusOf), or null. */
export type ClusterPrometheusLookup = (clusterId: string) => Promise<PrometheusSource | null>;

/**
 * Reads a service's golden signals from the Prometheus of its environment's cluster: for
 * Slipway's own cluster the configuration's (`kubernetes.prometheus`), for a registered one
 * the one set on it (`PUT /clusters/{name}/prometheus`).
 */
export class MetricsService {
  readonly #db: Kysely<Schema>;
  readonly #client: PrometheusClient | null;
  readonly #registered: ClusterPrometheusLookup;
  readonly #now: () => Date;

  constructor(deps: {
    db: Kysely<Schema>;
    source: PrometheusSource | null;
    registered?: ClusterPrometheusLookup;
    now?: () => Date;
  }) {
    this.#db = deps.db;
    this.#client = deps.source ? new PrometheusClient(deps.source) : null;
    this.#registered = deps.registered ?? (async () => null);
    this.#now = deps.now ?? (() => new Date());
  }

  /**
   * Runs `use` with the Prometheus of a cluster (null: Slipway's own), or answers
   * `not_configured`. A registered cluster's client lives for the call: its settings may change.
   */
  async withClient<T>(clusterId: string | null, use: (client: PrometheusClient) => Promise<T>): Promise<T> {
    if (clusterId === null) {
      if (this.#client) return use(this.#client);
      throw new SlipwayError('not_configured', "No metrics source is configured for Slipway's cluster", {
        hint: 'Set kubernetes.prometheus in the configuration, or SLIPWAY_PROMETHEUS_URL (docs/metrics.md)',
      });
    }
    const source = await this.#registered(clusterId);
    if (!source) {
      throw new SlipwayError('not_configured', "No metrics source is set for this environment's cluster", {
        hint: 'An admin sets one: PUT /api/v1/clusters/{name}/prometheus (docs/metrics.md)',
      });
    }
    const client = new PrometheusClient(source);
    try {
      return await use(client);
    } finally {
      await client.close();
    }
  }

  /** The signals of `service` in `environment` over the last `sinceSeconds`. */
  async read(query: { service: string; environment: string; sinceSeconds: number }): Promise<MetricsAnswer> {
    const service = await getServiceByName(this.#db, query.service);
    const environment = await getEnvironmentByName(this.#db, query.environment);
    return this.withClient(environment.clusterId, (client) => this.#read(client, service, environment, query));
  }

  async #read(
    client: PrometheusClient,
    service: { id: string; name: string },
    environment: { id: string; name: string; type: string; context: { namespace: string } },
    query: { sinceSeconds: number },
  ): Promise<MetricsAnswer> {
    const type = await findEnvironmentType(this.#db, environment.type);
    const end = this.#now();
    const start = new Date(end.getTime() - query.sinceSeconds * 1000);
    const stepSeconds = stepFor(query.sinceSeconds);
    const vars = await this.#variables(service, environment, rateWindowFor(stepSeconds));
    const markers = await releasesBetween(this.#db, {
      serviceId: service.id,
      environmentId: environment.id,
      from: start,
      to: end,
      limit: maxMarkers,
    });
    const compared = [...markers].reverse().find((r) => r.finishedAt && appliedStatuses.includes(r.status));
    const at = compared?.finishedAt?.getTime();
    const signals = await Promise.all(
      signalsFor(type?.metrics?.signals).map((signal) =>
        this.#signal(client, signal, vars, { start, end, stepSeconds }, at),
      ),
    );
    return {
      service: service.name,
      environment: environment.name,
      namespace: vars.namespace,
      from: start.toISOString(),
      to: end.toISOString(),
      stepSeconds,
      signals,
      releases: markers.map(marker),
      comparedWith: compared?.finishedAt ? { number: compared.number, at: compared.finishedAt.toISOString() } : null,
    };
  }

  /**
   * Refuses a type's signal queries that name an unknown signal or placeholder, and, when a
   * metrics source is configured, those Prometheus cannot parse — with its own message.
   */
  async checkOverrides(overrides: SignalOverrides | undefined): Promise<void> {
    if (!overrides) return;
    const issues = signalOverrideIssues(overrides, '/metrics/signals');
    if (issues.length > 0) throw invalidInput('The metrics signals are not valid', issues);
    for (const [name, template] of Object.entries(overrides)) {
      if (template !== undefined) await this.#mustParse(template, `/metrics/signals/${name}`, `signal ${name}`);
    }
  }

  /**
   * The same for verification checks at `at` (a type's, a service's): refused with the problems
   * found as written (core's, by default), else when Prometheus cannot parse a query.
   */
  async checkVerification(
    checks: readonly VerificationCheck[],
    at = '/verification/checks',
    issues: FieldIssue[] = verificationIssues(checks, at),
  ): Promise<void> {
    if (issues.length > 0) throw invalidInput('The verification checks are not valid', issues);
    for (const [i, check] of checks.entries()) {
      await this.#mustParse(check.query, `${at}/${i}/query`, `check ${check.name}`);
    }
  }

  /**
   * One instant query of a check for a release, at `at`: the values per series, or why there
   * are none (no metrics source, Prometheus unreachable or refusing the query) — for core's
   * sampleOf, which takes any of these as unknown, never as a failure.
   */
  async sample(
    target: {
      clusterId: string | null;
      service: { id: string; name: string };
      environment: VariableSource;
      /** The release's objects: its pods are those of its workloads (no lookup per sample). */
      objects: readonly KubeObject[];
    },
    query: string,
    at: Date,
  ): Promise<{ values: number[] } | { error: string }> {
    try {
      const { service, environment } = target;
      const vars: SignalVariables = {
        namespace: environment.context.namespace,
        service: service.name,
        environment: environment.name,
        pods: servicePodPattern(workloadsIn(target.objects, service.name, environment.name)),
        rate: rateWindowFor(stepFor(15 * 60)),
      };
      const series = await this.withClient(target.clusterId, (client) =>
        client.query(expandQuery(query, vars), { time: at }),
      );
      return { values: series.map((s) => s.sample.value) };
    } catch (error) {
      if (!(error instanceof SlipwayError)) throw error;
      return { error: error.message };
    }
  }

  /** Only a refusal says a query is wrong; an unreachable Prometheus says nothing about it. */
  async #mustParse(template: string, path: string, what: string): Promise<void> {
    if (!this.#client) return;
    const sample: SignalVariables = { namespace: 'n', service: 's', environment: 'e', pods: 'p', rate: '60s' };
    try {
      await this.#client.query(expandQuery(template, sample), { time: this.#now() });
    } catch (error) {
      if (!(error instanceof SlipwayError) || error.code !== 'invalid_promql') return;
      throw invalidInput(`The query of ${what} is not valid PromQL: ${error.message}`, [
        { path, message: error.message },
      ]);
    }
  }

  async close(): Promise<void> {
    await this.#client?.close();
  }

  async #signal(
    client: PrometheusClient,
    signal: SignalDefinition,
    vars: SignalVariables,
    range: { start: Date; end: Date; stepSeconds: number },
    releaseAt: number | undefined,
  ): Promise<SignalAnswer> {
    const query = expandQuery(signal.query, vars);
    const answer = { ...signal, query };
    let result: RangeSeries[];
    try {
      result = await client.queryRange(query, range);
    } catch (error) {
      if (!(error instanceof SlipwayError)) throw error;
      const status = error.code === 'invalid_promql' ? 'invalid' : 'unavailable';
      return { ...answer, status, message: error.message, series: [] };
    }
    if (result.length === 0) {
      return { ...answer, status: 'no_data', message: 'The query returned no series in this range', series: [] };
    }
    return { ...answer, status: 'ok', message: '', series: result.map((s) => seriesOf(s, releaseAt)) };
  }

  async #variables(
    service: { id: string; name: string },
    environment: VariableSource,
    rate: string,
  ): Promise<SignalVariables> {
    return {
      namespace: environment.context.namespace,
      service: service.name,
      environment: environment.name,
      pods: servicePodPattern(await this.#workloads(service.id, environment.id, service.name, environment.name)),
      rate,
    };
  }

  /** The service's own Deployments and StatefulSets, as its last releases applied them. */
  async #workloads(serviceId: string, environmentId: string, service: string, environment: string) {
    const [newest] = await listReleases(this.#db, { serviceId, environmentId, limit: 1 });
    const applied = await lastApplied(this.#db, serviceId, environmentId);
    return workloadsIn([...(newest?.objects ?? []), ...(applied?.objects ?? [])], service, environment);
  }
}

/** The Deployments and StatefulSets among `objects` that are the service's own in the environment. */
function workloadsIn(objects: readonly KubeObject[], service: string, environment: string) {
  const instance = serviceInstance(service, environment);
  const own = new Map<string, { kind: string; name: string }>();
  for (const o of objects) {
    if (isLiveWorkloadKind(o.kind) && o.metadata.labels?.[instanceLabel] === instance) {
      own.set(`${o.kind}/${o.metadata.name}`, { kind: o.kind, name: o.metadata.name });
    }
  }
  // Before any release: the Deployment rendering would name after the service.
  return own.size > 0 ? [...own.values()] : [{ kind: 'Deployment', name: kubeName([service]) }];
}

function seriesOf(series: RangeSeries, releaseAt: number | undefined): SignalSeries {
  const points: Point[] = series.samples.map((s) => ({ time: s.time, value: s.value }));
  return {
    labels: series.labels,
    points: points.map((p) => ({ t: p.time, v: Number.isFinite(p.value) ? p.value : null })),
    summary: summarize(points),
    sinceRelease: releaseAt === undefined ? null : compareAround(points, releaseAt),
  };
}

function marker(r: ReleaseRecord): ReleaseMarker {
  return {
    number: r.number,
    status: r.status,
    createdBy: r.createdBy,
    image: r.image,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}
