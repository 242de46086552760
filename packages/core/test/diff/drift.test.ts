import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectDrift, detectDriftAll } from '../../src/diff/drift.ts';
import { type KubeObject, objectKey } from '../../src/kube/object.ts';
import { asLive, b64, configMap, containersOf, deployment, ingress, secret, service } from './fixtures.ts';

type Container = ReturnType<typeof containersOf>[number];
const containers = containersOf;
const web = (o: KubeObject): Container => containers(o)[0] as Container;

/** A live Deployment as the API server fills it in: defaults everywhere, normalised quantities. */
function liveDeployment(desired = deployment(), edit: (live: KubeObject) => void = () => {}): KubeObject {
  return asLive(desired, (live) => {
    const spec = live.spec as Record<string, unknown>;
    spec.revisionHistoryLimit = 10;
    spec.progressDeadlineSeconds = 600;
    spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
    const podSpec = (spec.template as { spec: Record<string, unknown> }).spec;
    podSpec.restartPolicy = 'Always';
    podSpec.dnsPolicy = 'ClusterFirst';
    podSpec.terminationGracePeriodSeconds = 30;
    podSpec.securityContext = {};
    for (const c of containers(live)) {
      c.imagePullPolicy = 'IfNotPresent';
      c.terminationMessagePath = '/dev/termination-log';
      c.terminationMessagePolicy = 'File';
    }
    const w = web(live);
    w.ports = [{ name: 'http', containerPort: 8080, protocol: 'TCP' }];
    w.resources = { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '1Gi' } };
    live.status = { replicas: 2, readyReplicas: 2, observedGeneration: 3 };
    edit(live);
  });
}

