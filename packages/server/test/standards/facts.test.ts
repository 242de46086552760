/**
 * gatherFacts: what a CEL policy's `facts` and `service` variables hold, read from the database
 * only, on both engines. Rows are written by the stores as deploys and the catalog write them.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { writeDrift } from '../../src/db/stores/drift.ts';
import { advanceRelease, createRelease } from '../../src/db/stores/releases.ts';
import { ensureService } from '../../src/db/stores/services.ts';
import { createTeam } from '../../src/db/stores/teams.ts';
import { gatherFacts } from '../../src/standards/facts.ts';
import { insertEntities, insertLocation } from '../harness/catalog-rows.ts';
import { describeEachDatabase } from '../harness/databases.ts';
import { storeEnvironment } from '../harness/environments.ts';

const now = new Date('2026-03-02T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describeEachDatabase('gatherFacts', (getDb) => {
  let devId = '';
  let stageId = '';
  let release: (environmentId: string, image: string) => ReturnType<typeof createRelease>;
  let devRelease = '';

  before(async () => {
    const db = getDb().db;
    await createTeam(db, { name: 'payments' });
    const service = await ensureService(db, 'ledger', 'payments');
    const environment = (name: string, type: string) =>
      storeEnvironment(
        db,
        { name, type, namespace: name, routeKind: 'Ingress', defaults: { replicas: 1, progressDeadlineSeconds: 60 } },
        null,
        now,
      );
    devId = (await environment('dev', 'development')).id;
    stageId = (await environment('stage', 'staging')).id;
    release = (environmentId: string, image: string) =>
      createRelease(db, {
        serviceId: service.id,
        environmentId,
        contentHash: `sha256:${image}`,
        image,
        commitSha: null,
        createdBy: 'test',
        reason: null,
        workload: {},
        objects: [],
      });
    const healthy = await release(devId, 'ledger:1');
    devRelease = healthy.id;
    await advanceRelease(db, healthy.id, ['queued'], {
      status: 'healthy',
      startedAt: minutesAgo(30),
      finishedAt: minutesAgo(20),
    });
    const waiting = await release(stageId, 'ledger:1');
    await advanceRelease(db, waiting.id, ['queued'], { status: 'pending_approval' });
    const location = await insertLocation(db);
    await insertEntities(db, location, [
      {
        kind: 'Component',
        name: 'ledger',
        spec: { type: 'service', owner: 'group:default/finance', lifecycle: 'production' },
        annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
      },
    ]);
  });

  it('reads the owner, docs, last deploy and open approvals of a service in the catalog', async () => {
    const { entity, facts } = await gatherFacts(getDb().db, { service: 'ledger', environmentId: devId }, now);
    assert.equal(entity?.metadata.name, 'ledger');
    assert.equal(facts.owner, 'payments', "Slipway's owning team wins over the entity's spec.owner");
    assert.equal(facts.docsPresent, true);
    assert.equal(facts.lastDeployAt, minutesAgo(20).toISOString());
    assert.equal(facts.openApprovals, 1);
    assert.equal(facts.drift, false);
    assert.equal(facts.verification, null);
    assert.equal(typeof facts.dora.deploymentsPerDay, 'number');
  });

  it('narrows the last deploy to the environment asked about', async () => {
    const { facts } = await gatherFacts(getDb().db, { service: 'ledger', environmentId: stageId }, now);
    assert.equal(facts.lastDeployAt, null, 'nothing healthy in stage yet');
  });

  it("takes drift from the last scan of the service's standing release, in the environment asked about", async () => {
    const db = getDb().db;
    const drift = async (environmentId?: string) =>
      (await gatherFacts(db, { service: 'ledger', ...(environmentId ? { environmentId } : {}) }, now)).facts.drift;
    await writeDrift(db, devRelease, {
      status: 'drifted',
      fingerprint: 'f1',
      objects: [{ key: 'apps/Deployment/dev/ledger', state: 'drifted', paths: ['/spec/replicas'] }],
      checkedAt: now,
      announcedFingerprint: 'f1',
    });
    assert.equal(await drift(devId), true);
    assert.equal(await drift(), true, 'drifted in one environment: drifted');
    assert.equal(await drift(stageId), false, 'nothing stands in stage: a release awaiting approval never ran');
    // A newer release in dev stands in front of the drifted one; the scan has not seen it yet.
    const newer = await release(devId, 'ledger:2');
    await advanceRelease(db, newer.id, ['queued'], { status: 'healthy', startedAt: now, finishedAt: now });
    assert.equal(await drift(devId), false);
    // Drifted in stage, then stage is deleted: its last release stands nowhere.
    const staged = await release(stageId, 'ledger:2');
    await advanceRelease(db, staged.id, ['queued'], { status: 'healthy', startedAt: now, finishedAt: now });
    await writeDrift(db, staged.id, {
      status: 'drifted',
      fingerprint: 'f2',
      objects: [{ key: 'apps/Deployment/stage/ledger', state: 'missing', paths: [] }],
      checkedAt: now,
      announcedFingerprint: 'f2',
    });
    assert.equal(await drift(), true);
    await db
      .updateTable('environments')
      .set({ status: 'deleted', deleted_at: now })
      .where('id', '=', stageId)
      .execute();
    assert.equal(await drift(), false, 'a deleted environment holds no drift');
  });

  it('knows nothing of a service that is neither deployed nor in the catalog, and says so plainly', async () => {
    const { entity, facts } = await gatherFacts(getDb().db, { service: 'ghost' }, now);
    assert.equal(entity, null);
    assert.deepEqual(facts, {
      owner: null,
      docsPresent: false,
      lastDeployAt: null,
      drift: false,
      openApprovals: 0,
      dora: { deploymentsPerDay: 0, leadTimeSeconds: null, changeFailureRate: null, timeToRestoreSeconds: null },
      verification: null,
    });
  });
});
