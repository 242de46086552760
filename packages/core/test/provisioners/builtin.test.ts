import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../src/kube/object.ts';
import { dns1123Label } from '../../src/provisioners/names.ts';
import { resolveResources } from '../../src/provisioners/resolve.ts';
import type { ResourceRequest } from '../../src/resources/resolved.ts';
import { environment, seed } from './fixtures.ts';

function resolveOne(request: Omit<ResourceRequest, 'name'>, workloadName = 'web', env = environment) {
  const { resolved } = resolveResources({
    workloadName,
    resources: { r: request },
    environment: env,
    provisioners: [],
    seed,
  });
  return resolved.r ?? assert.fail('not resolved');
}

/** The parts of a pod-owning object these tests read. */
interface Container {
  image: string;
  command?: string[];
  args?: string[];
  ports: Array<{ containerPort: number }>;
  env: Array<{ name: string; valueFrom?: unknown }>;
  resources: { requests: Record<string, string> };
}
interface Workload {
  spec: {
    serviceName: string;
    selector: { matchLabels: Record<string, string> };
    template: { spec: { containers: Container[] } };
  };
}

const byKind = (manifests: KubeObject[], kind: string): KubeObject =>
  manifests.find((m) => m.kind === kind) ?? assert.fail(`no ${kind}`);

/** What the API server checks first: names, labels, namespace. */
function assertAcceptable(manifests: KubeObject[]) {
  for (const m of manifests) {
    assert.match(m.metadata.name, dns1123Label);
    assert.ok(m.metadata.name.length <= 63, m.metadata.name);
    assert.equal(m.metadata.namespace, environment.namespace);
    for (const [key, value] of Object.entries(m.metadata.labels ?? {})) {
      assert.match(value, /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/, key);
      assert.ok(value.length <= 63, key);
    }
    assert.equal(m.metadata.labels?.['app.kubernetes.io/managed-by'], 'slipway');
  }
}

describe('built-in service-port', () => {
  it("outputs the other workload's Service host (also as score-k8s's hostname) and port", () => {
    const r = resolveOne({ type: 'service-port', params: { workload: 'Backend', port: 8080 } });
    assert.deepEqual(r.outputs, { host: 'backend', hostname: 'backend', port: 8080 });
    assert.deepEqual(r.manifests, []);
    assert.equal(r.provisioner, 'builtin/service-port');
  });

  it('needs the workload and port params', () => {
    assert.throws(
      () => resolveOne({ type: 'service-port', params: { port: 0 } }),
      (e: { fields: Array<{ path: string }> }) => {
        assert.deepEqual([...new Set(e.fields.map((f) => f.path))].sort(), [
          '/resources/r/params/port',
          '/resources/r/params/workload',
        ]);
        return true;
      },
    );
  });
});

describe("built-in service-port against the environment's workloads", () => {
  const environmentWorkloads = {
    api: { http: { port: 80, targetPort: 8080 }, metrics: { port: 9090 } },
  };
  const resolve = (params: Record<string, unknown>, known: typeof environmentWorkloads | undefined) =>
    resolveResources({
      workloadName: 'web',
      workloadPorts: { web: { port: 3000 } },
      resources: { api: { type: 'service-port', params } },
      environment,
      provisioners: [],
      seed,
      ...(known ? { environmentWorkloads: known } : {}),
    }).resolved.api?.outputs;
  const refusal = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      const e = error as { code: string; message: string; hint?: string; fields: Array<{ path: string }> };
      assert.equal(e.code, 'invalid_input');
      return e;
    }
    assert.fail('expected an error');
  };

  it('resolves a named port (as score-k8s) or a number, given as a string too, to the port its Service serves', () => {
    const expected = { host: 'api', hostname: 'api', port: 80 };
    assert.deepEqual(resolve({ workload: 'api', port: 'http' }, environmentWorkloads), expected);
    assert.deepEqual(resolve({ workload: 'api', port: '80' }, environmentWorkloads), expected);
    assert.deepEqual(resolve({ workload: 'api', port: 80 }, environmentWorkloads), expected);
    assert.equal(resolve({ workload: 'api', port: 'metrics' }, environmentWorkloads)?.port, 9090);
    // The workload being deployed is among them, with its ports as this deploy gives them.
    assert.equal(resolve({ workload: 'web', port: 'web' }, environmentWorkloads)?.port, 3000);
  });

  it('refuses a workload not deployed in the environment, naming the field and the ones that are', () => {
    const e = refusal(() => resolve({ workload: 'billing', port: 'http' }, environmentWorkloads));
    assert.deepEqual(
      e.fields.map((f) => f.path),
      ['/resources/api/params/workload'],
    );
    assert.match(e.message, /the workload "billing" is not deployed in this environment/);
    assert.match(e.hint ?? '', /workloads deployed here: api, web/);
  });

  it('refuses a port the workload does not serve, naming the ports it does', () => {
    for (const port of ['grpc', '8080', 443]) {
      const e = refusal(() => resolve({ workload: 'api', port }, environmentWorkloads));
      assert.deepEqual(
        e.fields.map((f) => f.path),
        ['/resources/api/params/port'],
      );
      assert.match(e.message, new RegExp(`the workload "api" has no port "${port}"`));
      assert.match(e.hint ?? '', /its service ports: http \(80\), metrics \(9090\)/);
    }
  });

  it("takes a number unchecked when the environment's workloads are not known, and refuses a name", () => {
    assert.equal(resolve({ workload: 'api', port: '8080' }, undefined)?.port, 8080);
    const e = refusal(() => resolve({ workload: 'api', port: 'http' }, undefined));
    assert.deepEqual(
      e.fields.map((f) => f.path),
      ['/resources/api/params/port'],
    );
  });
});

