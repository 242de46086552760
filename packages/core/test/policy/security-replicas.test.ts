// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Score placeholders are written ${...} in plain strings
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluatePolicies, type KubeObject, type PolicyInput } from '../../src/index.ts';
import {
  autoscaling,
  bare,
  compliant,
  daemonSet,
  find,
  goodContainer,
  plus,
  release,
  statefulSet,
  workload,
} from './fixtures.ts';

const check = (name: string, input: PolicyInput) => evaluatePolicies([name], input);
const paths = (name: string, input: PolicyInput) => check(name, input).map((v) => v.path);

describe('policy no-privileged', () => {
  it('accepts what Slipway renders', () => {
    assert.deepEqual(check('no-privileged', release(compliant)), []);
  });

  it('refuses privileged containers, privilege escalation and host namespaces, at their place in the objects', () => {
    const input = structuredClone(release(compliant));
    const pod = find(input, 'Deployment').spec.template.spec;
    pod.hostNetwork = true;
    pod.hostPID = true;
    pod.hostIPC = true;
    pod.containers[0].securityContext = { privileged: true, allowPrivilegeEscalation: true };
    const violations = check('no-privileged', input);
    assert.deepEqual(
      violations.map((v) => v.path),
      [
        '/objects/Deployment/web/spec/template/spec/containers/0/securityContext/privileged',
        '/objects/Deployment/web/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation',
        '/objects/Deployment/web/spec/template/spec/hostNetwork',
        '/objects/Deployment/web/spec/template/spec/hostPID',
        '/objects/Deployment/web/spec/template/spec/hostIPC',
      ],
    );
    assert.equal(violations[0]?.message, 'Container "web" of Deployment "web" runs privileged');
    assert.equal(violations[2]?.message, `Deployment "web" shares the node's network (hostNetwork)`);
  });

  it('accepts securityContext set to safe values', () => {
    const input = structuredClone(release(compliant));
    const pod = find(input, 'Deployment').spec.template.spec;
    pod.hostNetwork = false;
    pod.containers[0].securityContext = { privileged: false, allowPrivilegeEscalation: false, runAsNonRoot: true };
    assert.deepEqual(check('no-privileged', input), []);
  });

  it('traces a hostPath volume back to the Score volume that mounts it', () => {
    const w = workload(`
metadata:
  name: web
containers:
  web:
    image: ghcr.io/acme/web:1
    volumes:
      /data:
        source: \${resources.data}
resources:
  data:
    type: volume
`);
    const violations = check('no-privileged', release(w, { volumeSource: { hostPath: { path: '/var/data' } } }));
    assert.deepEqual(violations, [
      {
        policy: 'no-privileged',
        path: '/containers/web/volumes/~1data/source',
        message: `Volume "vol-data" of Deployment "web" mounts the node's path "/var/data" (hostPath)`,
      },
    ]);
    assert.deepEqual(check('no-privileged', release(w)), [], 'an emptyDir volume is fine');
  });

  it('points at hostPath volumes of other objects in the objects', () => {
    const input = plus(
      release(compliant),
      daemonSet('agent', [goodContainer('agent', { securityContext: { privileged: true } })], {
        volumes: [
          { name: 'tmp', emptyDir: {} },
          { name: 'logs', hostPath: { path: '/var/log' } },
        ],
      }),
    );
    assert.deepEqual(paths('no-privileged', input), [
      '/objects/DaemonSet/agent/spec/template/spec/containers/0/securityContext/privileged',
      '/objects/DaemonSet/agent/spec/template/spec/volumes/1/hostPath',
    ]);
  });
});

describe('policy min-replicas-2', () => {
  const withReplicas = (n: number) => ({ ...bare, defaults: { ...bare.defaults, replicas: n } });

  it('accepts 2 replicas or more', () => {
    assert.deepEqual(check('min-replicas-2', release(compliant)), []);
    assert.deepEqual(check('min-replicas-2', release(compliant, { environment: withReplicas(5) })), []);
  });

  it('refuses a single replica set by the environment, at the object', () => {
    assert.deepEqual(check('min-replicas-2', release(compliant, { environment: withReplicas(1) })), [
      {
        policy: 'min-replicas-2',
        path: '/objects/Deployment/web/spec/replicas',
        message: 'Deployment "web" runs 1 replica: one node going down takes it offline',
      },
    ]);
  });

  it('refuses a single replica the workload asks for, at its annotation', () => {
    const w = structuredClone(compliant);
    w.metadata.annotations = { 'slipway.dev/replicas': '1' };
    assert.deepEqual(paths('min-replicas-2', release(w, { environment: autoscaling(3) })), [
      '/metadata/annotations/slipway.dev~1replicas',
    ]);
  });

  it('takes the autoscaler minimum when an HPA scales the workload', () => {
    const scaled = release(compliant, { environment: autoscaling(2) });
    assert.equal(find(scaled, 'Deployment').spec.replicas, undefined);
    assert.deepEqual(check('min-replicas-2', scaled), []);
    assert.deepEqual(check('min-replicas-2', release(compliant, { environment: autoscaling(1) })), [
      {
        policy: 'min-replicas-2',
        path: '/objects/HorizontalPodAutoscaler/web/spec/minReplicas',
        message: 'HorizontalPodAutoscaler "web" may scale Deployment "web" down to 1 replica',
      },
    ]);
  });

  it('lets the HPA minimum decide over spec.replicas, since the HPA may scale down to it', () => {
    const input = structuredClone(release(compliant, { environment: autoscaling(1) }));
    find(input, 'Deployment').spec.replicas = 3;
    assert.deepEqual(paths('min-replicas-2', input), ['/objects/HorizontalPodAutoscaler/web/spec/minReplicas']);
  });

  it('covers StatefulSets, and a missing replicas field means 1', () => {
    const input = plus(
      release(compliant),
      statefulSet('db', undefined, [goodContainer('db')]),
      statefulSet('cache', 3, [goodContainer('cache')]),
    );
    const violations = check('min-replicas-2', input);
    assert.deepEqual(
      violations.map((v) => v.path),
      ['/objects/StatefulSet/db/spec/replicas'],
    );
    assert.match(violations[0]?.message ?? '', /sets none, so Kubernetes runs 1/);
  });

  it('ignores an HPA that targets another object', () => {
    const hpa: KubeObject = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'other', namespace: 'team-a-prod' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'other' }, minReplicas: 1 },
    };
    assert.deepEqual(check('min-replicas-2', plus(release(compliant), hpa)), []);
  });
});
