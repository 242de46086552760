import type { FieldIssue } from '../errors/index.ts';

/**
 * The golden signals Slipway charts for a service in an environment, and the PromQL that reads
 * each. A query is a template: `$namespace`, `$service`, `$environment` and `$pods` are filled
 * in as PromQL string contents (escaped), `$rate` as a range duration (`[$rate]`). Platform
 * engineers replace any query per environment type (`metrics.signals` of the type); the label
 * conventions the defaults assume are in docs/metrics.md.
 */
export const signalNames = [
  'requestRate',
  'errorRatio',
  'latencyP50',
  'latencyP95',
  'latencyP99',
  'cpu',
  'memory',
  'restarts',
] as const;
export type SignalName = (typeof signalNames)[number];

export type SignalUnit = 'requests/s' | 'ratio' | 'seconds' | 'cores' | 'bytes' | 'restarts';

export interface SignalDefinition {
  name: SignalName;
  title: string;
  unit: SignalUnit;
  query: string;
}

/** What a query template is filled with. */
export interface SignalVariables {
  namespace: string;
  service: string;
  environment: string;
  /** A regular expression matching the names of the service's pods (servicePodPattern). */
  pods: string;
  /** The window of `rate()`/`increase()`, e.g. `1m`. */
  rate: string;
}

export const signalVariableNames = ['namespace', 'service', 'environment', 'pods', 'rate'] as const;

const requests = 'http_requests_total{namespace="$namespace",service="$service"}';
const errors = 'http_requests_total{namespace="$namespace",service="$service",code=~"5.."}';
const buckets = 'http_request_duration_seconds_bucket{namespace="$namespace",service="$service"}';
const containers = 'namespace="$namespace",pod=~"$pods",container!=""';
const quantile = (q: string) => `histogram_quantile(${q}, sum by (le) (rate(${buckets}[$rate])))`;

const defaults: Record<SignalName, Omit<SignalDefinition, 'name'>> = {
  requestRate: { title: 'Request rate', unit: 'requests/s', query: `sum(rate(${requests}[$rate]))` },
  errorRatio: {
    title: 'Error ratio (5xx)',
    unit: 'ratio',
    // `or vector(0)`: no 5xx series yet means no errors, not "no data", as long as requests flow.
    query: `(sum(rate(${errors}[$rate])) or vector(0)) / sum(rate(${requests}[$rate]))`,
  },
  latencyP50: { title: 'Latency p50', unit: 'seconds', query: quantile('0.5') },
  latencyP95: { title: 'Latency p95', unit: 'seconds', query: quantile('0.95') },
  latencyP99: { title: 'Latency p99', unit: 'seconds', query: quantile('0.99') },
  cpu: { title: 'CPU', unit: 'cores', query: `sum(rate(container_cpu_usage_seconds_total{${containers}}[$rate]))` },
  memory: {
    title: 'Memory working set',
    unit: 'bytes',
    query: `sum(container_memory_working_set_bytes{${containers}})`,
  },
  restarts: {
    title: 'Container restarts',
    unit: 'restarts',
    query: `sum(increase(kube_pod_container_status_restarts_total{namespace="$namespace",pod=~"$pods"}[$rate]))`,
  },
};

/** Per signal, the query a type sets instead of the default. */
export type SignalOverrides = Partial<Record<SignalName, string>>;

/** The signals of an environment type: the defaults with its overrides in place. */
export function signalsFor(overrides: SignalOverrides = {}): SignalDefinition[] {
  return signalNames.map((name) => ({ name, ...defaults[name], query: overrides[name] ?? defaults[name].query }));
}

const placeholder = /\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** A query with its placeholders filled in; names and patterns are escaped for a PromQL string. */
export function expandQuery(template: string, vars: SignalVariables): string {
  return template.replace(placeholder, (whole, name: string) => {
    if (name === 'rate') return vars.rate;
    if (!(signalVariableNames as readonly string[]).includes(name)) return whole;
    return promqlStringContent(vars[name as keyof SignalVariables]);
  });
}

/** Inside a double-quoted PromQL string, backslashes and quotes are escaped. */
function promqlStringContent(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/**
 * The problems of a type's `metrics.signals`, each with its path under `at`: an unknown signal,
 * an empty query, a placeholder that is not one of signalVariableNames.
 */
export function signalOverrideIssues(overrides: Record<string, unknown>, at: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [name, query] of Object.entries(overrides)) {
    const path = `${at}/${name}`;
    if (!(signalNames as readonly string[]).includes(name)) {
      issues.push({ path, message: `is not a signal; the signals are ${signalNames.join(', ')}` });
    } else if (typeof query !== 'string' || query.trim() === '') {
      issues.push({ path, message: 'must be a PromQL query' });
    } else {
      for (const [, used] of query.matchAll(placeholder)) {
        if (!(signalVariableNames as readonly string[]).includes(used ?? '')) {
          issues.push({
            path,
            message: `$${used} is not a placeholder; use ${signalVariableNames.map((v) => `$${v}`).join(', ')}`,
          });
        }
      }
    }
  }
  return issues;
}

/**
 * A regular expression (RE2, as Prometheus matches it: whole value) for the pods of the
 * service's own workloads: a Deployment's are `NAME-<template hash>-<suffix>`, a StatefulSet's
 * `NAME-<ordinal>`. Each part is exact, so `shop` never matches `shop-db-postgres-0`.
 */
export function servicePodPattern(workloads: readonly { kind: string; name: string }[]): string {
  const parts = workloads.map(({ kind, name }) =>
    kind === 'StatefulSet' ? `${escapeRegex(name)}-[0-9]+` : `${escapeRegex(name)}-[a-z0-9]+-[a-z0-9]+`,
  );
  return parts.length === 1 ? (parts[0] ?? '') : parts.map((p) => `(${p})`).join('|');
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
