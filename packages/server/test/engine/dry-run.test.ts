import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { CoreV1Api } from '@kubernetes/client-node';
import type { KubeObject } from '@slipway/core';
import type { EnvironmentRecord } from '../../src/db/stores/environments.ts';
import { createRelease, type ReleaseRecord } from '../../src/db/stores/releases.ts';
import { ensureService } from '../../src/db/stores/services.ts';
import { DeployEngine, dryRunTrustMs } from '../../src/engine/engine.ts';
import { useTestNamespace } from '../harness/cluster.ts';
import { describeEachDatabase } from '../harness/databases.ts';
import { storeEnvironment } from '../harness/environments.ts';
import { settleStoredRelease } from '../harness/settle.ts';
import { environment, webObjects } from './fixtures.ts';

const quiet = { info() {}, warn() {}, error() {} };

/**
 * Whether the API server already dry-ran a release is read from its row (validatedAt), so an
 * engine that never saw the deploy — another replica, or this one after a restart — decides the
 * same way. What it decides shows in the cluster with objects the API server refuses (a port out
 * of range): dry-run first, nothing of them is applied; trusted, the waves before the refused
 * object are. A real deploy's dry run would have refused them, of course: here they stand for a
 * cluster that changed after the deploy's dry run.
 */
describeEachDatabase('the engine trusts the API’s dry run only while it is fresh', (getDb) => {
  const ns = useTestNamespace('dry-run');
  const clock = () => new Date();
  let engine: DeployEngine;
  let env: EnvironmentRecord;
  let serviceId: string;

  before(async () => {
    serviceId = (await ensureService(getDb().db, 'web')).id;
    env = await storeEnvironment(getDb().db, environment(ns.namespace(), 6));
  });
  after(() => engine?.stop());

  /** Stores a release the cluster refuses, with a ConfigMap of its own named `marker`. */
  const refused = (marker: string, validatedAt: Date | null): Promise<ReleaseRecord> => {
    const objects = webObjects(ns.namespace());
    objects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: marker, namespace: ns.namespace() } });
    const service = objects.find((o) => o.kind === 'Service') as KubeObject;
    service.spec = { ...service.spec, ports: [{ name: 'http', port: 70000 }] };
    return createRelease(getDb().db, {
      serviceId,
      environmentId: env.id,
      contentHash: `sha256:${marker}`,
      image: null,
      commitSha: null,
      createdBy: 'test',
      reason: marker,
      workload: {},
      objects,
      validatedAt,
    });
  };
  const applied = async (marker: string) =>
    (await ns.kc().makeApiClient(CoreV1Api).listNamespacedConfigMap({ namespace: ns.namespace() })).items.some(
      (c) => c.metadata?.name === marker,
    );

  it('applies a release dry-run moments ago without a second dry run, even from an engine that never saw it', async () => {
    const release = await refused('fresh', clock());
    engine = new DeployEngine({ db: getDb().db, kube: ns.kc(), log: quiet, now: clock, tickMs: 500 });
    engine.start();
    const done = await settleStoredRelease(getDb().db, release.id);
    assert.equal(done.status, 'failed');
    assert.match(done.message, /Kubernetes refused Service web/);
    assert.equal(await applied('fresh'), true, 'applied straight away: the wave before the Service went in');
  });

  it('dry-runs a release again whose dry run is older than the trust window, or that never had one', async () => {
    for (const [marker, validatedAt] of [
      ['stale', new Date(clock().getTime() - dryRunTrustMs - 5000)],
      ['never', null],
    ] as const) {
      const release = await refused(marker, validatedAt);
      engine.wake();
      const done = await settleStoredRelease(getDb().db, release.id);
      assert.equal(done.status, 'failed');
      assert.match(done.message, /Kubernetes refused Service web/);
    }
    assert.equal(await applied('stale'), false, 'the stale one was dry-run first: nothing of it applied');
    assert.equal(await applied('never'), false, 'the never-validated one was dry-run first: nothing of it applied');
  });
});
