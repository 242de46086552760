import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { AppsV1Api, CoreV1Api, KubernetesObjectApi, PatchStrategy } from '@kubernetes/client-node';
import { useTestNamespace } from '../harness/cluster.ts';
import { useDeployApp } from '../harness/deploy-app.ts';

const score = (image = 'nginx:1.27', extra = '') => `
apiVersion: score.dev/v1b1
metadata:
  name: shop
containers:
  web:
    image: ${image}
    variables:
      DB_HOST: \${resources.db.host}
      DB_PASSWORD: \${resources.db.password}
      GREETING: hello from \${metadata.name}
service:
  ports:
    http:
      port: 80
      targetPort: 8080
resources:
  db:
    type: postgres
${extra}`;

describe('deploying through the API', () => {
  const ns = useTestNamespace('deploy');
  const { api, settle: until, db } = useDeployApp(ns.kc);

  before(async () => {
    const env = await api('PUT', '/environments/dev', {
      type: 'development',
      namespace: ns.namespace(),
      domain: 'dev.example.com',
      defaults: { progressDeadlineSeconds: 60 },
    });
    assert.equal(env.statusCode, 200, env.body);
  });

  it('deploys a Score workload with a provisioned postgres and its variables resolved', async () => {
    const res = await api('POST', '/deploys', { environment: 'dev', workload: score(), reason: 'first' });
    assert.equal(res.statusCode, 202, res.body);
    const release = await until(res.json().release.id);
    assert.equal(release.status, 'healthy', release.message);
    assert.equal(release.number, 1);
    assert.match(release.contentHash, /^hmac-sha256:[0-9a-f]{64}$/);

    const apps = ns.kc().makeApiClient(AppsV1Api);
    const workloads = await apps.listNamespacedDeployment({ namespace: ns.namespace() });
    assert.deepEqual(
      workloads.items.map((d) => d.metadata?.name),
      ['shop'],
    );
    const databases = await apps.listNamespacedStatefulSet({ namespace: ns.namespace() });
    assert.equal(databases.items.length, 1, 'the postgres resource is provisioned');
    assert.equal(databases.items[0]?.status?.readyReplicas, 1);

    const core = ns.kc().makeApiClient(CoreV1Api);
    const configs = await core.listNamespacedConfigMap({ namespace: ns.namespace() });
    const plain = JSON.stringify(configs.items.map((c) => c.data));
    assert.match(plain, /hello from shop/);
    const dbService = (await core.listNamespacedService({ namespace: ns.namespace() })).items.map(
      (s) => s.metadata?.name,
    );
    const host = /"env\.web\.DB_HOST":"([^"]+)"/.exec(plain)?.[1];
    assert.ok(
      host && dbService.some((name) => host.startsWith(name ?? '-')),
      `DB_HOST ${host} names the database Service (${dbService})`,
    );
    assert.doesNotMatch(plain, /DB_PASSWORD/, 'the password is not in a ConfigMap');
    const secrets = await core.listNamespacedSecret({ namespace: ns.namespace() });
    const withPassword = secrets.items.find((s) => Object.keys(s.data ?? {}).some((k) => k.includes('DB_PASSWORD')));
    assert.ok(withPassword, 'the password reaches the cluster in a Secret');
    const [key, encoded] = Object.entries(withPassword.data ?? {}).find(([k]) => k.includes('DB_PASSWORD')) ?? [];
    const password = Buffer.from(encoded ?? '', 'base64').toString();
    assert.ok(key && password.length >= 16, 'a real, opened password');

    // At rest, the release holds it sealed: neither the value nor its base64 is in the row.
    const row = await db()
      .selectFrom('releases')
      .select('objects')
      .where('id', '=', release.id)
      .executeTakeFirstOrThrow();
    const stored = JSON.stringify(row.objects);
    assert.ok(!stored.includes(password) && !stored.includes(encoded ?? '-'), 'no secret value in the release row');
    assert.match(stored, /slw:sealed:v1:[0-9a-f]{32}:v1\./);
  });

  it('refuses a Score file with a bad field, naming its path, and stores nothing', async () => {
    const before = (await api('GET', '/releases')).json().items.length;
    const res = await api('POST', '/deploys', {
      environment: 'dev',
      workload: score().replace('image: nginx:1.27', 'image: 42\n    imagePullPolicy: Always'),
    });
    assert.equal(res.statusCode, 400);
    const paths = res.json().error.fields.map((f: { path: string }) => f.path);
    assert.ok(
      paths.some((p: string) => p.startsWith('/containers/web/')),
      paths.join(', '),
    );
    assert.equal((await api('GET', '/releases')).json().items.length, before);
  });

  it('holds a workload sent as a JSON object to the per-field limits of one sent as YAML', async () => {
    const megabyte = 'x'.repeat(1_048_576);
    const workload = {
      apiVersion: 'score.dev/v1b1',
      metadata: { name: 'shop' },
      containers: { web: { image: `nginx:${megabyte}`, variables: { BIG: megabyte } } },
    };
    const asObject = await api('POST', '/deploys', { environment: 'dev', workload });
    assert.equal(asObject.statusCode, 400, asObject.body.slice(0, 300));
    assert.deepEqual(
      asObject.json().error.fields.map((f: { path: string; message: string }) => [f.path, f.message]),
      [
        ['/containers/web/image', 'Is 1,048,582 characters long; at most 1,000 are allowed'],
        ['/containers/web/variables/BIG', 'Is 1,048,576 characters long; at most 65,536 are allowed'],
      ],
    );
    // The same limit for YAML text small enough to pass the limit on the whole file.
    const yaml = await api('POST', '/deploys', {
      environment: 'dev',
      workload: score().replace('GREETING: hello', `GREETING: ${'x'.repeat(70_000)} hello`),
    });
    assert.equal(yaml.statusCode, 400);
    const field = yaml.json().error.fields[0];
    assert.equal(field.path, '/containers/web/variables/GREETING');
    assert.match(field.message, /at most 65,536 are allowed/);
  });

  it('names the resource types that exist when one is unknown', async () => {
    const res = await api('POST', '/deploys', {
      environment: 'dev',
      workload: score().replace('type: postgres', 'type: mongo'),
    });
    assert.equal(res.statusCode, 400);
    const { error } = res.json();
    assert.match(`${error.message} ${error.hint ?? ''}`, /postgres/);
    assert.ok(error.fields.some((f: { path: string }) => f.path === '/resources/db/type'));
  });

  it('names the outputs that exist when a placeholder asks for one that does not', async () => {
    const res = await api('POST', '/deploys', {
      environment: 'dev',
      workload: score().replace('resources.db.host', 'resources.db.hostname'),
    });
    assert.equal(res.statusCode, 400);
    const field = res.json().error.fields.find((f: { path: string }) => f.path === '/containers/web/variables/DB_HOST');
    assert.ok(field, res.body);
    assert.match(field.message, /host/);
  });

  it('refuses a workload without an image', async () => {
    const res = await api('POST', '/deploys', { environment: 'dev', workload: score('.') });
    assert.equal(res.statusCode, 400);
    assert.ok(res.json().error.fields.some((f: { path: string }) => f.path === '/containers/web/image'));
  });

  it('passes on the API server’s refusal of a rendered object, and stores nothing', async () => {
    const limits = score('nginx:1.27').replace(
      '    variables:',
      "    resources:\n      requests: { cpu: '2' }\n      limits: { cpu: '1' }\n    variables:",
    );
    const res = await api('POST', '/deploys', { environment: 'dev', workload: limits });
    assert.equal(res.statusCode, 400, res.body);
    assert.match(res.json().error.message, /Kubernetes refused Deployment shop: .*less than or equal to cpu limit/);
  });

  it('refuses an unknown environment with the ones that exist', async () => {
    const res = await api('POST', '/deploys', { environment: 'prod', workload: score() });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json().error.fields, [{ path: '/environment', message: 'not one of: dev' }]);
  });

  it('diffs releases, shows a hand edit as drift, and rolls back', async () => {
    const second = await until(
      (await api('POST', '/deploys', { environment: 'dev', workload: score('nginx:1.28') })).json().release.id,
    );
    assert.equal(second.status, 'healthy', second.message);
    const diff = (await api('GET', `/releases/${second.id}/diff`)).json();
    assert.equal(diff.from.number, 1);
    const changes = JSON.stringify(diff.diff.changed);
    assert.match(changes, /nginx:1\.27/);
    assert.match(changes, /nginx:1\.28/);
    const secretChanges = diff.diff.changed
      .filter((o: { kind: string }) => o.kind === 'Secret')
      .flatMap((o: { changes: Array<{ path: string }> }) => o.changes.map((c) => c.path));
    assert.ok(
      !secretChanges.some((path: string) => /^\/(data|stringData)\//.test(path)),
      `sealed afresh, the same password compares equal (changes: ${secretChanges.join(', ')})`,
    );

    assert.equal((await api('GET', `/releases/${second.id}/drift`)).json().status, 'in-sync');
    await KubernetesObjectApi.makeApiClient(ns.kc()).patch(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'shop', namespace: ns.namespace() },
        spec: { replicas: 5 },
      },
      undefined,
      undefined,
      'kubectl-edit',
      undefined,
      PatchStrategy.MergePatch,
    );
    const drift = (await api('GET', `/releases/${second.id}/drift`)).json();
    assert.equal(drift.status, 'drifted');
    assert.match(JSON.stringify(drift.objects), /\/spec\/replicas/);

    const first = (await api('GET', '/releases?service=shop&environment=dev'))
      .json()
      .items.find((r: { number: number }) => r.number === 1);
    const rollback = await api('POST', `/releases/${first.id}/rollback`, { reason: 'back to 1.27' });
    assert.equal(rollback.statusCode, 202, rollback.body);
    const done = await until(rollback.json().release.id);
    assert.equal(done.status, 'healthy', done.message);
    assert.equal(done.rollbackOf, first.id);
    const live = await ns
      .kc()
      .makeApiClient(AppsV1Api)
      .readNamespacedDeployment({ name: 'shop', namespace: ns.namespace() });
    assert.equal(live.spec?.template.spec?.containers[0]?.image, 'nginx:1.27');
    assert.equal(live.spec?.replicas, 1, 'the hand edit was taken back');
    const status = (await api('GET', '/services/shop/environments/dev')).json();
    assert.equal(status.current.id, done.id);
    assert.equal(status.lastHealthy.id, done.id);
  });
});
