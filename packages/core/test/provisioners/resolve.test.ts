import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SlipwayError } from '../../src/errors/index.ts';
import { parseProvisioners } from '../../src/provisioners/model.ts';
import { type ResolveResourcesInput, resolveResources } from '../../src/provisioners/resolve.ts';
import { environment, seed } from './fixtures.ts';

const input = (over: Partial<ResolveResourcesInput>): ResolveResourcesInput => ({
  workloadName: 'web',
  resources: {},
  environment,
  provisioners: [],
  seed,
  ...over,
});

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof SlipwayError, String(error));
    assert.equal(error.code, 'invalid_input');
    return (error.fields ?? []).map((f) => f.path);
  }
  assert.fail('expected an error');
}

describe('resolveResources: shared resources', () => {
  const both = resolveResources(
    input({ resources: { orders: { type: 'postgres', id: 'main' }, billing: { type: 'postgres', id: 'main' } } }),
  );

  it('provisions a shared resource once: same outputs, manifests emitted once', () => {
    const { orders, billing } = both.resolved;
    assert.ok(orders && billing);
    assert.deepEqual(orders.outputs, billing.outputs);
    assert.equal(orders.manifests.length, 4);
    assert.equal(billing.manifests.length, 0);
    assert.equal(orders.shared && billing.shared, true);
    assert.equal(orders.id, 'main');
    assert.equal(billing.name, 'billing');
  });

  it('names the objects after the id, so every workload sharing it renders the same ones', () => {
    const fromOtherWorkload = resolveResources(
      input({ workloadName: 'api', resources: { db: { type: 'postgres', id: 'main' } } }),
    );
    assert.deepEqual(fromOtherWorkload.resolved.db?.manifests, both.resolved.orders?.manifests);
    assert.deepEqual(fromOtherWorkload.resolved.db?.outputs, both.resolved.orders?.outputs);
    assert.equal(both.resolved.orders?.manifests[0]?.metadata.name, 'main-postgres');
  });

  it('keeps classes of one id apart', () => {
    const r = resolveResources(
      input({ resources: { a: { type: 'volume', class: 'persistent', id: 'x' }, b: { type: 'volume', id: 'x' } } }),
    );
    assert.equal(r.resolved.a?.provisioner, 'builtin/volume-persistent');
    assert.equal(r.resolved.b?.provisioner, 'builtin/volume');
    assert.equal(r.resolved.a?.manifests[0]?.metadata.name, 'x-persistent');
  });

  it('refuses two requests for one shared resource with different params', () => {
    const resources = {
      a: { type: 'volume', class: 'persistent', id: 'x', params: { size: '1Gi' } },
      b: { type: 'volume', class: 'persistent', id: 'x', params: { size: '2Gi' } },
    };
    assert.deepEqual(
      fieldsOf(() => resolveResources(input({ resources }))),
      ['/resources/b/params'],
    );
  });
});

describe('resolveResources: derived secrets', () => {
  const password = (over: Partial<ResolveResourcesInput>): unknown =>
    resolveResources(input({ resources: { db: { type: 'postgres' } }, ...over })).resolved.db?.outputs.password;

  it('are the same on every release for the same seed', () => {
    assert.equal(password({}), password({}));
  });

  it('differ by seed, by environment and by resource', () => {
    const base = password({});
    assert.notEqual(password({ seed: 'another-seed' }), base);
    assert.notEqual(password({ environment: { ...environment, name: 'staging' } }), base);
    assert.notEqual(password({ workloadName: 'api' }), base);
  });
});

const custom = parseProvisioners(`
- id: team-queue
  kind: template
  match: { type: queue }
  params:
    type: object
    required: [size]
    properties:
      size: { type: integer, minimum: 1 }
      tier: { type: string, default: standard }
  init:
    name: "{{ dnsLabel 30 .resource.slug }}"
    label: "{{ .init.name }}-{{ .resource.params.tier }}"
  outputs:
    name: "{{ .init.label }}"
    size: "{{ .resource.params.size }}"
    owner: "{{ index .workload.annotations \\"team\\" | default \\"nobody\\" }}"
    guid: "{{ .guid }}"
  manifests:
    - apiVersion: v1
      kind: ConfigMap
      metadata: { name: "{{ .init.name }}", labels: { size: "{{ .resource.params.size }}" } }
      data: { size: "{{ .resource.params.size }}" }
- id: broken
  kind: template
  match: { type: broken }
  outputs: { x: "{{ env \\"HOME\\" }}" }
- id: bad-name
  kind: template
  match: { type: badname }
  manifests:
    - { apiVersion: v1, kind: ConfigMap, metadata: { name: "Not_Valid" } }
- id: external-db
  kind: static
  match: { type: postgres, environmentType: production }
  outputs: { host: db.corp.internal, port: 5432, password: from-vault }
  secretOutputs: [password]
- id: chart-db
  kind: helm
  match: { type: postgres, class: chart }
  chart: { path: charts/pg }
  values:
    fullnameOverride: "{{ .resource.slug }}"
    auth: { password: "{{ random \\"pw\\" }}" }
  outputs:
    host: "{{ .release.name }}"
    password: "{{ .values.auth.password }}"
  secretOutputs: [password]
`);

