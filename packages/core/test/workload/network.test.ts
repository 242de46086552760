// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Score placeholders are written ${...} in plain strings
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  dependencyLabel,
  type KubeObject,
  parseScore,
  type RenderInput,
  renderWorkload,
  type ScoreWorkload,
} from '../../src/index.ts';
import { environment, fakeResources, gatewayEnvironment } from './helpers.ts';
import { assertKubeValid } from './kube-validity.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read rendered objects of any kind freely
type Any = Record<string, any>;

const workload = (yaml: string): ScoreWorkload => parseScore(`apiVersion: score.dev/v1b1\n${yaml}`);

/** An API other workloads call, published on two ports, one of them routed from outside. */
const api = workload(`metadata:
  name: api
containers:
  main:
    image: ghcr.io/acme/api:1.0.0
service:
  ports:
    http:
      port: 80
      targetPort: 8080
    metrics:
      port: 9090
    dns:
      port: 53
      protocol: UDP
resources:
  public:
    type: route
    params:
      port: 80
`);

/** A frontend that calls the API (and, through the same declaration twice, stays one label). */
const web = workload(`metadata:
  name: web
containers:
  main:
    image: ghcr.io/acme/web:1.0.0
    variables:
      API_URL: http://\${resources.api.host}:\${resources.api.port}
      API_AGAIN: \${resources.api-admin.hostname}
resources:
  api:
    type: service-port
    params:
      workload: api
      port: 80
  api-admin:
    type: service-port
    params:
      workload: api
      port: 9090
`);

const render = (w: ScoreWorkload, overrides: Partial<RenderInput> = {}): Any[] =>
  renderWorkload({
    workload: w,
    environment,
    resources: fakeResources(w),
    release: 'rel-001',
    ...overrides,
  }).objects as Any[];

