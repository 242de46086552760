import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { EnvironmentContext, KubeObject } from '@slipway/core';
import { createEnvironment, getEnvironmentByName, transitionEnvironment } from '../../src/db/stores/environments.ts';
import {
  advanceRelease,
  createRelease,
  currentReleases,
  getRelease,
  lastApplied,
  listReleases,
  type NewRelease,
  newestAppliedReleases,
  pairsWithWork,
  unfinishedReleases,
} from '../../src/db/stores/releases.ts';
import { ensureService } from '../../src/db/stores/services.ts';
import { describeEachDatabase } from '../harness/databases.ts';
import { storeEnvironment } from '../harness/environments.ts';

const dev: EnvironmentContext = {
  name: 'development',
  type: 'development',
  namespace: 'dev',
  domain: 'dev.example.com',
  routeKind: 'Ingress',
  defaults: { replicas: 1, progressDeadlineSeconds: 60 },
};

const objects: KubeObject[] = [
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'web', namespace: 'dev', labels: { a: 'b' } },
    data: { k: 'v' },
  },
];

describeEachDatabase('releases store', (getDb) => {
  let release: (extra?: Partial<NewRelease>) => NewRelease;

  before(async () => {
    const db = getDb().db;
    const service = await ensureService(db, 'web');
    const environment = await storeEnvironment(db, dev);
    release = (extra = {}) => ({
      serviceId: service.id,
      environmentId: environment.id,
      contentHash: 'sha256:abc',
      image: 'nginx:1.27',
      commitSha: null,
      createdBy: 'alice',
      reason: 'test',
      workload: { apiVersion: 'score.dev/v1b1', metadata: { name: 'web' } },
      objects,
      ...extra,
    });
  });

  test('environments keep their rendering context', async () => {
    const env = await getEnvironmentByName(getDb().db, 'development');
    assert.deepEqual(env.context, dev);
    assert.equal(env.status, 'active');
  });

  test('a live name or namespace is taken once; a deleted environment frees both and keeps its row', async () => {
    const db = getDb().db;
    const input = {
      type: 'development',
      clusterId: null,
      createdBy: 't',
      settings: { routeKind: 'Ingress' as const, overrides: {} },
      now: new Date(),
    };
    await assert.rejects(createEnvironment(db, { ...input, name: 'development', namespace: 'other' }), {
      code: 'already_exists',
      message: /already exists/,
    });
    await assert.rejects(createEnvironment(db, { ...input, name: 'elsewhere', namespace: 'dev' }), {
      code: 'already_exists',
      message: /Namespace dev/,
    });
    const gone = await createEnvironment(db, { ...input, name: 'short-lived', namespace: 'short' });
    await transitionEnvironment(db, gone.id, ['active'], 'deleted', new Date());
    const again = await createEnvironment(db, { ...input, name: 'short-lived', namespace: 'short' });
    assert.notEqual(again.id, gone.id);
    assert.equal((await getEnvironmentByName(db, 'short-lived')).id, again.id);
  });

  test('a release is stored queued, numbered, with its objects and workload intact', async () => {
    const created = await createRelease(getDb().db, release());
    assert.equal(created.status, 'queued');
    assert.ok(created.number >= 1);
    const read = await getRelease(getDb().db, created.id);
    assert.deepEqual(read.objects, objects);
    assert.deepEqual(read.workload, { apiVersion: 'score.dev/v1b1', metadata: { name: 'web' } });
    assert.equal(read.autoRollback, true);
  });

  test('when the API server dry-ran a release is stored with it, in the insert; a release nobody dry-ran has none', async () => {
    const at = new Date();
    const validated = await createRelease(getDb().db, release({ validatedAt: at }));
    assert.equal(validated.validatedAt?.getTime(), at.getTime());
    assert.equal((await getRelease(getDb().db, validated.id)).validatedAt?.getTime(), at.getTime());
    const rollback = await createRelease(getDb().db, release({ rollbackOf: validated.id }));
    assert.equal((await getRelease(getDb().db, rollback.id)).validatedAt, null);
  });

  test("the commit's time is stored with the release, to the millisecond; left out, it is unknown", async () => {
    const committed = new Date(Date.now() - 3_723_456);
    const timed = await createRelease(getDb().db, release({ commitSha: 'abc1234', commitTime: committed }));
    assert.equal((await getRelease(getDb().db, timed.id)).commitTime?.getTime(), committed.getTime());
    const untimed = await createRelease(getDb().db, release());
    assert.equal((await getRelease(getDb().db, untimed.id)).commitTime, null);
  });

  test('concurrent deploys get distinct, consecutive numbers: none lost', async () => {
    const before = (await listReleases(getDb().db)).length;
    const made = await Promise.all(Array.from({ length: 8 }, () => createRelease(getDb().db, release())));
    const numbers = made.map((r) => r.number).sort((a, b) => a - b);
    assert.equal(new Set(numbers).size, 8);
    assert.equal(Math.max(...numbers) - Math.min(...numbers), 7);
    assert.equal((await listReleases(getDb().db)).length, before + 8);
  });

  test('advancing is compare-and-set: a finished release is never reopened', async () => {
    const r = await createRelease(getDb().db, release());
    assert.equal(
      await advanceRelease(getDb().db, r.id, ['queued'], { status: 'applying', startedAt: new Date() }),
      true,
    );
    assert.equal(await advanceRelease(getDb().db, r.id, ['queued'], { status: 'applying' }), false, 'taken once only');
    const health = { status: 'Healthy', resources: [{ kind: 'Deployment', name: 'web' }] };
    assert.equal(
      await advanceRelease(getDb().db, r.id, ['applying'], {
        status: 'healthy',
        health,
        finishedAt: new Date(),
        message: 'ok',
      }),
      true,
    );
    assert.equal(
      await advanceRelease(getDb().db, r.id, ['queued', 'applying', 'progressing'], { status: 'failed' }),
      false,
    );
    const read = await getRelease(getDb().db, r.id);
    assert.equal(read.status, 'healthy');
    assert.deepEqual(read.health, health);
  });

  test('the engine finds pairs with unfinished work, and the last applied release', async () => {
    const [pair, ...others] = await pairsWithWork(getDb().db);
    assert.ok(pair);
    assert.equal(others.length, 0);
    const unfinished = await unfinishedReleases(getDb().db, pair.serviceId, pair.environmentId);
    const numbers = unfinished.map((r) => r.number);
    assert.ok(numbers.length >= 1);
    assert.deepEqual(
      numbers,
      [...numbers].sort((a, b) => a - b),
      'oldest first',
    );
    const applied = await lastApplied(getDb().db, pair.serviceId, pair.environmentId, { status: ['healthy'] });
    assert.equal(applied?.status, 'healthy');
  });

  test('per service of an environment: the current release (newest healthy, else newest applied) and the newest applied', async () => {
    const db = getDb().db;
    const environment = await storeEnvironment(db, { ...dev, name: 'per-service', namespace: 'per-service' });
    const at = new Date();
    /** A release of `service` moved to `status` (started unless it never left the queue). */
    const stored = async (service: string, status: 'healthy' | 'degraded' | 'progressing' | 'queued' | 'failed') => {
      const { id } = await ensureService(db, service);
      const r = await createRelease(db, {
        ...release(),
        serviceId: id,
        environmentId: environment.id,
        workload: { apiVersion: 'score.dev/v1b1', metadata: { name: service } },
      });
      if (status !== 'queued') await advanceRelease(db, r.id, ['queued'], { status, startedAt: at });
      return r.number;
    };
    // api: healthy #1, degraded #2 → current #1, newest applied #2.
    await stored('api', 'healthy');
    await stored('api', 'degraded');
    // worker: progressing #1 only; then a queued #2 that never started.
    await stored('worker', 'progressing');
    await stored('worker', 'queued');
    // batch: only a failed release (failed is not applied) → in neither list.
    await stored('batch', 'failed');
    const byService = (rs: Array<{ workload: unknown; number: number }>) =>
      Object.fromEntries(
        rs.map((r) => [(r.workload as { metadata: { name: string } }).metadata.name, r.number]).sort(),
      );
    assert.deepEqual(byService(await currentReleases(db, environment.id)), { api: 1, worker: 1 });
    assert.deepEqual(byService(await newestAppliedReleases(db, environment.id)), { api: 2, worker: 1 });
  });
});
