// test-lane: waiting
// (most of this file's time goes waiting on the outage it stages and the engine's retries: scripts/run-tests.mjs)
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ClusterRegistry } from '../../src/clusters/registry.ts';
import type { ReleaseRecord } from '../../src/db/stores/releases.ts';
import { finishedStatuses } from '../../src/db/stores/releases.ts';
import { useTestNamespace } from '../harness/cluster.ts';
import { describeEachDatabase } from '../harness/databases.ts';
import { useKubeProxy } from '../harness/kube-proxy.ts';
import { settleStoredRelease } from '../harness/settle.ts';
import { webObjects } from './fixtures.ts';
import { useEngine } from './use-engine.ts';

/** Short, so the outage below easily spans it. */
const deadline = 3;

/**
 * Slipway reaches the cluster through a proxy the test cuts and black-holes mid-rollout; the
 * cluster itself goes on (its controllers and kwok are not behind the proxy), so the rollout
 * finishes while Slipway cannot see it.
 */
describeEachDatabase('a rollout while Slipway cannot reach the cluster', (getDb, context) => {
  const ns = useTestNamespace('outage');
  const through = useKubeProxy();
  const t = useEngine({
    db: getDb,
    namespace: ns.namespace,
    progressDeadlineSeconds: deadline,
    clusters: (db) =>
      new ClusterRegistry({
        db: db.db,
        defaultKube: through().kubeConfig(),
        keyRing: null,
        watch: { requestTimeoutMs: 1500 },
      }),
  });
  const objects = (options: Parameters<typeof webObjects>[1] = {}) =>
    webObjects(ns.namespace(), { progressDeadlineSeconds: deadline, replicas: 1, ...options });

  it('stays progressing, saying why, through an outage past its deadline; then ends healthy, with no rollback', async () => {
    const db = getDb().db;
    // A healthy release first: a release wrongly found degraded would be rolled back to it.
    const first = await settleStoredRelease(db, (await t.deploy(objects(), 'first')).id);
    assert.equal(first.status, 'healthy', first.message);

    // Its pods take 3 s to turn Ready: the outage begins while it rolls out.
    const release = await t.deploy(objects({ image: 'nginx:1.28', delay: '3s' }), 'through an outage');
    const statuses = new Set<string>();
    const follow = async (done: (r: ReleaseRecord) => boolean, what: string) => {
      const until = Date.now() + 60_000;
      for (;;) {
        const r = await t.release(release.id);
        statuses.add(r.status);
        if (done(r)) return r;
        if (Date.now() > until)
          throw new Error(`timed out waiting until ${what}; release is ${r.status}: ${r.message}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await follow((r) => r.status === 'progressing', 'it rolls out');

    through().cut();
    const refused = await follow(
      (r) => r.message.startsWith('Cannot reach the cluster since '),
      'it says the cluster cannot be reached',
    );
    assert.equal(refused.status, 'progressing');
    assert.match(refused.message, /^Cannot reach the cluster since \d\d:\d\d:\d\d UTC: .+; retrying\. /);

    through().blackhole();
    const pastDeadline = (r: ReleaseRecord) => Date.now() > (r.startedAt?.getTime() ?? 0) + (deadline + 1) * 1000;
    const hung = await follow(
      (r) => /: no answer within 1\.5 s; retrying/.test(r.message) && pastDeadline(r),
      'requests hang, past the deadline',
    );
    assert.equal(hung.status, 'progressing', hung.message);

    through().heal();
    const done = await follow((r) => finishedStatuses.includes(r.status), 'it ends');
    assert.equal(done.status, 'healthy', done.message);
    assert.deepEqual(
      [...statuses].filter((s) => s !== 'queued' && s !== 'applying'),
      ['progressing', 'healthy'],
      'never degraded on the way',
    );
    assert.deepEqual(
      t.events.filter((e) => e.releaseId === release.id && e.phase === 'degraded'),
      [],
      'the engine never said degraded',
    );
    const rollbacks = (await t.releases()).filter((r) => r.rollbackOf !== null);
    assert.deepEqual(rollbacks, [], 'no automatic rollback');
  });
  it('stays applying, saying why, while the cluster does not answer its apply; then applies it and ends healthy', async () => {
    through().cut();
    const release = await t.deploy(objects({ image: 'nginx:1.29' }), 'applied during an outage');
    const until = Date.now() + 60_000;
    let waiting = await t.release(release.id);
    while (!waiting.message.startsWith('Cannot reach the cluster since ')) {
      assert.ok(Date.now() < until, `timed out; release is ${waiting.status}: ${waiting.message}`);
      assert.ok(!finishedStatuses.includes(waiting.status), `ended ${waiting.status}: ${waiting.message}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      waiting = await t.release(release.id);
    }
    assert.equal(waiting.status, 'applying', waiting.message);
    through().heal();
    const done = await settleStoredRelease(getDb().db, release.id);
    assert.equal(done.status, 'healthy', done.message);
    const rollbacks = (await t.releases()).filter((r) => r.rollbackOf !== null);
    assert.deepEqual(rollbacks, [], 'no automatic rollback');
  });

  // The fault: the API server unreachable for 30 s. The engine does not depend on the
  // database engine, so this costs its 30 s (about 40 s in all) on PostgreSQL only.
  if (context.engine === 'postgres') {
    it('rides out 30 s without the API server, ten times its deadline: progressing throughout, then healthy', async () => {
      const release = await t.deploy(objects({ image: 'nginx:1.30', delay: '2s' }), 'through a long outage');
      const until = async (what: string, done: (r: ReleaseRecord) => boolean, timeoutMs: number) => {
        const deadlineAt = performance.now() + timeoutMs;
        for (;;) {
          const r = await t.release(release.id);
          if (done(r)) return r;
          assert.ok(
            performance.now() < deadlineAt,
            `timed out waiting until ${what}; release is ${r.status}: ${r.message}`,
          );
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      };
      await until('it rolls out', (r) => r.status === 'progressing', 60_000);

      // Down (connections refused) for 15 s, then a network that drops everything for 15 s.
      const seen = new Set<string>();
      const hold = async (ms: number) => {
        const end = performance.now() + ms;
        while (performance.now() < end) {
          const r = await t.release(release.id);
          seen.add(r.status);
          assert.equal(r.status, 'progressing', `condemned during the outage: ${r.message}`);
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      };
      through().cut();
      await hold(15_000);
      through().blackhole();
      await hold(15_000);
      const cutOff = await t.release(release.id);
      assert.match(cutOff.message, /^Cannot reach the cluster since \d\d:\d\d:\d\d UTC: /);

      const healed = performance.now();
      through().heal();
      const done = await until('it ends', (r) => finishedStatuses.includes(r.status), 30_000);
      assert.equal(done.status, 'healthy', done.message);
      console.log(
        `30 s API server outage: healthy ${Math.round(performance.now() - healed)} ms after the cluster came back`,
      );
      assert.deepEqual([...seen], ['progressing']);
      assert.deepEqual(
        t.events.filter((e) => e.releaseId === release.id && e.phase === 'degraded'),
        [],
        'the engine never said degraded',
      );
      const rollbacks = (await t.releases()).filter((r) => r.rollbackOf !== null);
      assert.deepEqual(rollbacks, [], 'no automatic rollback');
    });
  }
});
