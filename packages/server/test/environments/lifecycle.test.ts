import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppsV1Api, BatchV1Api, CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { ClusterRegistry } from '../../src/clusters/registry.ts';
import { ClusterService } from '../../src/clusters/service.ts';
import { KeyRing } from '../../src/crypto/keyring.ts';
import { EnvironmentController } from '../../src/environments/controller.ts';
import { EnvironmentService } from '../../src/environments/service.ts';
import { nextUtc, TestClock } from '../harness/clock.ts';
import { testKubeConfig } from '../harness/cluster.ts';
import { secondClusterKubeconfig, secondKubeConfig, useEnvironmentApp } from '../harness/environment-app.ts';
import { webScore } from './workload.ts';

const namespaceOf = async (kc: KubeConfig, name: string) =>
  kc
    .makeApiClient(CoreV1Api)
    .readNamespace({ name })
    .catch(() => undefined);

const withoutName = ({ name: _name, ...rest }: Record<string, unknown>) => rest;

describe('environments on two clusters', () => {
  const t = useEnvironmentApp();
  const ns = (env: string) => `${t.prefix}-${env}`;

  it('registers a second cluster: checked first, version shown, credentials stored sealed', async () => {
    const kubeconfig = secondClusterKubeconfig();
    const res = await t.api('POST', '/clusters', { name: 'second', kubeconfig });
    assert.equal(res.statusCode, 201, res.body);
    const cluster = res.json().cluster;
    assert.equal(cluster.status, 'healthy');
    assert.match(cluster.version, /^v1\.\d+\.\d+/);
    assert.equal('kubeconfig' in cluster, false, 'credentials never come back');

    const list = (await t.api('GET', '/clusters')).json().items;
    assert.deepEqual(
      list.map((c: { name: string; source: string; status: string }) => [c.name, c.source, c.status]),
      [
        ['default', 'configuration', 'healthy'],
        ['second', 'registered', 'healthy'],
      ],
    );
    const row = await t
      .db()
      .selectFrom('clusters')
      .select('credentials')
      .where('name', '=', 'second')
      .executeTakeFirstOrThrow();
    const keyData = /client-key-data: (\S+)/.exec(kubeconfig)?.[1] ?? 'missing';
    assert.ok(!row.credentials.includes(keyData) && !row.credentials.includes('client-key'), 'sealed, not plain');
    assert.match(row.credentials, /^v1\./);
  });

  it('key rotation: a new primary re-wraps the credentials, after which the old key can go', async () => {
    const newKey = KeyRing.generate('next');
    const rotated = KeyRing.parse(`${newKey}\n${t.keyText}`);
    const registry = new ClusterRegistry({ db: t.db(), defaultKube: null, keyRing: rotated });
    assert.equal(await new ClusterService(t.db(), registry, rotated).rewrapAll(), 1);
    assert.equal(await new ClusterService(t.db(), registry, rotated).rewrapAll(), 0, 'done once');
    const onlyNew = new ClusterRegistry({ db: t.db(), defaultKube: null, keyRing: KeyRing.parse(newKey) });
    const row = await t.db().selectFrom('clusters').select('id').where('name', '=', 'second').executeTakeFirstOrThrow();
    const connection = await onlyNew.connect(row.id);
    const namespaces = await connection.kube.makeApiClient(CoreV1Api).listNamespace();
    assert.ok(namespaces.items.some((n) => n.metadata?.name === 'kube-system'));
    await onlyNew.close();
    const oldOnly = new ClusterRegistry({ db: t.db(), defaultKube: null, keyRing: KeyRing.parse(t.keyText) });
    await assert.rejects(oldOnly.connect(row.id), /sealed with key next/);
    // Put the app's own key first again, so the rest of the suite can open what it stored.
    const back = KeyRing.parse(`${t.keyText}\n${newKey}`);
    assert.equal(await new ClusterService(t.db(), registry, back).rewrapAll(), 1);
  });

  it('refuses a cluster it cannot reach, a kubeconfig naming files, and a taken name: nothing stored', async () => {
    const unreachable = await t.api('POST', '/clusters', {
      name: 'nowhere',
      server: 'https://127.0.0.1:1',
      token: 'x',
    });
    assert.equal(unreachable.statusCode, 400, unreachable.body);
    assert.equal(unreachable.json().error.fields[0].path, '/server');
    assert.match(unreachable.json().error.fields[0].message, /connection refused|ECONNREFUSED/);

    const withFiles = secondClusterKubeconfig().replace(/client-key-data: \S+/, 'client-key: /home/me/.kube/key.pem');
    const files = await t.api('POST', '/clusters', { name: 'files', kubeconfig: withFiles });
    assert.equal(files.statusCode, 400, files.body);
    assert.match(files.json().error.fields[0].message, /user\.client-key names a file/);

    const taken = await t.api('POST', '/clusters', { name: 'second', kubeconfig: secondClusterKubeconfig() });
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().error.code, 'already_exists');
    const names = (await t.api('GET', '/clusters')).json().items.map((c: { name: string }) => c.name);
    assert.deepEqual(names, ['default', 'second']);
  });

  it('creates an environment: a labelled namespace with the quota and limits of its type', async () => {
    const res = await t.api('POST', '/environments', { name: 'dev', type: 'development' });
    assert.equal(res.statusCode, 201, res.body);
    const env = res.json().environment;
    assert.equal(env.namespace, ns('dev'));
    assert.equal(env.cluster, 'default');
    assert.equal(env.status, 'active');
    assert.equal(env.defaults.replicas, 1);

    const kc = testKubeConfig();
    const namespace = await namespaceOf(kc, ns('dev'));
    assert.equal(namespace?.metadata?.labels?.['slipway.dev/environment'], 'dev');
    assert.equal(namespace?.metadata?.labels?.['slipway.dev/environment-type'], 'development');
    const core = kc.makeApiClient(CoreV1Api);
    const quota = await core.readNamespacedResourceQuota({ name: 'slipway-quota', namespace: ns('dev') });
    assert.equal(quota.spec?.hard?.pods, '50');
    const limits = await core.readNamespacedLimitRange({ name: 'slipway-limits', namespace: ns('dev') });
    assert.equal(limits.spec?.limits[0]?.defaultRequest?.memory, '64Mi');

    const deploy = await t.api('POST', '/deploys', { environment: 'dev', workload: webScore(), image: 'nginx:1.27' });
    assert.equal(deploy.statusCode, 202, deploy.body);
    assert.equal((await t.settle(deploy.json().release.id)).status, 'healthy');
  });

  it("a platform engineer's change to a type reaches its environments' quota at once", async () => {
    const type = (await t.api('GET', '/environment-types/development')).json().type;
    const bad = await t.api('PUT', '/environment-types/development', { ...withoutName(type), policies: ['no-root'] });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.fields[0].path, '/policies/0');
    const res = await t.api('PUT', '/environment-types/development', {
      ...withoutName(type),
      quota: { ...type.quota, pods: '60' },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().environments, ['dev']);
    const quota = await testKubeConfig()
      .makeApiClient(CoreV1Api)
      .readNamespacedResourceQuota({ name: 'slipway-quota', namespace: ns('dev') });
    assert.equal(quota.spec?.hard?.pods, '60');
    const inUse = await t.api('DELETE', '/environment-types/development');
    assert.equal(inUse.statusCode, 409);
    assert.equal(inUse.json().error.code, 'in_use');
  });

  it('answers bad environment input with the field at fault, and makes nothing', async () => {
    const duplicate = await t.api('POST', '/environments', { name: 'dev', type: 'development' });
    assert.equal(duplicate.statusCode, 409);
    assert.match(duplicate.json().error.message, /already exists/);

    const badType = await t.api('POST', '/environments', { name: 'odd', type: 'sandbox' });
    assert.equal(badType.statusCode, 400);
    assert.equal(badType.json().error.fields[0].path, '/type');
    assert.match(badType.json().error.fields[0].message, /development, preview, production, staging/);

    const badCluster = await t.api('POST', '/environments', { name: 'odd', type: 'development', cluster: 'mars' });
    assert.equal(badCluster.statusCode, 400);
    assert.equal(badCluster.json().error.fields[0].path, '/cluster');

    const badSchedule = await t.api('POST', '/environments', {
      name: 'odd',
      type: 'development',
      schedule: { pause: '0 25 * * *', resume: '0 7 * * *', timezone: 'Mars/Olympus' },
    });
    assert.equal(badSchedule.statusCode, 400);
    const paths = badSchedule
      .json()
      .error.fields.map((f: { path: string }) => f.path)
      .sort();
    assert.deepEqual(paths, ['/schedule/pause', '/schedule/timezone']);

    const missing = await t.api('POST', '/environments/nope/clone', { name: 'copy' });
    assert.equal(missing.statusCode, 404);
    assert.equal((await t.api('GET', '/environments/odd')).statusCode, 404);
    assert.equal((await t.api('GET', '/environments/copy')).statusCode, 404);
    assert.equal(await namespaceOf(testKubeConfig(), ns('odd')), undefined);
  });

  it('clones an environment onto the second cluster, with a new image', async () => {
    const res = await t.api('POST', '/environments/dev/clone', {
      name: 'qa',
      cluster: 'second',
      images: { web: 'nginx:1.28' },
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().releases, 1);
    assert.equal(res.json().environment.cluster, 'second');
    assert.deepEqual(res.json().environment.origin, { kind: 'clone', from: 'dev' });
    const [release] = (await t.api('GET', '/releases?environment=qa')).json().items;
    assert.equal((await t.settle(release.id)).status, 'healthy');
    assert.equal(release.image, 'nginx:1.28');

    const apps = secondKubeConfig().makeApiClient(AppsV1Api);
    const web = await apps.readNamespacedDeployment({ name: 'web', namespace: ns('qa') });
    assert.equal(web.spec?.template.spec?.containers[0]?.image, 'nginx:1.28');
    const first = await testKubeConfig()
      .makeApiClient(AppsV1Api)
      .readNamespacedDeployment({ name: 'web', namespace: ns('dev') });
    assert.equal(first.spec?.template.spec?.containers[0]?.image, 'nginx:1.27', 'the source is untouched');
    const unknown = await t.api('POST', '/environments/dev/clone', { name: 'qa2', images: { api: 'x:1' } });
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().error.fields[0].path, '/images/api');
  });

  it('pauses an environment (workloads to zero, CronJobs suspended) and resumes it as it was', async () => {
    const kc = secondKubeConfig();
    const batch = kc.makeApiClient(BatchV1Api);
    await batch.createNamespacedCronJob({
      namespace: ns('qa'),
      body: {
        metadata: { name: 'nightly', labels: { 'app.kubernetes.io/managed-by': 'slipway' } },
        spec: {
          schedule: '0 3 * * *',
          jobTemplate: {
            spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } },
          },
        },
      },
    });
    const paused = await t.api('POST', '/environments/qa/pause');
    assert.equal(paused.statusCode, 200, paused.body);
    assert.equal(paused.json().environment.status, 'paused');
    assert.deepEqual([paused.json().scaledDown, paused.json().suspended], [1, 1]);
    const apps = kc.makeApiClient(AppsV1Api);
    assert.equal((await apps.readNamespacedDeployment({ name: 'web', namespace: ns('qa') })).spec?.replicas, 0);
    assert.equal((await batch.readNamespacedCronJob({ name: 'nightly', namespace: ns('qa') })).spec?.suspend, true);

    const refused = await t.api('POST', '/deploys', { environment: 'qa', workload: webScore() });
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().error.code, 'environment_paused');
    assert.match(refused.json().error.hint, /slipway env resume qa/);

    const resumed = await t.api('POST', '/environments/qa/resume');
    assert.equal(resumed.statusCode, 200, resumed.body);
    assert.equal(resumed.json().environment.status, 'active');
    const web = await apps.readNamespacedDeployment({ name: 'web', namespace: ns('qa') });
    assert.equal(web.spec?.replicas, 1);
    assert.equal(web.metadata?.annotations?.['slipway.dev/paused-replicas'], undefined);
    assert.equal((await batch.readNamespacedCronJob({ name: 'nightly', namespace: ns('qa') })).spec?.suspend, false);
  });

  it('follows a pause schedule once per firing, without overruling a person who resumed', async () => {
    // The scenario runs on a clock of its own, moved to the days it needs; the app's own
    // controller keeps the real time, and since the schedule is set "later" than that, no
    // firing is ever its to act on.
    const clock = new TestClock();
    const p = t.platform();
    const people = new EnvironmentService({
      db: t.db(),
      clusters: p.clusters,
      deployments: p.deployments,
      engine: p.engine,
      namespacePrefix: t.prefix,
      now: clock.now,
    });
    const controller = new EnvironmentController({
      db: t.db(),
      environments: people,
      clusterService: p.clusterService,
      intervalMs: 60_000,
      now: clock.now,
      log: { info() {}, warn() {} },
    });
    const at = async (moment: Date) => {
      clock.advanceTo(moment);
      await controller.pass();
      return (await t.api('GET', '/environments/qa')).json().environment.status;
    };
    // Paris is UTC+1 in winter and UTC+2 in summer: the UTC hours below fall on the same side
    // of 20:00 and 07:00 Paris either way.
    const friday = clock.advanceTo(nextUtc(clock.now(), 'Friday', '10:00'));
    await people.update({
      name: 'qa',
      type: 'development',
      schedule: { pause: '0 20 * * 1-5', resume: '0 7 * * 1-5', timezone: 'Europe/Paris' },
    });
    // Setting the schedule acts on no firing before it: qa stays as it is.
    assert.equal(await at(new Date(friday.getTime() + 1000)), 'active');
    const saturday = nextUtc(friday, 'Saturday', '12:00');
    assert.equal(await at(saturday), 'paused', 'Saturday noon: paused since Friday 20:00 Paris');
    // A person resumes on Saturday at 12:30, on the same clock.
    clock.advanceTo(new Date(saturday.getTime() + 30 * 60_000));
    await people.resume('qa');
    assert.equal(
      await at(new Date(saturday.getTime() + 60 * 60_000)),
      'active',
      "the same firing: the person's resume stands",
    );
    const monday = nextUtc(saturday, 'Monday', '19:30');
    assert.equal(await at(monday), 'paused', 'Monday 20:30 or 21:30 Paris: a new firing');
    assert.equal(await at(nextUtc(monday, 'Tuesday', '06:30')), 'active', 'Tuesday 07:30 or 08:30 Paris');
    await t.api('PUT', '/environments/qa', { type: 'development', schedule: null });
  });

  it('deletes an environment with everything in it; its releases stay as history', async () => {
    const [release] = (await t.api('GET', '/releases?environment=qa')).json().items;
    const res = await t.api('DELETE', '/environments/qa');
    assert.equal(res.statusCode, 202, res.body);
    assert.equal(res.json().environment.status, 'deleting');
    await t.eventually('qa to be gone', async () => (await t.api('GET', '/environments/qa')).statusCode === 404);
    assert.equal(await namespaceOf(secondKubeConfig(), ns('qa')), undefined, 'namespace removed');
    const kept = (await t.api('GET', `/releases/${release.id}`)).json().release;
    assert.equal(kept.environment, 'qa');
    const history = (await t.api('GET', '/releases?environment=qa')).json().items;
    assert.deepEqual(
      history.map((r: { id: string }) => r.id),
      [release.id],
      'the history of a deleted environment is listed by its name',
    );
    const deleted = (await t.api('GET', '/environments?deleted=true'))
      .json()
      .items.find((e: { name: string }) => e.name === 'qa');
    assert.equal(deleted.status, 'deleted');
    const redeploy = await t.api('POST', `/releases/${release.id}/redeploy`, {});
    assert.equal(redeploy.statusCode, 409, redeploy.body);
    assert.equal(redeploy.json().error.code, 'environment_deleted');
    const busy = await t.api('DELETE', '/clusters/second');
    assert.equal(busy.statusCode, 204, 'no live environment is left on it');
  });

  it('removes an environment whose time-to-live ran out', async () => {
    const res = await t.api('POST', '/environments', { name: 'brief', type: 'preview', ttlSeconds: 1 });
    assert.equal(res.statusCode, 201, res.body);
    assert.ok(res.json().environment.expiresAt);
    assert.ok(await namespaceOf(testKubeConfig(), ns('brief')));
    await t.eventually('brief to expire', async () => (await t.api('GET', '/environments/brief')).statusCode === 404);
    await t.eventually('its namespace to go', async () => !(await namespaceOf(testKubeConfig(), ns('brief'))));
  });
});
