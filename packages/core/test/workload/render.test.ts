// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Score placeholders are written ${...} in plain strings
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  canonicalJson,
  fileSources,
  type KubeObject,
  parseScore,
  type RenderInput,
  renderWorkload,
  type ScoreWorkload,
  SlipwayError,
} from '../../src/index.ts';
import { environment, fakeResources, gatewayEnvironment, productionEnvironment } from './helpers.ts';
import { assertKubeValid } from './kube-validity.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read rendered objects of any kind freely
type Any = Record<string, any>;

const webService = parseScore(`
apiVersion: score.dev/v1b1
metadata:
  name: orders
  annotations:
    prometheus.io/scrape: "true"
containers:
  api:
    image: .
    variables:
      DB_HOST: \${resources.db.host}
      DB_PORT: \${resources.db.port}
      DB_USER: \${resources.db.username}
      DB_PASSWORD: \${resources.db.password}
      GREETING: Hello from \${metadata.name}
    files:
      /etc/orders/config.yaml:
        mode: "0644"
        content: |
          database: \${resources.db.host}:\${resources.db.port}
      /etc/orders/db.env:
        content: |
          PASSWORD=\${resources.db.password}
    livenessProbe:
      httpGet:
        path: /livez
        port: 8080
    readinessProbe:
      httpGet:
        path: /readyz
        port: 8080
    resources:
      requests:
        cpu: 250m
        memory: 256Mi
service:
  ports:
    http:
      port: 80
      targetPort: 8080
resources:
  db:
    type: postgres
  dns:
    type: dns
  route:
    type: route
    params:
      host: \${resources.dns.host}
      path: /api
      port: 80
`);

const input = (overrides: Partial<RenderInput> = {}): RenderInput => ({
  workload: webService,
  environment,
  resources: fakeResources(overrides.workload ?? webService),
  image: 'ghcr.io/acme/orders:1.4.2',
  release: 'rel-001',
  ...overrides,
});

const render = (overrides: Partial<RenderInput> = {}) => renderWorkload(input(overrides)).objects as Any[];
const find = (objects: Any[], kind: string) => objects.find((o) => o.kind === kind) as Any;
const kinds = (objects: Any[]) => objects.map((o) => o.kind);

function refusal(fn: () => unknown, code = 'invalid_input'): SlipwayError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof SlipwayError);
    assert.equal(error.code, code);
    return error;
  }
  assert.fail('rendering succeeded');
}

const workload = (yaml: string): ScoreWorkload => parseScore(`apiVersion: score.dev/v1b1\n${yaml}`);