describe('built-in volume', () => {
  it('is an emptyDir by default', () => {
    const r = resolveOne({ type: 'volume' });
    assert.deepEqual(r.outputs, { source: { emptyDir: {} } });
    assert.deepEqual(r.manifests, []);
  });

  it('is a PersistentVolumeClaim for class persistent', () => {
    const r = resolveOne({ type: 'volume', class: 'persistent', params: { size: '5Gi' } });
    const pvc = byKind(r.manifests, 'PersistentVolumeClaim');
    assert.deepEqual(r.outputs, { source: { persistentVolumeClaim: { claimName: pvc.metadata.name } } });
    assert.equal(pvc.metadata.name, 'web-r');
    assert.deepEqual(pvc.spec, { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } });
    assertAcceptable(r.manifests);
  });

  it('passes the storage class when given', () => {
    const r = resolveOne({ type: 'volume', class: 'persistent', params: { storageClassName: 'fast' } });
    assert.equal(byKind(r.manifests, 'PersistentVolumeClaim').spec?.storageClassName, 'fast');
  });
});

describe('built-in route', () => {
  it('defaults the host to <workload>.<domain> and the path to /', () => {
    assert.deepEqual(resolveOne({ type: 'route', params: { port: 8080 } }).outputs, {
      host: 'web.dev.example.com',
      path: '/',
      port: 8080,
    });
  });

  it('takes host and path from params', () => {
    const r = resolveOne({ type: 'route', params: { host: 'shop.example.com', path: '/api', port: 80 } });
    assert.deepEqual(r.outputs, { host: 'shop.example.com', path: '/api', port: 80 });
  });

  it('asks for a host when the environment has no domain', () => {
    const noDomain = { ...environment, domain: undefined };
    assert.throws(() => resolveOne({ type: 'route', params: { port: 80 } }, 'web', noDomain), /set params.host/);
  });
});

describe('built-in dns', () => {
  it('outputs a host named after the resource id, under the domain', () => {
    assert.deepEqual(resolveOne({ type: 'dns' }).outputs, { host: 'web-r.dev.example.com' });
    assert.deepEqual(resolveOne({ type: 'dns', id: 'Shop.Front' }).outputs, { host: 'shop-front.dev.example.com' });
  });

  it('makes one under <environment>.localhost when the environment has no domain, as score-k8s does', () => {
    const noDomain = { ...environment, domain: undefined };
    assert.deepEqual(resolveOne({ type: 'dns' }, 'web', noDomain).outputs, {
      host: `web-r.${environment.name}.localhost`,
    });
  });
});

