import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluatePolicies, type PolicyInput } from '../../src/index.ts';
import {
  compliant,
  cronJob,
  daemonSet,
  goodContainer,
  job,
  plus,
  release,
  statefulSet,
  webWith,
  withDefaultResources,
  workload,
} from './fixtures.ts';

const check = (name: string, input: PolicyInput) => evaluatePolicies([name], input);
const paths = (name: string, input: PolicyInput) => check(name, input).map((v) => v.path);

describe('policy require-resource-limits', () => {
  it('accepts containers with a memory limit and CPU and memory requests', () => {
    assert.deepEqual(check('require-resource-limits', release(compliant)), []);
  });

  it('names each missing amount at its place in the Score file', () => {
    const none = webWith((c) => {
      delete c.resources;
    });
    assert.deepEqual(paths('require-resource-limits', release(none)), [
      '/containers/web/resources/limits/memory',
      '/containers/web/resources/requests/cpu',
      '/containers/web/resources/requests/memory',
    ]);
    const violations = check('require-resource-limits', release(none));
    assert.deepEqual(
      violations.map((v) => v.message),
      [
        'Container "web" has no memory limit',
        'Container "web" has no CPU request',
        'Container "web" has no memory request',
      ],
    );
    const requestsOnly = webWith((c) => {
      c.resources = { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2' } };
    });
    assert.deepEqual(paths('require-resource-limits', release(requestsOnly)), [
      '/containers/web/resources/limits/memory',
    ]);
  });

  it('counts the default resources of the environment', () => {
    const none = webWith((c) => {
      delete c.resources;
    });
    assert.deepEqual(check('require-resource-limits', release(none, { environment: withDefaultResources })), []);
  });

  it('checks init containers and the containers of other objects', () => {
    const w = workload(`
metadata:
  name: web
containers:
  migrate:
    image: ghcr.io/acme/migrate:1
    before:
      web:
        ready: complete
  web:
    image: ghcr.io/acme/web:1
    resources:
      requests: { cpu: 100m, memory: 128Mi }
      limits: { memory: 256Mi }
`);
    const input = plus(
      release(w),
      cronJob('report', [goodContainer('report', { resources: { requests: { cpu: '1', memory: '1Gi' } } })]),
    );
    assert.deepEqual(paths('require-resource-limits', input), [
      '/containers/migrate/resources/limits/memory',
      '/containers/migrate/resources/requests/cpu',
      '/containers/migrate/resources/requests/memory',
      '/objects/CronJob/report/spec/jobTemplate/spec/template/spec/containers/0/resources/limits/memory',
    ]);
  });
});

describe('policy require-readiness-probe', () => {
  it('accepts long-running containers with a readiness probe', () => {
    assert.deepEqual(check('require-readiness-probe', release(compliant)), []);
  });

  it('refuses a workload container without one, at its place in the Score file', () => {
    const w = webWith((c) => {
      delete c.readinessProbe;
      c.livenessProbe = { httpGet: { path: '/livez', port: 8080 } };
    });
    const violations = check('require-readiness-probe', release(w));
    assert.deepEqual(violations, [
      {
        policy: 'require-readiness-probe',
        path: '/containers/web/readinessProbe',
        message: 'Container "web" has no readinessProbe: it would get traffic before it is ready',
      },
    ]);
  });

  it('applies to StatefulSets too', () => {
    const w = webWith((c) => {
      delete c.readinessProbe;
    });
    w.metadata.annotations = { 'slipway.dev/kind': 'StatefulSet' };
    assert.deepEqual(paths('require-readiness-probe', release(w)), ['/containers/web/readinessProbe']);
  });

  it('asks it of sidecars but not of init containers that run to completion', () => {
    const w = workload(`
metadata:
  name: web
containers:
  migrate:
    image: ghcr.io/acme/migrate:1
    before:
      web:
        ready: complete
  proxy:
    image: ghcr.io/acme/proxy:1
    before:
      web:
        ready: started
  web:
    image: ghcr.io/acme/web:1
    readinessProbe:
      exec:
        command: [ready]
`);
    assert.deepEqual(paths('require-readiness-probe', release(w)), ['/containers/proxy/readinessProbe']);
  });

  it('ignores Jobs and CronJobs, and checks DaemonSets and StatefulSets of other objects', () => {
    const bare = { name: 'x', image: 'ghcr.io/acme/x:1' };
    const input = plus(
      release(compliant),
      job('seed', [{ ...bare, name: 'seed' }]),
      cronJob('report', [{ ...bare, name: 'report' }]),
      daemonSet('agent', [goodContainer('ok'), { ...bare, name: 'agent' }]),
      statefulSet('db', 2, [{ ...bare, name: 'db' }]),
    );
    assert.deepEqual(paths('require-readiness-probe', input), [
      '/objects/DaemonSet/agent/spec/template/spec/containers/1/readinessProbe',
      '/objects/StatefulSet/db/spec/template/spec/containers/0/readinessProbe',
    ]);
  });
});