const policyOf = (objects: Any[]) => objects.find((o) => o.kind === 'NetworkPolicy') as Any;
const podLabelsOf = (objects: Any[]) =>
  (objects.find((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet') as Any).spec.template.metadata.labels;
const selector = (name: string) => ({
  'app.kubernetes.io/instance': `${name}-development`,
  'app.kubernetes.io/name': name,
});

describe('renderWorkload: network isolation, the side that is called', () => {
  const objects = render(api);

  it("admits its own pods, its dependents on the pods' ports, and the ingress controllers for its routes", () => {
    const policy = policyOf(objects);
    assert.equal(policy.metadata.name, 'api-allow');
    assert.equal(policy.metadata.namespace, 'team-a-dev');
    const ports = [
      { port: 53, protocol: 'UDP' },
      { port: 8080, protocol: 'TCP' },
      { port: 9090, protocol: 'TCP' },
    ];
    assert.deepEqual(policy.spec, {
      podSelector: { matchLabels: selector('api') },
      policyTypes: ['Ingress'],
      ingress: [
        { from: [{ podSelector: { matchLabels: selector('api') } }] },
        { from: [{ podSelector: { matchLabels: { 'deps.slipway.dev/api': 'true' } } }], ports },
        {
          from: [
            {
              namespaceSelector: {
                matchExpressions: [
                  { key: 'kubernetes.io/metadata.name', operator: 'In', values: ['ingress-nginx', 'kube-system'] },
                ],
              },
            },
          ],
          ports,
        },
      ],
    });
    assertKubeValid(objects as KubeObject[], 'team-a-dev');
  });

  it('takes the ingress namespaces from the installation, and adds the Gateway of HTTPRoutes', () => {
    const network = { ingressNamespaces: ['traefik'] };
    const viaIngress = policyOf(render(api, { network })).spec.ingress[2].from[0];
    assert.deepEqual(viaIngress.namespaceSelector.matchExpressions[0].values, ['traefik']);
    const viaGateway = policyOf(render(api, { network, environment: gatewayEnvironment })).spec.ingress[2].from[0];
    assert.deepEqual(viaGateway.namespaceSelector.matchExpressions[0].values, ['gateways', 'traefik']);
    const none = policyOf(render(api, { network: { ingressNamespaces: [] } }));
    assert.equal(none.spec.ingress.length, 2, 'nobody to admit from outside');
  });

  it('lets nothing in from outside a workload without routes, and any port when it publishes none', () => {
    const worker = workload(`metadata:
  name: worker
containers:
  main:
    image: ghcr.io/acme/worker:1.0.0
`);
    assert.deepEqual(policyOf(render(worker)).spec.ingress, [
      { from: [{ podSelector: { matchLabels: selector('worker') } }] },
      { from: [{ podSelector: { matchLabels: { 'deps.slipway.dev/worker': 'true' } } }] },
    ]);
  });

  it('keeps its pods free of dependency labels when it declares none', () => {
    assert.deepEqual(
      Object.keys(podLabelsOf(objects)).filter((k) => k.includes('slipway.dev/') && !k.startsWith('slipway.dev/')),
      [],
    );
  });
});

describe('renderWorkload: network isolation, the side that calls', () => {
  const objects = render(web);

  it('labels its pods once per workload it depends on, whatever the number of service-port resources', () => {
    assert.equal(podLabelsOf(objects)['deps.slipway.dev/api'], 'true');
    assert.equal(Object.keys(podLabelsOf(objects)).filter((k) => k.startsWith('deps.slipway.dev/')).length, 1);
  });

  it('keeps the label off the selector and off the other objects, so adding a dependency rolls the same Deployment', () => {
    const deployment = objects.find((o) => o.kind === 'Deployment') as Any;
    assert.deepEqual(deployment.spec.selector.matchLabels, selector('web'));
    for (const o of objects) assert.equal(o.metadata.labels['deps.slipway.dev/api'], undefined, o.kind);
    const before = render(
      workload(`metadata:
  name: web
containers:
  main:
    image: ghcr.io/acme/web:1.0.0
`),
    );
    const old = before.find((o) => o.kind === 'Deployment') as Any;
    assert.deepEqual(old.spec.selector, deployment.spec.selector);
  });

  it("carries exactly the label the other workload's policy admits, for any name", () => {
    for (const name of ['api', 'Payments-API', `reconciliation-${'x'.repeat(70)}`]) {
      const callee = render(workload(`metadata:\n  name: callee\ncontainers:\n  main:\n    image: nginx:1.27\n`), {
        serviceName: name,
      });
      const caller = render(
        workload(`metadata:
  name: caller
containers:
  main:
    image: nginx:1.27
resources:
  peer:
    type: service-port
    params: { workload: "${name}", port: 80 }
`),
      );
      const admitted = Object.keys(policyOf(callee).spec.ingress[1].from[0].podSelector.matchLabels);
      const carried = Object.keys(podLabelsOf(caller)).filter((k) => k.startsWith('deps.slipway.dev/'));
      assert.deepEqual(carried, admitted, name);
      const [, labelName] = (admitted[0] as string).split('/');
      assert.ok(labelName && labelName.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(labelName), labelName);
      assertKubeValid(caller as KubeObject[], 'team-a-dev');
      assert.equal(admitted[0], dependencyLabel(name));
    }
  });

  it('expands placeholders in the name of the workload it depends on', () => {
    const w = workload(`metadata:
  name: shop
  backend: inventory
containers:
  main:
    image: nginx:1.27
resources:
  stock:
    type: service-port
    params: { workload: "\${metadata.backend}", port: 80 }
`);
    assert.equal(podLabelsOf(render(w))['deps.slipway.dev/inventory'], 'true');
  });

  it('labels its pods as users of the provisioned resources that put servers in the namespace', () => {
    const w = workload(`metadata:
  name: orders
containers:
  main:
    image: nginx:1.27
    variables:
      DB: \${resources.db.host}
resources:
  db:
    type: postgres
  cache:
    type: redis
`);
    const resources = fakeResources(w);
    const db = resources.db as NonNullable<(typeof resources)['db']>;
    const manifest: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'orders-db-postgres', labels: { 'slipway.dev/resource': 'orders-db' } },
    };
    const labels = podLabelsOf(render(w, { resources: { ...resources, db: { ...db, manifests: [manifest] } } }));
    assert.equal(labels['resources.slipway.dev/orders-db'], 'true');
    assert.equal(
      Object.keys(labels).filter((k) => k.startsWith('resources.slipway.dev/')).length,
      1,
      'a resource that made no objects (here: the cache, as faked) needs no label',
    );
  });
});
