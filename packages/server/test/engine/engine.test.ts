import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import type { KubeObject } from '@slipway/core';
import type { Database } from '../../src/db/database.ts';
import { getRelease, listReleases, type ReleaseRecord } from '../../src/db/stores/releases.ts';
import { useTestNamespace } from '../harness/cluster.ts';
import { openTestPglite } from '../harness/databases.ts';
import { webObjects } from './fixtures.ts';
import { useEngine } from './use-engine.ts';

/** Polls the release store (the engine's own record) until a condition holds. */
async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last: ${JSON.stringify(value).slice(0, 1500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the deploy engine', () => {
  const ns = useTestNamespace('engine');
  let database: Database;
  const finished = (r: ReleaseRecord) => ['healthy', 'degraded', 'failed', 'superseded'].includes(r.status);

  // Registered before the engine's hooks, so the database is open when the engine starts.
  before(async () => {
    database = await openTestPglite();
  });
  const { deploy } = useEngine({
    db: () => database,
    namespace: ns.namespace,
    kube: ns.kc,
    progressDeadlineSeconds: 6,
  });
  after(async () => {
    await database.close();
  });

  it('applies a release and marks it healthy once its pods are Running and Ready', async () => {
    const release = await deploy(webObjects(ns.namespace()), 'first');
    const done = await until(() => getRelease(database.db, release.id), finished);
    assert.equal(done.status, 'healthy', done.message);
    assert.ok(done.startedAt && done.finishedAt);
    const deployment = await ns
      .kc()
      .makeApiClient(AppsV1Api)
      .readNamespacedDeployment({ name: 'web', namespace: ns.namespace() });
    assert.equal(deployment.status?.readyReplicas, 2);
  });

  it('rolls a new image out as a new ReplicaSet', async () => {
    const release = await deploy(webObjects(ns.namespace(), { image: 'nginx:1.28' }), 'new image');
    const done = await until(() => getRelease(database.db, release.id), finished);
    assert.equal(done.status, 'healthy', done.message);
    const sets = await ns.kc().makeApiClient(AppsV1Api).listNamespacedReplicaSet({ namespace: ns.namespace() });
    const images = sets.items.map((rs) => rs.spec?.template?.spec?.containers[0]?.image).sort();
    assert.deepEqual(images, ['nginx:1.27', 'nginx:1.28']);
    const current = sets.items.find((rs) => rs.spec?.template?.spec?.containers[0]?.image === 'nginx:1.28');
    assert.equal(current?.status?.readyReplicas, 2);
  });

  it('prunes an object the new release no longer has', async () => {
    const release = await deploy(
      webObjects(ns.namespace(), { image: 'nginx:1.28', withService: false }),
      'drop service',
    );
    const done = await until(() => getRelease(database.db, release.id), finished);
    assert.equal(done.status, 'healthy', done.message);
    const services = await ns.kc().makeApiClient(CoreV1Api).listNamespacedService({ namespace: ns.namespace() });
    assert.deepEqual(
      services.items.map((s) => s.metadata?.name),
      [],
    );
  });

  it('marks a failing rollout degraded at its deadline and rolls back to the last healthy release', async () => {
    const release = await deploy(webObjects(ns.namespace(), { image: 'nginx:broken', fault: 'crashloop' }), 'broken');
    const failed = await until(() => getRelease(database.db, release.id), finished);
    assert.equal(failed.status, 'degraded');
    assert.match(failed.message, /crash/i, 'the reason names the crash loop');
    const rollback = await until(
      async () => (await listReleases(database.db)).find((r) => r.rollbackOf !== null),
      (r) => !!r && finished(r),
    );
    assert.equal(rollback?.status, 'healthy', rollback?.message);
    assert.match(rollback?.reason ?? '', /Automatic rollback to release #3/);
    const deployment = await ns
      .kc()
      .makeApiClient(AppsV1Api)
      .readNamespacedDeployment({ name: 'web', namespace: ns.namespace() });
    assert.equal(deployment.spec?.template.spec?.containers[0]?.image, 'nginx:1.28');
    assert.equal(deployment.spec?.template.metadata?.annotations?.['testbed.slipway.dev/fault'], undefined);
  });

  it('supersedes a queued release with a newer one: none lost, none applied out of order', async () => {
    const a = await deploy(webObjects(ns.namespace(), { image: 'nginx:1.28', greeting: 'a' }), 'a');
    const b = await deploy(webObjects(ns.namespace(), { image: 'nginx:1.28', greeting: 'b' }), 'b');
    const c = await deploy(webObjects(ns.namespace(), { image: 'nginx:1.28', greeting: 'c' }), 'c');
    const last = await until(() => getRelease(database.db, c.id), finished);
    assert.equal(last.status, 'healthy', last.message);
    for (const older of [a, b]) {
      const r = await getRelease(database.db, older.id);
      assert.ok(['superseded', 'healthy'].includes(r.status), `${r.number} is ${r.status}`);
    }
    const cm = await ns
      .kc()
      .makeApiClient(CoreV1Api)
      .readNamespacedConfigMap({ name: 'web-env', namespace: ns.namespace() });
    assert.equal(cm.data?.GREETING, 'c', 'the newest release wins');
  });

  it('ends a release the cluster refuses as failed, with the API server’s reason, leaving nothing applied', async () => {
    const objects = webObjects(ns.namespace(), { image: 'nginx:1.28' });
    objects.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'extra', namespace: ns.namespace() },
      data: { a: 'b' },
    });
    const service = objects.find((o) => o.kind === 'Service') as KubeObject;
    service.spec = { ...service.spec, ports: [{ name: 'http', port: 70000 }] };
    const release = await deploy(objects, 'refused');
    const done = await until(() => getRelease(database.db, release.id), finished);
    assert.equal(done.status, 'failed');
    assert.match(done.message, /Kubernetes refused Service web/);
    const extra = await ns
      .kc()
      .makeApiClient(CoreV1Api)
      .readNamespacedConfigMap({ name: 'extra', namespace: ns.namespace() })
      .catch(() => undefined);
    assert.equal(extra, undefined, 'nothing of the refused release was applied');
  });
});