describe('renderWorkload: a web service with a database and a route', () => {
  const objects = render();

  it('renders ordinary objects in the environment namespace, in apply order', () => {
    assert.deepEqual(kinds(objects), ['NetworkPolicy', 'ConfigMap', 'Secret', 'Service', 'Deployment', 'Ingress']);
    assertKubeValid(objects as KubeObject[], 'team-a-dev');
  });

  it('keeps the password out of the ConfigMap and puts it in the Secret', () => {
    const cm = find(objects, 'ConfigMap');
    const secret = find(objects, 'Secret');
    assert.ok(!JSON.stringify(cm).includes('s3cr3t-pw'));
    assert.equal(cm.data['env.api.DB_HOST'], 'orders-db');
    assert.equal(cm.data['env.api.DB_PORT'], '5432');
    assert.equal(cm.data['env.api.GREETING'], 'Hello from orders');
    assert.equal(Buffer.from(secret.data['env.api.DB_PASSWORD'], 'base64').toString(), 's3cr3t-pw');
    assert.equal(secret.type, 'Opaque');
  });

  it('points the container env at the ConfigMap and the Secret by key', () => {
    const env = find(objects, 'Deployment').spec.template.spec.containers[0].env as Any[];
    const byName = Object.fromEntries(env.map((e) => [e.name, e.valueFrom]));
    assert.deepEqual(byName.DB_HOST, { configMapKeyRef: { key: 'env.api.DB_HOST', name: 'orders-config' } });
    assert.deepEqual(byName.DB_PASSWORD, { secretKeyRef: { key: 'env.api.DB_PASSWORD', name: 'orders-secret' } });
    assert.deepEqual(
      env.map((e) => e.name),
      ['DB_HOST', 'DB_PASSWORD', 'DB_PORT', 'DB_USER', 'GREETING'],
    );
  });

  it('mounts files at their targets: plain ones from the ConfigMap, secret ones from the Secret', () => {
    const pod = find(objects, 'Deployment').spec.template.spec;
    const mounts = pod.containers[0].volumeMounts as Any[];
    assert.deepEqual(mounts, [
      { mountPath: '/etc/orders/config.yaml', name: 'slipway-files', readOnly: true, subPath: 'file.api.config.yaml' },
      { mountPath: '/etc/orders/db.env', name: 'slipway-secret-files', readOnly: true, subPath: 'file.api.db.env' },
    ]);
    const files = pod.volumes.find((v: Any) => v.name === 'slipway-files');
    assert.deepEqual(files.configMap.items, [
      { key: 'file.api.config.yaml', mode: 0o644, path: 'file.api.config.yaml' },
    ]);
    assert.equal(find(objects, 'ConfigMap').data['file.api.config.yaml'], 'database: orders-db:5432\n');
    assert.ok(find(objects, 'Secret').data['file.api.db.env']);
  });

  it('translates probes, keeps the workload resources and takes replicas and deadline from the environment', () => {
    const deployment = find(objects, 'Deployment');
    const c = deployment.spec.template.spec.containers[0];
    assert.deepEqual(c.livenessProbe, { httpGet: { path: '/livez', port: 8080 } });
    assert.deepEqual(c.readinessProbe, { httpGet: { path: '/readyz', port: 8080 } });
    assert.deepEqual(c.resources, { requests: { cpu: '250m', memory: '256Mi' } });
    assert.equal(c.image, 'ghcr.io/acme/orders:1.4.2');
    assert.equal(deployment.spec.replicas, 2);
    assert.equal(deployment.spec.progressDeadlineSeconds, 300);
  });

  it('labels everything, and selects pods by stable labels only', () => {
    const deployment = find(objects, 'Deployment');
    const expected = {
      'app.kubernetes.io/instance': 'orders-development',
      'app.kubernetes.io/managed-by': 'slipway',
      'app.kubernetes.io/name': 'orders',
      'app.kubernetes.io/version': '1.4.2',
      'slipway.dev/environment': 'development',
      'slipway.dev/release': 'rel-001',
      'slipway.dev/service': 'orders',
    };
    for (const o of objects) assert.deepEqual(o.metadata.labels, expected, o.kind);
    assert.deepEqual(deployment.spec.template.metadata.labels, expected);
    const selector = { 'app.kubernetes.io/instance': 'orders-development', 'app.kubernetes.io/name': 'orders' };
    assert.deepEqual(deployment.spec.selector.matchLabels, selector);
    assert.deepEqual(find(objects, 'Service').spec.selector, selector);
    const next = find(render({ release: 'rel-002' }), 'Deployment');
    assert.deepEqual(next.spec.selector, deployment.spec.selector, 'a new release rolls the same Deployment');
  });

  it('passes workload annotations to the pods, with a checksum of the config', () => {
    const annotations = find(objects, 'Deployment').spec.template.metadata.annotations;
    assert.equal(annotations['prometheus.io/scrape'], 'true');
    assert.match(annotations['slipway.dev/config-checksum'], /^[0-9a-f]{64}$/);
  });

  it('publishes the service ports', () => {
    const svc = find(objects, 'Service');
    assert.equal(svc.metadata.name, 'orders');
    assert.deepEqual(svc.spec.ports, [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }]);
  });

  it('turns the route into an Ingress of the environment class', () => {
    const ingress = find(objects, 'Ingress');
    assert.equal(ingress.metadata.name, 'orders-route');
    assert.deepEqual(ingress.spec, {
      ingressClassName: 'nginx',
      rules: [
        {
          host: 'orders-dns.dev.example.test',
          http: {
            paths: [
              { backend: { service: { name: 'orders', port: { number: 80 } } }, path: '/api', pathType: 'Prefix' },
            ],
          },
        },
      ],
    });
  });

  it("leaves a route to its provisioner's own objects when it made some (score-k8s's route provisioners)", () => {
    const resources = fakeResources(webService);
    const own = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'route-orders-1a2b3c4d', namespace: 'team-a-dev' },
      spec: { rules: [{ host: 'shop.localhost' }] },
    };
    resources.route = { ...(resources.route as NonNullable<typeof resources.route>), manifests: [own] };
    // The provisioner's objects are applied as the resource's; the workload adds no Ingress of its own.
    assert.deepEqual(kinds(render({ resources })), ['NetworkPolicy', 'ConfigMap', 'Secret', 'Service', 'Deployment']);
  });

  it('turns the route into an HTTPRoute on the environment gateway', () => {
    const route = find(render({ environment: gatewayEnvironment }), 'HTTPRoute');
    assert.equal(route.apiVersion, 'gateway.networking.k8s.io/v1');
    assert.deepEqual(route.spec, {
      hostnames: ['orders-dns.dev.example.test'],
      parentRefs: [{ name: 'public', namespace: 'gateways' }],
      rules: [
        { backendRefs: [{ name: 'orders', port: 80 }], matches: [{ path: { type: 'PathPrefix', value: '/api' } }] },
      ],
    });
  });
});

