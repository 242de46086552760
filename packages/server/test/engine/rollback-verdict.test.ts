// test-lane: waiting
// (most of this file's time goes waiting on crash-looping pods to restart: scripts/run-tests.mjs)
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { useTestNamespace } from '../harness/cluster.ts';
import { describeEachDatabase } from '../harness/databases.ts';
import { found } from '../harness/found.ts';
import { settleStoredRelease } from '../harness/settle.ts';
import { webObjects } from './fixtures.ts';
import { useEngine } from './use-engine.ts';

/** Short, so ten rounds of a failed rollout and its rollback stay around a minute. */
const deadline = 3;

/**
 * A rollback returns the Deployment to a ReplicaSet that still has its ready pods; the
 * Deployment controller keeps the failed rollout's "timed out progressing" condition until
 * the rollback completes. The rollback must be judged by what happened after its own apply.
 */
describeEachDatabase('the automatic rollback after a crash-looping release', (getDb) => {
  const ns = useTestNamespace('rollback-verdict');
  const t = useEngine({ db: getDb, namespace: ns.namespace, kube: ns.kc, progressDeadlineSeconds: deadline });
  const objects = (options: Parameters<typeof webObjects>[1] = {}) =>
    webObjects(ns.namespace(), { progressDeadlineSeconds: deadline, replicas: 1, ...options });

  it('ends healthy, 10 times in a row', async () => {
    const db = getDb().db;
    const good = await settleStoredRelease(db, (await t.deploy(objects(), 'good')).id);
    assert.equal(good.status, 'healthy', good.message);
    for (let round = 1; round <= 10; round++) {
      // A new image each round, so each broken release rolls out a ReplicaSet of its own.
      const broken = await t.deploy(objects({ image: `nginx:1.29.${round}`, fault: 'crashloop' }), `broken ${round}`);
      const failed = await settleStoredRelease(db, broken.id);
      assert.equal(failed.status, 'degraded', `round ${round}: ${failed.message}`);
      const rollback = await found('the automatic rollback', async () =>
        (await t.releases()).find((r) => r.number === failed.number + 1 && r.rollbackOf !== null),
      );
      const restored = await settleStoredRelease(db, rollback.id);
      assert.equal(
        restored.status,
        'healthy',
        `round ${round}: rollback #${restored.number} ended ${restored.status}: ${restored.message}`,
      );
    }
  });
});