describe('built-in postgres', () => {
  const r = resolveOne({ type: 'postgres' });

  it('outputs host, port, name, username, password and url, the secrets marked', () => {
    const { host, port, name, username, password, url } = r.outputs as Record<string, string | number>;
    assert.equal(host, 'web-r-postgres');
    assert.equal(port, 5432);
    assert.equal(name, 'app');
    assert.equal(username, 'app');
    assert.match(String(password), /^[A-Za-z0-9]{32}$/);
    assert.equal(url, `postgres://app:${password}@web-r-postgres:5432/app`);
    assert.deepEqual(r.secretOutputs, ['password', 'url']);
    assert.equal(r.shared, false);
    assert.equal(r.id, 'web.r');
  });

  it('runs postgres:16 in a StatefulSet behind a Service, credentials in a Secret', () => {
    assert.deepEqual(
      r.manifests.map((m) => m.kind),
      ['Secret', 'Service', 'StatefulSet', 'NetworkPolicy'],
    );
    assertAcceptable(r.manifests);
    const secret = byKind(r.manifests, 'Secret');
    assert.equal(
      Buffer.from(String(secret.data?.password), 'base64').toString(),
      (r.outputs as { password: string }).password,
    );
    const sts = byKind(r.manifests, 'StatefulSet') as unknown as Workload;
    const container = sts.spec.template.spec.containers[0] ?? assert.fail('no container');
    assert.equal(container.image, 'postgres:16');
    assert.equal(container.ports[0]?.containerPort, 5432);
    assert.deepEqual(container.resources.requests, { cpu: '100m', memory: '256Mi' });
    assert.deepEqual(sts.spec.selector.matchLabels, {
      'app.kubernetes.io/name': 'postgres',
      'app.kubernetes.io/instance': 'web-r-postgres',
    });
    assert.equal(sts.spec.serviceName, 'web-r-postgres');
    const env = Object.fromEntries(container.env.map((e) => [e.name, e.valueFrom]));
    assert.deepEqual(env.POSTGRES_PASSWORD, { secretKeyRef: { name: 'web-r-postgres', key: 'password' } });
    const service = byKind(r.manifests, 'Service') as KubeObject & { spec: Record<string, unknown> };
    assert.deepEqual(service.spec.ports, [{ name: 'postgres', port: 5432, targetPort: 5432, protocol: 'TCP' }]);
    assert.deepEqual(service.spec.selector, sts.spec.selector.matchLabels);
  });

  it("admits, on its port only, the pods labelled as the resource's users", () => {
    const policy = byKind(r.manifests, 'NetworkPolicy');
    const sts = byKind(r.manifests, 'StatefulSet') as unknown as Workload;
    assert.equal(r.manifests[0]?.metadata.labels?.['slipway.dev/resource'], 'web-r');
    assert.deepEqual(policy.spec, {
      podSelector: { matchLabels: sts.spec.selector.matchLabels },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ podSelector: { matchExpressions: [{ key: 'resources.slipway.dev/web-r', operator: 'Exists' }] } }],
          ports: [{ port: 5432, protocol: 'TCP' }],
        },
      ],
    });
  });

  it('keeps names short enough for the StatefulSet and its pods', () => {
    const long = resolveOne({ type: 'postgres', id: `orders-${'x'.repeat(80)}` });
    assertAcceptable(long.manifests);
    assert.ok(byKind(long.manifests, 'StatefulSet').metadata.name.length <= 40);
  });

  it('refuses params it does not know', () => {
    assert.throws(
      () => resolveOne({ type: 'postgres', params: { version: 15 } }),
      (e: { fields: Array<{ path: string }> }) => {
        assert.deepEqual(
          e.fields.map((f) => f.path),
          ['/resources/r/params/version'],
        );
        return true;
      },
    );
  });
});

describe('built-in redis', () => {
  it('runs redis:7 with a password from its Secret', () => {
    const r = resolveOne({ type: 'redis' });
    const { host, port, password } = r.outputs as Record<string, string | number>;
    assert.equal(host, 'web-r-redis');
    assert.equal(port, 6379);
    assert.match(String(password), /^[A-Za-z0-9]{32}$/);
    assert.deepEqual(r.secretOutputs, ['password', 'url']);
    assert.deepEqual(
      r.manifests.map((m) => m.kind),
      ['Secret', 'Service', 'StatefulSet', 'NetworkPolicy'],
    );
    assertAcceptable(r.manifests);
    const policy = byKind(r.manifests, 'NetworkPolicy') as KubeObject & {
      spec: { ingress: Array<{ ports: unknown }> };
    };
    assert.deepEqual(policy.spec.ingress[0]?.ports, [{ port: 6379, protocol: 'TCP' }]);
    const sts = byKind(r.manifests, 'StatefulSet') as unknown as Workload;
    const container = sts.spec.template.spec.containers[0] ?? assert.fail('no container');
    assert.equal(container.image, 'redis:7');
    assert.deepEqual(container.args?.slice(0, 2), ['--requirepass', '$(REDIS_PASSWORD)']);
    assert.ok(!JSON.stringify(container).includes(String(password)), 'the password stays out of the pod spec');
  });
});

/**
 * The data stores score-k8s provisions by default: each built-in gives at least the outputs
 * score-k8s's own provisioner lists as `expected_outputs` (internal/provisioners/default), so a
 * Score file written for score-k8s resolves its `${resources.x.…}` here unchanged.
 */