describe('resolveResources: platform provisioners', () => {
  it('renders init, params defaults, workload annotations and manifests', () => {
    const r = resolveResources(
      input({
        provisioners: custom,
        workloadAnnotations: { team: 'payments' },
        resources: { jobs: { type: 'queue', params: { size: 3 } } },
      }),
    ).resolved.jobs;
    assert.ok(r);
    assert.deepEqual(
      { ...r.outputs, guid: typeof r.outputs.guid },
      { name: 'web-jobs-standard', size: 3, owner: 'payments', guid: 'string' },
    );
    const [cm] = r.manifests;
    assert.deepEqual(cm?.metadata, {
      name: 'web-jobs',
      namespace: 'shop-dev',
      labels: { 'app.kubernetes.io/managed-by': 'slipway', 'slipway.dev/resource': 'web-jobs', size: '3' },
    });
    assert.deepEqual(cm?.data, { size: '3' }, 'label and data values become strings');
  });

  it('points params errors at the param', () => {
    const bad = { jobs: { type: 'queue', params: { size: 0, extra: true } } };
    assert.deepEqual(
      fieldsOf(() => resolveResources(input({ provisioners: custom, resources: bad }))),
      ['/resources/jobs/params/size'],
    );
    const missing = { jobs: { type: 'queue' } };
    assert.deepEqual(
      fieldsOf(() => resolveResources(input({ provisioners: custom, resources: missing }))),
      ['/resources/jobs/params/size'],
    );
  });

  it('reports template failures with the resource and the place in the provisioner', () => {
    assert.throws(
      () => resolveResources(input({ provisioners: custom, resources: { b: { type: 'broken' } } })),
      (e: unknown) => {
        assert.ok(e instanceof SlipwayError);
        assert.match(
          e.message,
          /^Provisioner "broken" could not provision resource "b" \(outputs\/x\): "env" is not available/,
        );
        assert.deepEqual(
          e.fields?.map((f) => f.path),
          ['/resources/b'],
        );
        return true;
      },
    );
    assert.throws(
      () => resolveResources(input({ provisioners: custom, resources: { b: { type: 'badname' } } })),
      /\(manifests\/0\): the rendered manifest has the name "Not_Valid", which is not a valid Kubernetes name/,
    );
  });

  it('uses static values where they match', () => {
    const prod = { ...environment, type: 'production' };
    const r = resolveResources(
      input({ environment: prod, provisioners: custom, resources: { db: { type: 'postgres' } } }),
    );
    assert.deepEqual(r.resolved.db?.outputs, { host: 'db.corp.internal', port: 5432, password: 'from-vault' });
    assert.deepEqual(r.resolved.db?.secretOutputs, ['password']);
    assert.deepEqual(r.resolved.db?.manifests, []);
  });

  it('hands charts to the server as Helm render requests, values and outputs rendered', () => {
    const r = resolveResources(
      input({ provisioners: custom, resources: { db: { type: 'postgres', class: 'chart' } } }),
    );
    const [helm] = r.helmReleases;
    assert.ok(helm);
    assert.equal(r.helmReleases.length, 1);
    const password = (helm.values.auth as { password: string }).password;
    assert.deepEqual(helm, {
      resource: 'db',
      resourceId: 'web.db',
      resourceSlug: 'web-db',
      provisioner: 'chart-db',
      releaseName: 'web-db',
      namespace: 'shop-dev',
      chart: { path: 'charts/pg' },
      values: { fullnameOverride: 'web-db', auth: { password } },
    });
    assert.deepEqual(r.resolved.db?.outputs, { host: 'web-db', password });
    assert.deepEqual(r.resolved.db?.manifests, []);
  });

  it('names an unknown type, with the types that exist', () => {
    assert.throws(
      () => resolveResources(input({ resources: { mq: { type: 'rabbitmq' } } })),
      (e: unknown) => e instanceof SlipwayError && /types that exist: .*postgres/.test(e.hint ?? ''),
    );
  });

  it('checks the shape of requests', () => {
    assert.deepEqual(
      fieldsOf(() => resolveResources(input({ resources: { x: { type: '' } } }))),
      ['/resources/x/type'],
    );
    const badParams = { x: { type: 'volume', params: [] as unknown as Record<string, unknown> } };
    assert.deepEqual(
      fieldsOf(() => resolveResources(input({ resources: badParams }))),
      ['/resources/x/params'],
    );
  });
});

describe('resolveResources: every problem at once', () => {
  it('reports every resource that cannot be provisioned in one error, a field for each', () => {
    try {
      resolveResources(
        input({
          resources: {
            queue: { type: 'sqs' },
            db: { type: 'postgres' },
            topic: { type: 'pubsub' },
            bad: { type: 'postgres', params: [] as unknown as Record<string, unknown> },
            mail: { type: 'smtp' },
          },
        }),
      );
      assert.fail('expected an error');
    } catch (error) {
      assert.ok(error instanceof SlipwayError, String(error));
      assert.equal(error.code, 'invalid_input');
      assert.deepEqual(
        error.fields?.map((f) => f.path),
        ['/resources/queue/type', '/resources/topic/type', '/resources/bad/params', '/resources/mail/type'],
      );
      assert.match(
        error.message,
        /^4 resources cannot be provisioned: No provisioner for resource type "sqs" \(resource "queue"\) \(and 3 more\)$/,
      );
      assert.match(error.hint ?? '', /^types that exist: /);
    }
  });

  it('keeps a single failure as it is', () => {
    assert.deepEqual(
      fieldsOf(() => resolveResources(input({ resources: { q: { type: 'sqs' } } }))),
      ['/resources/q/type'],
    );
  });
});