describe('detectDrift', () => {
  it('is missing when there is no live object', () => {
    assert.deepEqual(detectDrift(deployment(), undefined), {
      key: 'apps/Deployment/shop-prod/web',
      state: 'missing',
      changes: [],
    });
  });

  it('is in sync when only live-only fields differ (defaults, status, server metadata)', () => {
    const live = liveDeployment(deployment(), (o) => {
      o.metadata.labels = { ...o.metadata.labels, 'team.example.com/owner': 'payments' };
      // A sidecar injected by a mesh: another manager's item in a list matched by name.
      containers(o).push({ name: 'istio-proxy', image: 'istio/proxyv2:1.22.0' });
    });
    assert.deepEqual(detectDrift(deployment(), live), {
      key: 'apps/Deployment/shop-prod/web',
      state: 'in-sync',
      changes: [],
    });
  });

  it('shows hand-edited replicas and image as drift, from desired to live', () => {
    const live = liveDeployment(deployment(), (o) => {
      (o.spec as Record<string, unknown>).replicas = 5;
      web(o).image = 'nginx:1.27-debug';
    });
    const d = detectDrift(deployment(), live);
    assert.equal(d.state, 'drifted');
    assert.deepEqual(d.changes, [
      { path: '/spec/replicas', op: 'replace', from: 2, to: 5 },
      { path: '/spec/template/spec/containers/web/image', op: 'replace', from: 'nginx:1.27', to: 'nginx:1.27-debug' },
    ]);
  });

  it('normalises quantities the way the API server does', () => {
    const desired = deployment();
    web(desired).resources = { requests: { cpu: 0.25, memory: '268435456' }, limits: { cpu: '0.5', memory: '1024Mi' } };
    assert.equal(detectDrift(desired, liveDeployment()).state, 'in-sync');
  });

  it('still reports a quantity that really changed', () => {
    const live = liveDeployment(deployment(), (o) => {
      (web(o).resources as { limits: Record<string, unknown> }).limits.memory = '2Gi';
    });
    assert.deepEqual(detectDrift(deployment(), live).changes, [
      { path: '/spec/template/spec/containers/web/resources/limits/memory', op: 'replace', from: '1Gi', to: '2Gi' },
    ]);
  });

  it('reports a removed env var and an env value edited by hand', () => {
    const desired = deployment('nginx:1.27', [{ name: 'LOG_LEVEL', value: 'info' }]);
    const live = liveDeployment(desired, (o) => {
      web(o).env = [{ name: 'PORT', value: '9090' }];
    });
    assert.deepEqual(detectDrift(desired, live).changes, [
      { path: '/spec/template/spec/containers/web/env/PORT/value', op: 'replace', from: '8080', to: '9090' },
      {
        path: '/spec/template/spec/containers/web/env/LOG_LEVEL',
        op: 'remove',
        from: { name: 'LOG_LEVEL', value: 'info' },
      },
    ]);
  });

  it('treats int and string ports, the TCP default and empty maps as equal', () => {
    const desired = service();
    const ports = (desired.spec as { ports: Array<Record<string, unknown>> }).ports;
    (ports[0] as Record<string, unknown>).protocol = 'TCP';
    (desired.metadata as Record<string, unknown>).annotations = {};
    const live = asLive(service(), (o) => {
      const spec = o.spec as Record<string, unknown>;
      spec.ports = [{ name: 'http', port: 80, targetPort: '8080', protocol: 'TCP' }];
      spec.clusterIP = '10.96.14.7';
      spec.clusterIPs = ['10.96.14.7'];
      spec.type = 'ClusterIP';
      spec.sessionAffinity = 'None';
      o.metadata.annotations = undefined;
    });
    assert.equal(detectDrift(desired, live).state, 'in-sync');
  });

  it('reports a Service port edited live', () => {
    const live = asLive(service(), (o) => {
      (o.spec as Record<string, unknown>).ports = [{ name: 'http', port: 8081, targetPort: 8080, protocol: 'TCP' }];
    });
    assert.deepEqual(detectDrift(service(), live).changes, [
      { path: '/spec/ports/http/port', op: 'replace', from: 80, to: 8081 },
    ]);
  });

  it('reports extra items in a list Slipway owns whole', () => {
    const live = liveDeployment(deployment(), (o) => {
      (containers(o)[1] as Container).args = ['--statsd.listen-udp=:9125', '--debug'];
    });
    assert.deepEqual(detectDrift(deployment(), live).changes, [
      { path: '/spec/template/spec/containers/metrics/args/1', op: 'add', to: '--debug' },
    ]);
  });

  describe('Secrets', () => {
    const password = 'hunter2-correct-horse';
    const liveSecret = (data: Record<string, string>): KubeObject =>
      asLive({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'web-db', namespace: 'shop-prod' },
        type: 'Opaque',
        data,
      });

    it('compares stringData with the decoded live data', () => {
      const d = detectDrift(
        secret({ DB_PASSWORD: password, DB_USER: 'shop' }),
        liveSecret({ DB_PASSWORD: b64(password), DB_USER: b64('shop') }),
      );
      assert.deepEqual(d, { key: '/Secret/shop-prod/web-db', state: 'in-sync', changes: [] });
    });

    it('compares data with data', () => {
      const desired: KubeObject = {
        ...liveSecret({ K: b64(password) }),
        metadata: { name: 'web-db', namespace: 'shop-prod' },
      };
      assert.equal(detectDrift(desired, liveSecret({ K: b64(password) })).state, 'in-sync');
      const d = detectDrift(desired, liveSecret({ K: b64('other') }));
      assert.deepEqual(d.changes, [{ path: '/data/K', op: 'replace', from: '(secret)', to: '(secret)' }]);
    });

    it('reports changed and missing values without revealing them', () => {
      const edited = 'edited-by-hand-0000';
      const d = detectDrift(
        secret({ DB_PASSWORD: password, DB_USER: 'shop-user' }),
        liveSecret({ DB_PASSWORD: b64(edited), EXTRA: b64('someone-elses-value') }),
      );
      assert.equal(d.state, 'drifted');
      assert.deepEqual(d.changes, [
        { path: '/stringData/DB_PASSWORD', op: 'replace', from: '(secret)', to: '(secret)' },
        { path: '/stringData/DB_USER', op: 'remove', from: '(secret)' },
      ]);
      const json = JSON.stringify(d);
      for (const v of [password, edited, 'shop-user', 'someone-elses-value']) {
        assert.ok(!json.includes(v) && !json.includes(b64(v)) && !json.includes(b64(v).replace(/=+$/, '')), v);
      }
    });
  });
});

describe('detectDriftAll', () => {
  it('reports every object of a release in order', () => {
    const desired = [deployment(), service(), ingress(), configMap()];
    const live = new Map<string, KubeObject>();
    const scaledToZero = liveDeployment(deployment(), (o) => {
      (o.spec as Record<string, unknown>).replicas = 0;
    });
    live.set(objectKey(deployment()), scaledToZero);
    live.set(objectKey(service()), asLive(service()));
    live.set(objectKey(configMap()), asLive(configMap()));
    const drift = detectDriftAll(desired, live);
    assert.deepEqual(
      drift.map((d) => [d.key, d.state]),
      [
        ['apps/Deployment/shop-prod/web', 'drifted'],
        ['/Service/shop-prod/web', 'in-sync'],
        ['networking.k8s.io/Ingress/shop-prod/web', 'missing'],
        ['/ConfigMap/shop-prod/web-config', 'in-sync'],
      ],
    );
  });
});

describe('drift of a ConfigMap', () => {
  it('shows the values, which are not secret', () => {
    const desired = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'n' },
      data: { GREETING: 'hello' },
    };
    const drift = detectDrift(desired, { ...desired, data: { GREETING: 'edited' } });
    assert.deepEqual(drift.changes, [{ path: '/data/GREETING', op: 'replace', from: 'hello', to: 'edited' }]);
  });
});
