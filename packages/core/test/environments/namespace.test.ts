import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  builtinEnvironmentTypes,
  defaultDenyPolicyName,
  defaultNamespaceName,
  type EnvironmentType,
  environmentNamespaceObjects,
  environmentTypeLabel,
  isDnsLabel,
  type KubeObject,
} from '../../src/index.ts';

const builtin = (name: string): EnvironmentType => {
  const type = builtinEnvironmentTypes.find((t) => t.name === name);
  assert.ok(type);
  return type;
};

const bare: EnvironmentType = {
  name: 'sandbox',
  description: 'no caps',
  defaults: { replicas: 1, progressDeadlineSeconds: 60 },
  policies: [],
  requiresApproval: false,
  approvalTtlSeconds: 86400,
  ttlSeconds: null,
};

const kinds = (objects: KubeObject[]) => objects.map((o) => `${o.kind}/${o.metadata.name}`);

describe('environmentNamespaceObjects', () => {
  it('renders a namespace, its default-deny policy, its quota and its limit range, all labelled alike', () => {
    const objects = environmentNamespaceObjects({
      environment: 'pr-42',
      namespace: 'slipway-pr-42',
      type: builtin('preview'),
      labels: { team: 'checkout' },
    });
    const labels = {
      team: 'checkout',
      'app.kubernetes.io/managed-by': 'slipway',
      'slipway.dev/environment': 'pr-42',
      'slipway.dev/environment-type': 'preview',
    };
    assert.deepEqual(objects, [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'slipway-pr-42', labels } },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'slipway-default-deny', namespace: 'slipway-pr-42', labels },
        spec: { podSelector: {}, policyTypes: ['Ingress'] },
      },
      {
        apiVersion: 'v1',
        kind: 'ResourceQuota',
        metadata: { name: 'slipway-quota', namespace: 'slipway-pr-42', labels },
        spec: { hard: { 'requests.cpu': '4', 'requests.memory': '8Gi', 'limits.memory': '16Gi', pods: '50' } },
      },
      {
        apiVersion: 'v1',
        kind: 'LimitRange',
        metadata: { name: 'slipway-limits', namespace: 'slipway-pr-42', labels },
        spec: {
          limits: [{ type: 'Container', defaultRequest: { cpu: '50m', memory: '64Mi' }, default: { memory: '256Mi' } }],
        },
      },
    ]);
    assert.equal(environmentTypeLabel, 'slipway.dev/environment-type');
  });

  it('leaves out the quota when the type sets none (production)', () => {
    const objects = environmentNamespaceObjects({
      environment: 'prod',
      namespace: 'prod',
      type: builtin('production'),
    });
    assert.deepEqual(kinds(objects), [
      'Namespace/prod',
      'NetworkPolicy/slipway-default-deny',
      'LimitRange/slipway-limits',
    ]);
  });

  it('renders only the namespace and its policy for a type without quota or limits, or with empty ones', () => {
    assert.deepEqual(kinds(environmentNamespaceObjects({ environment: 'a', namespace: 'a', type: bare })), [
      'Namespace/a',
      'NetworkPolicy/slipway-default-deny',
    ]);
    const empty = { ...bare, quota: {}, limits: { default: {}, max: { cpu: undefined } } };
    assert.deepEqual(kinds(environmentNamespaceObjects({ environment: 'a', namespace: 'a', type: empty })), [
      'Namespace/a',
      'NetworkPolicy/slipway-default-deny',
    ]);
  });

  it('denies all incoming traffic to every pod, and leaves outgoing traffic alone', () => {
    const policy = environmentNamespaceObjects({ environment: 'a', namespace: 'a', type: bare })[1];
    assert.equal(policy?.metadata.name, defaultDenyPolicyName);
    assert.deepEqual(policy?.spec, { podSelector: {}, policyTypes: ['Ingress'] });
  });

  it('renders max and drops unset amounts', () => {
    const type = { ...bare, limits: { max: { cpu: '2', memory: undefined } } };
    const range = environmentNamespaceObjects({ environment: 'a', namespace: 'a', type })[2];
    assert.deepEqual(range?.spec, { limits: [{ type: 'Container', max: { cpu: '2' } }] });
  });

  it("keeps Slipway's own labels over the ones given", () => {
    const [ns] = environmentNamespaceObjects({
      environment: 'dev',
      namespace: 'dev',
      type: bare,
      labels: { 'app.kubernetes.io/managed-by': 'someone-else', [environmentTypeLabel]: 'production' },
    });
    assert.equal(ns?.metadata.labels?.['app.kubernetes.io/managed-by'], 'slipway');
    assert.equal(ns?.metadata.labels?.[environmentTypeLabel], 'sandbox');
  });

  it('gives every object its own labels object', () => {
    const [ns, quota] = environmentNamespaceObjects({ environment: 'a', namespace: 'a', type: builtin('development') });
    assert.notEqual(ns?.metadata.labels, quota?.metadata.labels);
  });
});

describe('defaultNamespaceName', () => {
  it('joins prefix and environment, lowercased', () => {
    assert.equal(defaultNamespaceName('slipway', 'staging'), 'slipway-staging');
    assert.equal(defaultNamespaceName('Slipway', 'PR-42'), 'slipway-pr-42');
  });

  it('gives the same namespace for a prefix written with its trailing dash', () => {
    assert.equal(defaultNamespaceName('rw-', 'dev'), 'rw-dev');
    assert.equal(defaultNamespaceName('rw', 'dev'), 'rw-dev');
  });

  it('cuts long names to a DNS label that ends in a stable hash', () => {
    const long = `feature-${'x'.repeat(70)}`;
    const name = defaultNamespaceName('slipway', `${long}-one`);
    assert.ok(isDnsLabel(name), name);
    assert.ok(name.length <= 63);
    assert.match(name, /^slipway-feature-x+-[0-9a-f]{8}$/);
    assert.equal(defaultNamespaceName('slipway', `${long}-one`), name, 'stable');
    assert.notEqual(defaultNamespaceName('slipway', `${long}-two`), name, 'no collision');
  });

  it('turns characters a namespace cannot hold into a valid label', () => {
    const name = defaultNamespaceName('slipway', 'my_env.1');
    assert.ok(isDnsLabel(name), name);
    assert.match(name, /^slipway-my-env-1-[0-9a-f]{8}$/);
  });
});