describe('renderWorkload: scaling', () => {
  it('adds an HPA and a PDB when the environment asks, and leaves replicas to the HPA', () => {
    const objects = render({ environment: productionEnvironment });
    assert.deepEqual(kinds(objects), [
      'NetworkPolicy',
      'ConfigMap',
      'Secret',
      'Service',
      'Deployment',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
      'Ingress',
    ]);
    const hpa = find(objects, 'HorizontalPodAutoscaler');
    assert.equal(hpa.apiVersion, 'autoscaling/v2');
    assert.deepEqual(hpa.spec.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'orders' });
    assert.equal(hpa.spec.minReplicas, 2);
    assert.equal(hpa.spec.metrics[0].resource.target.averageUtilization, 70);
    const pdb = find(objects, 'PodDisruptionBudget');
    assert.equal(pdb.apiVersion, 'policy/v1');
    assert.deepEqual(pdb.spec, {
      minAvailable: 1,
      selector: { matchLabels: find(objects, 'Deployment').spec.selector.matchLabels },
    });
    assert.equal(find(objects, 'Deployment').spec.replicas, undefined);
  });

  it('renders a PDB only when more than one pod can run', () => {
    const budget = { ...environment, defaults: { ...environment.defaults, disruptionBudget: { maxUnavailable: 1 } } };
    assert.ok(find(render({ environment: budget }), 'PodDisruptionBudget'));
    const single = { ...budget, defaults: { ...budget.defaults, replicas: 1 } };
    assert.equal(find(render({ environment: single }), 'PodDisruptionBudget'), undefined);
  });

  it('lets the workload fix its replicas by annotation, which turns autoscaling off', () => {
    const w = { ...webService, metadata: { ...webService.metadata, annotations: { 'slipway.dev/replicas': '1' } } };
    const objects = render({ workload: w, environment: productionEnvironment });
    assert.equal(find(objects, 'Deployment').spec.replicas, 1);
    assert.equal(find(objects, 'HorizontalPodAutoscaler'), undefined);
    assert.equal(find(objects, 'PodDisruptionBudget'), undefined);
    assert.equal(find(objects, 'Deployment').spec.template.metadata.annotations['slipway.dev/replicas'], undefined);
  });

  it('refuses a replica count that is not a number', () => {
    const w = { ...webService, metadata: { ...webService.metadata, annotations: { 'slipway.dev/replicas': 'many' } } };
    const error = refusal(() => render({ workload: w }));
    assert.deepEqual(
      error.fields?.map((f) => f.path),
      ['/metadata/annotations/slipway.dev~1replicas'],
    );
  });

  it('defaults container resources from the environment when the workload gives none', () => {
    const w = workload('metadata:\n  name: tiny\ncontainers:\n  main:\n    image: busybox\n');
    const c = find(render({ workload: w, image: undefined }), 'Deployment').spec.template.spec.containers[0];
    assert.deepEqual(c.resources, { limits: { memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
  });
});

describe('renderWorkload: StatefulSet', () => {
  const stateful = workload(`metadata:
  name: ledger
  annotations:
    slipway.dev/kind: StatefulSet
containers:
  ledger:
    image: ghcr.io/acme/ledger:2.0.0
    volumes:
      /data:
        source: \${resources.data}
service:
  ports:
    peer:
      port: 7000
resources:
  data:
    type: volume
    params:
      claim: true
`);

  it('renders a StatefulSet with a headless Service and a claim per pod', () => {
    const objects = render({ workload: stateful, image: undefined });
    assert.deepEqual(kinds(objects), ['NetworkPolicy', 'Service', 'Service', 'StatefulSet']);
    const sts = find(objects, 'StatefulSet');
    const headless = objects.find((o) => o.spec?.clusterIP === 'None') as Any;
    assert.equal(headless.metadata.name, 'ledger-headless');
    assert.equal(sts.spec.serviceName, 'ledger-headless');
    assert.equal(sts.spec.progressDeadlineSeconds, undefined);
    assert.equal(sts.spec.volumeClaimTemplates[0].metadata.name, 'vol-data');
    assert.deepEqual(sts.spec.template.spec.containers[0].volumeMounts, [{ mountPath: '/data', name: 'vol-data' }]);
    assertKubeValid(objects as KubeObject[], 'team-a-dev');
  });

  it('refuses a claim per pod on a Deployment', () => {
    const w = { ...stateful, metadata: { name: 'ledger' } };
    const error = refusal(() => render({ workload: w, image: undefined }));
    assert.deepEqual(
      error.fields?.map((f) => f.path),
      ['/containers/ledger/volumes/~1data/source'],
    );
    assert.match(error.fields?.[0]?.message ?? '', /StatefulSet/);
  });

  it('refuses an unknown kind', () => {
    const w = { ...stateful, metadata: { name: 'ledger', annotations: { 'slipway.dev/kind': 'DaemonSet' } } };
    assert.match(refusal(() => render({ workload: w })).fields?.[0]?.message ?? '', /Deployment or StatefulSet/);
  });
});

describe('renderWorkload: images', () => {
  const two = workload(`metadata:
  name: pair
containers:
  app:
    image: .
  proxy:
    image: envoyproxy/envoy:v1.31.0
`);

  it('replaces "." with the deployed image and keeps the others', () => {
    const pod = find(render({ workload: two, resources: {} }), 'Deployment').spec.template.spec;
    assert.deepEqual(
      pod.containers.map((c: Any) => c.image),
      ['ghcr.io/acme/orders:1.4.2', 'envoyproxy/envoy:v1.31.0'],
    );
  });

  it('replaces the image of a single container', () => {
    const one = workload('metadata:\n  name: solo\ncontainers:\n  main:\n    image: nginx:1.0\n');
    const c = find(render({ workload: one, resources: {} }), 'Deployment').spec.template.spec.containers[0];
    assert.equal(c.image, 'ghcr.io/acme/orders:1.4.2');
  });

  it('refuses "." without a deployed image, at the container image', () => {
    const error = refusal(() => render({ workload: two, resources: {}, image: undefined }));
    assert.deepEqual(
      error.fields?.map((f) => f.path),
      ['/containers/app/image'],
    );
    assert.match(error.fields?.[0]?.message ?? '', /given at deploy time/);
  });

  it('refuses a deployed image no container takes', () => {
    const fixed = { ...two, containers: { ...two.containers, app: { image: 'x:1' } } };
    const error = refusal(() => render({ workload: fixed, resources: {} }));
    assert.deepEqual(
      error.fields?.map((f) => f.path),
      ['/containers'],
    );
  });

  it('labels the version from the image tag only when there is one', () => {
    const digest = render({ image: 'ghcr.io/acme/orders@sha256:abc' });
    assert.equal(find(digest, 'Deployment').metadata.labels['app.kubernetes.io/version'], undefined);
    const registryPort = render({ image: 'localhost:5000/orders:2.0' });
    assert.equal(find(registryPort, 'Deployment').metadata.labels['app.kubernetes.io/version'], '2.0');
  });
});

describe('renderWorkload: determinism and names', () => {
  it('renders byte-identical output for the same input, whatever the key order of the Score file', () => {
    const reordered = parseScore(JSON.parse(JSON.stringify(webService), (_k, v) => reverseKeys(v)));
    const a = canonicalJson(render());
    assert.equal(canonicalJson(render()), a);
    assert.equal(canonicalJson(render({ workload: reordered })), a);
    assert.equal(JSON.stringify(render()), JSON.stringify(render({ workload: reordered })));
  });

  it('changes the config checksum, and so rolls the pods, when a value changes', () => {
    const checksum = (objects: Any[]) =>
      find(objects, 'Deployment').spec.template.metadata.annotations['slipway.dev/config-checksum'];
    const resources = fakeResources(webService);
    const db = resources.db as NonNullable<(typeof resources)['db']>;
    const changed = { ...resources, db: { ...db, outputs: { ...db.outputs, password: 'rotated' } } };
    assert.notEqual(checksum(render({ resources: changed })), checksum(render()));
  });

  it('keys the config checksum when given a key: secret values cannot be guessed from it offline', () => {
    const checksum = (objects: Any[]) =>
      find(objects, 'Deployment').spec.template.metadata.annotations['slipway.dev/config-checksum'];
    const keyed = checksum(render({ checksumKey: 'installation-secret' }));
    assert.match(keyed, /^[0-9a-f]{64}$/);
    assert.notEqual(keyed, checksum(render()), 'differs from the plain sha256 anyone could recompute');
    assert.equal(checksum(render({ checksumKey: 'installation-secret' })), keyed, 'and is stable');
    assert.notEqual(checksum(render({ checksumKey: 'another-installation' })), keyed);
  });

  it('keeps long names within 63 characters with a hash, distinct for distinct inputs', () => {
    const long = 'a-very-long-service-name-for-the-payments-team-reconciliation-engine';
    const objects = render({ serviceName: long, environment: { ...environment, name: 'preview-pull-request-12345' } });
    assertKubeValid(objects as KubeObject[], 'team-a-dev');
    const deployment = find(objects, 'Deployment');
    assert.ok(deployment.metadata.name.length <= 63);
    assert.match(deployment.metadata.name, /^a-very-long-service-name-for-the-payments-team-reco.*-[0-9a-f]{8}$/);
    for (const o of objects) assert.ok(o.metadata.name.length <= 63, o.metadata.name);
    const other = find(render({ serviceName: `${long}-two` }), 'Deployment');
    assert.notEqual(other.metadata.name, deployment.metadata.name);
  });

  it('gives a Service a name that starts with a letter', () => {
    const w = workload(
      'metadata:\n  name: 9lives\ncontainers:\n  main:\n    image: x\nservice:\n  ports:\n    http:\n      port: 80\n',
    );
    const objects = render({ workload: w, resources: {} });
    assert.match(find(objects, 'Service').metadata.name, /^x9lives-[0-9a-f]{8}$/);
    assert.equal(find(objects, 'Deployment').metadata.name, '9lives');
  });
});

describe('renderWorkload: problems', () => {
  it('reports every bad placeholder at its field, with what exists', () => {
    const w = structuredClone(webService);
    const api = w.containers.api as NonNullable<(typeof w.containers)['api']>;
    api.variables = { A: '${resources.cache.host}', B: '${resources.db.pasword}' };
    const error = refusal(() => render({ workload: w }));
    assert.deepEqual(
      error.fields?.map((f) => f.path),
      ['/containers/api/variables/A', '/containers/api/variables/B'],
    );
    assert.match(error.fields?.[0]?.message ?? '', /"cache".*its resources are: db, dns, route/);
    assert.match(
      error.fields?.[1]?.message ?? '',
      /"pasword".*it has: database, host, name, password, port, url, username/,
    );
  });

  it('reads file sources from what the caller supplied, and says when one is missing', () => {
    const w = workload(`metadata:
  name: src
containers:
  main:
    image: x
    files:
      /etc/app.conf:
        source: ./app.conf
`);
    assert.deepEqual(fileSources(w), ['./app.conf']);
    const objects = render({ workload: w, resources: {}, fileSources: { './app.conf': 'name=${metadata.name}\n' } });
    assert.equal(find(objects, 'ConfigMap').data['file.main.app.conf'], 'name=src\n');
    const error = refusal(() => render({ workload: w, resources: {} }));
    assert.deepEqual(
      error.fields?.map((f) => f.path),
      ['/containers/main/files/~1etc~1app.conf/source'],
    );
  });

  it('refuses volumes that do not name a mountable resource', () => {
    const w = workload(`metadata:
  name: vols
containers:
  main:
    image: x
    volumes:
      /a:
        source: \${resources.db}
      /b:
        source: somewhere
      relative:
        source: \${resources.tmp}
resources:
  db:
    type: postgres
  tmp:
    type: volume
`);
    const error = refusal(() => render({ workload: w, resources: fakeResources(w) }));
    assert.deepEqual(
      error.fields?.map((f) => f.path),
      [
        '/containers/main/volumes/~1a/source',
        '/containers/main/volumes/~1b/source',
        '/containers/main/volumes/relative',
      ],
    );
  });

  it('refuses a route when the workload publishes no port', () => {
    const w = workload(
      'metadata:\n  name: rt\ncontainers:\n  main:\n    image: x\nresources:\n  route:\n    type: route\n',
    );
    const error = refusal(() => render({ workload: w, resources: fakeResources(w) }));
    assert.deepEqual(
      error.fields?.map((f) => f.path),
      ['/resources/route'],
    );
  });

  it('reports a platform problem as invalid_config', () => {
    const broken = { ...gatewayEnvironment, gateway: undefined };
    const error = refusal(() => render({ environment: broken }), 'invalid_config');
    assert.match(error.message, /no gateway/);
  });
});

describe('renderWorkload: container order', () => {
  it('runs containers with before ahead of the others: to completion, or as sidecars', () => {
    const w = workload(`metadata:
  name: ordered
containers:
  app:
    image: app:1
  migrate:
    image: migrate:1
    before:
      app:
        ready: complete
  proxy:
    image: proxy:1
    readinessProbe:
      httpGet:
        path: /ready
        port: 15021
    before:
      app:
        ready: healthy
`);
    const pod = find(render({ workload: w, resources: {}, image: undefined }), 'Deployment').spec.template.spec;
    assert.deepEqual(
      pod.containers.map((c: Any) => c.name),
      ['app'],
    );
    assert.deepEqual(
      pod.initContainers.map((c: Any) => [c.name, c.restartPolicy]),
      [
        ['migrate', undefined],
        ['proxy', 'Always'],
      ],
    );
    assert.deepEqual(pod.initContainers[1].startupProbe, pod.initContainers[1].readinessProbe);
  });
});

function reverseKeys(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  return Object.fromEntries(Object.entries(v).reverse());
}

describe('probe headers Kubernetes would refuse', () => {
  it('are named with their path instead of failing at the API server', () => {
    const workload = parseScore({
      apiVersion: 'score.dev/v1b1',
      metadata: { name: 'probed' },
      containers: {
        web: {
          image: 'nginx:1.27',
          readinessProbe: { httpGet: { port: 80, path: '/', httpHeaders: [{ name: 'SOME_HEADER', value: 'x' }] } },
        },
      },
    });
    assert.throws(
      () =>
        renderWorkload({
          workload,
          environment: {
            name: 'dev',
            type: 'development',
            namespace: 'dev',
            routeKind: 'Ingress',
            defaults: { replicas: 1, progressDeadlineSeconds: 60 },
          },
          resources: {},
          release: 'r1',
        }),
      (error: unknown) => {
        assert.ok(error instanceof SlipwayError);
        assert.equal(error.fields?.[0]?.path, '/containers/web/readinessProbe/httpGet/httpHeaders/0/name');
        assert.match(error.message, /SOME_HEADER/);
        return true;
      },
    );
  });
});

describe('renderWorkload: secret variables', () => {
  const app = workload(`
metadata:
  name: shop
containers:
  web:
    image: nginx:1.27
    variables:
      DB_PASSWORD: \${secrets.DB_PASSWORD}
      DSN: postgres://app:\${secrets.DB_PASSWORD}@db/app
      MODE: plain
    files:
      /etc/shop/token:
        content: \${secrets.API_TOKEN}
`);
  const secrets = { DB_PASSWORD: 'pa55-w0rd', API_TOKEN: 'tok-abc' };
  const renderApp = (overrides: Partial<RenderInput> = {}) =>
    renderWorkload({ workload: app, environment, resources: {}, release: 'r1', secrets, ...overrides })
      .objects as Any[];

  it('puts values that read secrets in the Secret only, referenced by key', () => {
    const objects = renderApp();
    const cm = find(objects, 'ConfigMap');
    const secret = find(objects, 'Secret');
    assert.ok(!JSON.stringify(cm).includes('pa55-w0rd') && !JSON.stringify(cm).includes('tok-abc'));
    assert.equal(cm.data['env.web.MODE'], 'plain');
    const decoded = (key: string) => Buffer.from(secret.data[key], 'base64').toString();
    assert.equal(decoded('env.web.DB_PASSWORD'), 'pa55-w0rd');
    assert.equal(decoded('env.web.DSN'), 'postgres://app:pa55-w0rd@db/app');
    assert.equal(decoded('file.web.token'), 'tok-abc');
    const pod = find(objects, 'Deployment').spec.template.spec;
    const env = Object.fromEntries((pod.containers[0].env as Any[]).map((e) => [e.name, e.valueFrom]));
    assert.deepEqual(env.DB_PASSWORD, { secretKeyRef: { name: 'shop-secret', key: 'env.web.DB_PASSWORD' } });
    assert.deepEqual(env.MODE, { configMapKeyRef: { name: 'shop-config', key: 'env.web.MODE' } });
    assert.equal(pod.containers[0].volumeMounts[0].name, 'slipway-secret-files');
  });

  it('refuses a missing secret at the variable, naming the service, environment and command', () => {
    const error = refusal(() => renderApp({ secrets: { API_TOKEN: 'tok-abc' }, serviceName: 'shop-api' }));
    assert.deepEqual(
      error.fields?.map((f) => f.path),
      ['/containers/web/variables/DB_PASSWORD', '/containers/web/variables/DSN'],
    );
    assert.match(
      error.message,
      /secret variable "DB_PASSWORD", which is not set for service "shop-api" in environment "development"/,
    );
    assert.match(error.message, /slipway secret set shop-api DB_PASSWORD --env development/);
    assert.doesNotMatch(JSON.stringify(error.fields), /tok-abc/);
  });

  it('keeps secrets out of route params, where they would be in plain sight', () => {
    const routed = workload(`
metadata:
  name: shop
containers:
  web:
    image: nginx:1.27
service:
  ports:
    http:
      port: 80
resources:
  route:
    type: route
    params:
      host: \${secrets.HOST}
`);
    const error = refusal(() =>
      renderWorkload({
        workload: routed,
        environment,
        resources: fakeResources(routed),
        release: 'r1',
        secrets: { HOST: 'hidden.example.test' },
      }),
    );
    assert.equal(error.fields?.[0]?.path, '/resources/route/params/host');
    assert.match(error.fields?.[0]?.message ?? '', /only in container variables and file content/);
    assert.doesNotMatch(error.message, /hidden\.example/);
  });
});