const scoreK8sOutputs: Record<string, { outputs: string[]; image: string; port: number; secretKeys: string[] }> = {
  postgres: {
    outputs: ['host', 'port', 'name', 'database', 'username', 'password'],
    image: 'postgres:16',
    port: 5432,
    secretKeys: ['database', 'password', 'username'],
  },
  mysql: {
    outputs: ['host', 'port', 'name', 'database', 'username', 'password'],
    image: 'mysql:8.4',
    port: 3306,
    secretKeys: ['database', 'password', 'root-password', 'username'],
  },
  mongodb: {
    outputs: ['host', 'port', 'username', 'password', 'connection'],
    image: 'mongo:7',
    port: 27017,
    secretKeys: ['password', 'username'],
  },
  amqp: {
    outputs: ['host', 'port', 'vhost', 'username', 'password'],
    image: 'rabbitmq:3.13',
    port: 5672,
    secretKeys: ['password', 'username'],
  },
  mssql: {
    outputs: ['server', 'port', 'connection', 'database', 'username', 'password'],
    image: 'mcr.microsoft.com/mssql/server:2022-latest',
    port: 1433,
    secretKeys: ['password'],
  },
  'kafka-topic': {
    outputs: ['host', 'port', 'name', 'num_partitions'],
    image: 'apache/kafka:3.9.0',
    port: 9092,
    secretKeys: [],
  },
  elasticsearch: {
    outputs: ['host', 'port', 'username', 'password'],
    image: 'docker.elastic.co/elasticsearch/elasticsearch:8.15.3',
    port: 9200,
    secretKeys: ['password'],
  },
  s3: {
    outputs: ['bucket', 'endpoint', 'region', 'access_key_id', 'secret_key', 'aws_access_key_id', 'aws_secret_key'],
    image: 'quay.io/minio/minio:RELEASE.2025-04-22T22-12-26Z',
    port: 9000,
    secretKeys: ['access-key-id', 'secret-key'],
  },
};

describe("built-in data stores give score-k8s's outputs", () => {
  for (const [type, expected] of Object.entries(scoreK8sOutputs)) {
    it(`${type}: ${expected.outputs.join(', ')}; a server of its own, credentials from its Secret`, () => {
      const r = resolveOne({ type });
      const outputs = r.outputs as Record<string, unknown>;
      for (const key of expected.outputs)
        assert.ok(outputs[key] !== undefined && outputs[key] !== '', `${type}.${key}`);
      if (expected.outputs.includes('port')) assert.equal(outputs.port, expected.port);
      assertAcceptable(r.manifests);
      const sts = byKind(r.manifests, 'StatefulSet') as unknown as Workload;
      const container = sts.spec.template.spec.containers[0] ?? assert.fail('no container');
      assert.equal(container.image, expected.image);
      assert.deepEqual(
        container.ports.map((p) => p.containerPort),
        [expected.port],
      );
      const secret = r.manifests.find((m) => m.kind === 'Secret') as (KubeObject & { data: object }) | undefined;
      assert.deepEqual(Object.keys(secret?.data ?? {}).sort(), expected.secretKeys);
      const password = outputs.password;
      if (typeof password === 'string') {
        assert.ok(r.secretOutputs.includes('password'));
        assert.ok(!JSON.stringify(r.manifests).includes(password), 'the password is in the Secret, base64, only');
      }
    });
  }

  it('connection strings name the server, user and password', () => {
    const mongo = resolveOne({ type: 'mongodb' }).outputs as Record<string, string>;
    assert.equal(mongo.connection, `mongodb://app:${mongo.password}@web-r-mongodb:27017/`);
    const sql = resolveOne({ type: 'mssql' }).outputs as Record<string, string>;
    assert.match(sql.password ?? '', /^Aa1-[A-Za-z0-9]{28}$/);
    assert.equal(
      sql.connection,
      `Server=tcp:web-r-mssql,1433;Initial Catalog=master;User ID=sa;Password=${sql.password};TrustServerCertificate=True`,
    );
    const rabbit = resolveOne({ type: 'amqp' }).outputs as Record<string, string>;
    assert.equal(rabbit.url, `amqp://app:${rabbit.password}@web-r-rabbitmq:5672/%2F`);
    const bucket = resolveOne({ type: 's3' });
    const keys = bucket.outputs as Record<string, string>;
    assert.equal(keys.endpoint, 'http://web-r-minio:9000');
    assert.equal(keys.bucket, 'bucket-web-r');
    assert.equal(keys.aws_secret_key, keys.secret_key);
    assert.deepEqual(bucket.secretOutputs.sort(), ['aws_secret_key', 'secret_key']);
    const minio = (byKind(bucket.manifests, 'StatefulSet') as unknown as Workload).spec.template.spec.containers[0];
    assert.deepEqual(minio?.command, ['sh', '-c', 'mkdir -p /data/bucket-web-r && exec minio server /data']);
    const kafka = resolveOne({ type: 'kafka-topic' });
    assert.deepEqual(kafka.outputs, { host: 'web-r-kafka', port: 9092, name: 'web-r', num_partitions: 3 });
    const sts = byKind(kafka.manifests, 'StatefulSet') as unknown as Workload;
    const env = sts.spec.template.spec.containers[0]?.env ?? [];
    assert.ok(
      env.some(
        (e) => e.name === 'KAFKA_ADVERTISED_LISTENERS' && 'value' in e && e.value === 'PLAINTEXT://web-r-kafka:9092',
      ),
    );
  });
});
