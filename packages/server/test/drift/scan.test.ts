/**
 * The periodic drift scan (drift/scanner.ts) on the test cluster and both databases: hand edits
 * of a release's objects are found, announced once as `drift.found` (with the objects and fields
 * that departed, never values), announced again only when the drift changes or comes back after
 * the release was in sync; paused environments are not scanned, and `facts.drift` follows.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { AppsV1Api, CoreV1Api, KubernetesObjectApi, PatchStrategy } from '@kubernetes/client-node';
import type { NotificationEvent } from '@slipway/core';
import { readDrift } from '../../src/db/stores/drift.ts';
import { gatherFacts } from '../../src/standards/facts.ts';
import { useTestNamespace } from '../harness/cluster.ts';
import { testEngines } from '../harness/databases.ts';
import { useDeployApp } from '../harness/deploy-app.ts';

const score = (image: string) => `
apiVersion: score.dev/v1b1
metadata:
  name: web
containers:
  main:
    image: ${image}
service:
  ports:
    http:
      port: 80
      targetPort: 8080
`;

for (const engine of testEngines) {
  describe(`the drift scan [${engine}]`, () => {
    const ns = useTestNamespace('drift');
    const { api, settle, db, platform } = useDeployApp(ns.kc, { engine });
    let release: { id: string; number: number; status: string };

    /** Sets the Deployment's replicas as a person with kubectl would. */
    const scaleByHand = (replicas: number) =>
      KubernetesObjectApi.makeApiClient(ns.kc()).patch(
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', namespace: ns.namespace() },
          spec: { replicas },
        },
        undefined,
        undefined,
        'kubectl-edit',
        undefined,
        PatchStrategy.MergePatch,
      );
    const driftEvents = async () =>
      (
        await db()
          .selectFrom('notification_events')
          .select('payload')
          .where('kind', '=', 'drift.found')
          .orderBy('created_at')
          .execute()
      ).map((r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as NotificationEvent);
    const deploy = async (image: string) => {
      const res = await api('POST', '/deploys', { environment: 'dev', workload: score(image) });
      assert.equal(res.statusCode, 202, res.body);
      const done = await settle(res.json().release.id);
      assert.equal(done.status, 'healthy', done.message);
      return done as unknown as typeof release;
    };

    before(async () => {
      const res = await api('PUT', '/environments/dev', { type: 'development', namespace: ns.namespace() });
      assert.equal(res.statusCode, 200, res.body);
      release = await deploy('nginx:1.27');
    });

    it('finds a release in sync and announces nothing', async () => {
      const summary = await platform().drift.pass();
      assert.deepEqual(summary, { scanned: 1, drifted: 0, announced: 0, unreachable: 0 });
      assert.equal((await readDrift(db(), release.id))?.status, 'in-sync');
      assert.deepEqual(await driftEvents(), []);
    });

    it('announces a hand edit once, naming the object and field, and not again while it stays the same', async () => {
      await scaleByHand(5);
      assert.deepEqual(await platform().drift.pass(), { scanned: 1, drifted: 1, announced: 1, unreachable: 0 });
      const [event, ...more] = await driftEvents();
      assert.deepEqual(more, []);
      assert.equal(event?.title, 'web #1 drifted in dev: Deployment web: /spec/replicas');
      assert.equal(event?.service, 'web');
      assert.equal(event?.environment, 'dev');
      assert.equal(event?.environmentType, 'development');
      assert.equal(event?.link, '/services/web');
      assert.deepEqual(event?.data, {
        releaseId: release.id,
        number: 1,
        objects: [{ key: `apps/Deployment/${ns.namespace()}/web`, state: 'drifted', paths: ['/spec/replicas'] }],
      });
      const facts = await gatherFacts(db(), { service: 'web' }, new Date());
      assert.equal(facts.facts.drift, true, 'policies and scorecards see it');

      assert.equal((await platform().drift.pass()).announced, 0, 'the same drift at the next pass');
      await scaleByHand(7);
      assert.equal((await platform().drift.pass()).announced, 0, 'the same field drifting further is the same drift');
      assert.equal((await driftEvents()).length, 1);
    });

    it('announces a new drift when another object departs: a deleted Service is missing', async () => {
      await ns.kc().makeApiClient(CoreV1Api).deleteNamespacedService({ name: 'web', namespace: ns.namespace() });
      assert.equal((await platform().drift.pass()).announced, 1);
      const last = (await driftEvents()).at(-1);
      assert.equal(last?.title, 'web #1 drifted in dev: Service web is missing; Deployment web: /spec/replicas');
    });

    it('forgets a drift the next release takes back, and announces the next drift of it again', async () => {
      const second = await deploy('nginx:1.28');
      const live = await ns
        .kc()
        .makeApiClient(AppsV1Api)
        .readNamespacedDeployment({ name: 'web', namespace: ns.namespace() });
      assert.equal(live.spec?.replicas, 1, 'the release took the hand edit back');
      assert.deepEqual(await platform().drift.pass(), { scanned: 1, drifted: 0, announced: 0, unreachable: 0 });
      assert.equal((await gatherFacts(db(), { service: 'web' }, new Date())).facts.drift, false);

      await scaleByHand(3);
      assert.equal((await platform().drift.pass()).announced, 1);
      await scaleByHand(1);
      assert.equal((await platform().drift.pass()).drifted, 0, 'edited back: in sync');
      assert.equal((await readDrift(db(), second.id))?.announcedFingerprint, null);
      await scaleByHand(4);
      assert.equal((await platform().drift.pass()).announced, 1, 'drifting again after being in sync is news');
      const titles = (await driftEvents()).map((e) => e.title);
      assert.deepEqual(titles.slice(2), [
        'web #2 drifted in dev: Deployment web: /spec/replicas',
        'web #2 drifted in dev: Deployment web: /spec/replicas',
      ]);
    });

    it('leaves a paused environment alone: scaled to zero on purpose is not drift', async () => {
      const paused = await api('POST', '/environments/dev/pause');
      assert.equal(paused.statusCode, 200, paused.body);
      const before = (await driftEvents()).length;
      assert.deepEqual(await platform().drift.pass(), { scanned: 0, drifted: 0, announced: 0, unreachable: 0 });
      assert.equal((await driftEvents()).length, before);
    });
  });
}
