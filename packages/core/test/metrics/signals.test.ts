import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandQuery, servicePodPattern, signalNames, signalOverrideIssues, signalsFor } from '../../src/index.ts';

const vars = {
  namespace: 'slipway-dev',
  service: 'shop',
  environment: 'dev',
  pods: 'shop-[a-z0-9]+-[a-z0-9]+',
  rate: '60s',
};

describe('metric signals', () => {
  it('every signal has a default query, and a type replaces only the ones it names', () => {
    const defaults = signalsFor();
    assert.deepEqual(
      defaults.map((s) => s.name),
      [...signalNames],
    );
    const custom = signalsFor({ cpu: 'sum(my_cpu{ns="$namespace"})' });
    assert.equal(custom.find((s) => s.name === 'cpu')?.query, 'sum(my_cpu{ns="$namespace"})');
    assert.equal(custom.find((s) => s.name === 'memory')?.query, defaults.find((s) => s.name === 'memory')?.query);
  });

  it('fills the placeholders, escaping what goes inside a PromQL string', () => {
    const cpu = signalsFor().find((s) => s.name === 'cpu')?.query ?? '';
    assert.equal(
      expandQuery(cpu, vars),
      'sum(rate(container_cpu_usage_seconds_total{namespace="slipway-dev",pod=~"shop-[a-z0-9]+-[a-z0-9]+",container!=""}[60s]))',
    );
    assert.equal(
      expandQuery('x{a="$service",b=~"$pods"}', { ...vars, service: 'a"b', pods: 'web\\.1-[0-9]+' }),
      'x{a="a\\"b",b=~"web\\\\.1-[0-9]+"}',
    );
    assert.equal(expandQuery('x{a="$other"}', vars), 'x{a="$other"}', 'an unknown name is left as written');
  });

  it('refuses overrides naming no signal, empty queries and unknown placeholders, each at its path', () => {
    assert.deepEqual(signalOverrideIssues({ cpu: 'sum(x)' }, '/metrics/signals'), []);
    assert.deepEqual(
      signalOverrideIssues(
        { cpus: 'x', memory: ' ', latencyP95: 'histogram_quantile(0.95, $buckets)' },
        '/metrics/signals',
      ),
      [
        { path: '/metrics/signals/cpus', message: `is not a signal; the signals are ${signalNames.join(', ')}` },
        { path: '/metrics/signals/memory', message: 'must be a PromQL query' },
        {
          path: '/metrics/signals/latencyP95',
          message: '$buckets is not a placeholder; use $namespace, $service, $environment, $pods, $rate',
        },
      ],
    );
  });

  it("matches exactly the pods of the service's own workloads", () => {
    const pattern = new RegExp(`^(${servicePodPattern([{ kind: 'Deployment', name: 'shop' }])})$`);
    assert.ok(pattern.test('shop-7d9f8c6b5-x2kqz'));
    assert.ok(!pattern.test('shop-db-postgres-0'), "a data store's pod is not the service's");
    assert.ok(!pattern.test('shop-api-7d9f8c6b5-x2kqz'), "another service's pod is not this one's");
    const both = new RegExp(
      `^(${servicePodPattern([
        { kind: 'Deployment', name: 'web' },
        { kind: 'StatefulSet', name: 'web.db' },
      ])})$`,
    );
    assert.ok(both.test('web-5f6d7-abcde') && both.test('web.db-2'));
    assert.ok(!both.test('webxdb-2'), 'a dot in a name is a dot');
  });
});
