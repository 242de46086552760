import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { AppsV1Api } from '@kubernetes/client-node';
import { EnvironmentController } from '../../src/environments/controller.ts';
import { testKubeConfig } from '../harness/cluster.ts';
import { useEnvironmentApp } from '../harness/environment-app.ts';
import { webScore } from './workload.ts';

describe('promotion dev → staging → production, with approvals and freezes', () => {
  const t = useEnvironmentApp();
  let devRelease: { id: string; number: number };

  before(async () => {
    for (const [name, type] of [
      ['dev', 'development'],
      ['staging', 'staging'],
      ['production', 'production'],
    ]) {
      const res = await t.api('POST', '/environments', { name, type });
      assert.equal(res.statusCode, 201, res.body);
    }
    const deploy = await t.api('POST', '/deploys', { environment: 'dev', workload: webScore('web', 'nginx:1.27.3') });
    assert.equal(deploy.statusCode, 202, deploy.body);
    devRelease = await t.settle(deploy.json().release.id);
    assert.equal((devRelease as unknown as { status: string }).status, 'healthy');
  });

  it('shows the diff first, then promotes the exact release to staging', async () => {
    const preview = await t.api('POST', '/promotions', { service: 'web', from: 'dev', to: 'staging', dryRun: true });
    assert.equal(preview.statusCode, 200, preview.body);
    assert.equal(preview.json().source.id, devRelease.id);
    assert.equal(preview.json().current, null);
    const added = preview
      .json()
      .diff.added.map((o: { kind: string }) => o.kind)
      .sort();
    assert.deepEqual(added, ['ConfigMap', 'Deployment', 'NetworkPolicy', 'PodDisruptionBudget', 'Service']);
    assert.equal(
      (await t.api('GET', '/releases?environment=staging')).json().items.length,
      0,
      'a dry run stores nothing',
    );

    const res = await t.api('POST', '/promotions', { service: 'web', from: 'dev', to: 'staging' });
    assert.equal(res.statusCode, 202, res.body);
    const release = await t.settle(res.json().release.id);
    assert.equal(release.status, 'healthy', release.message);
    assert.equal(release.promotedFrom, devRelease.id);
    assert.equal(release.image, 'nginx:1.27.3');
    const web = await testKubeConfig()
      .makeApiClient(AppsV1Api)
      .readNamespacedDeployment({ name: 'web', namespace: `${t.prefix}-staging` });
    assert.equal(web.spec?.replicas, 2, "rendered with staging's defaults");
    assert.equal(web.spec?.template.spec?.containers[0]?.image, 'nginx:1.27.3');
  });

  it('waits for approval in production: the requester cannot approve, a second person can', async () => {
    const res = await t.api('POST', '/promotions', { service: 'web', from: 'staging', to: 'production' });
    assert.equal(res.statusCode, 202, res.body);
    const pending = res.json().release;
    assert.equal(pending.status, 'pending_approval');
    assert.ok(pending.approvalExpiresAt);

    const own = await t.api('POST', `/releases/${pending.id}/approve`, {}, 'alice');
    assert.equal(own.statusCode, 403, own.body);
    assert.equal(own.json().error.code, 'self_approval');
    assert.match(own.json().error.message, /someone else must approve/);
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(
      (await t.api('GET', `/releases/${pending.id}`)).json().release.status,
      'pending_approval',
      'the engine left it alone',
    );

    const approved = await t.api('POST', `/releases/${pending.id}/approve`, { comment: 'ship it' }, 'bob');
    assert.equal(approved.statusCode, 200, approved.body);
    const done = await t.settle(pending.id);
    assert.equal(done.status, 'healthy', done.message);
    assert.deepEqual(
      done.approvals.map((a: { decision: string; actor: string; comment: string }) => [a.decision, a.actor, a.comment]),
      [['approved', 'bob', 'ship it']],
    );
    const twice = await t.api('POST', `/releases/${pending.id}/approve`, {}, 'bob');
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().error.code, 'release_not_awaiting_approval');
  });

  it('records rejections and expiries; neither is ever applied, and neither can be promoted', async () => {
    const deploy = await t.api('POST', '/deploys', {
      environment: 'production',
      workload: webScore('web', 'nginx:1.29.0'),
      reason: 'try a new nginx',
    });
    assert.equal(deploy.statusCode, 202, deploy.body);
    const rejected = await t.api(
      'POST',
      `/releases/${deploy.json().release.id}/reject`,
      { comment: 'not today' },
      'bob',
    );
    assert.equal(rejected.statusCode, 200, rejected.body);
    assert.equal(rejected.json().release.status, 'rejected');
    assert.equal(rejected.json().release.approvals[0].decision, 'rejected');

    const never = await t.api('POST', '/promotions', {
      service: 'web',
      from: 'production',
      to: 'staging',
      number: rejected.json().release.number,
    });
    assert.equal(never.statusCode, 409, never.body);
    assert.equal(never.json().error.code, 'release_not_healthy');
    assert.match(never.json().error.message, /never became healthy/);
    const back = await t.api('POST', `/releases/${rejected.json().release.id}/rollback`, {});
    assert.equal(back.statusCode, 409, back.body);
    assert.equal(back.json().error.code, 'release_never_applied');
    const late = await t.api('POST', `/releases/${rejected.json().release.id}/approve`, {}, 'bob');
    assert.equal(late.json().error.code, 'release_not_awaiting_approval');

    const lapse = await t.api('POST', '/deploys', {
      environment: 'production',
      workload: webScore('web', 'nginx:1.29.1'),
    });
    const p = t.platform();
    const later = new EnvironmentController({
      db: t.db(),
      environments: p.environments,
      clusterService: p.clusterService,
      intervalMs: 60_000,
      now: () => new Date(Date.now() + 2 * 86_400_000),
      log: { info() {}, warn() {} },
    });
    await later.pass();
    const expired = (await t.api('GET', `/releases/${lapse.json().release.id}`)).json().release;
    assert.equal(expired.status, 'expired');
    assert.deepEqual(
      expired.approvals.map((a: { decision: string; actor: string }) => [a.decision, a.actor]),
      [['expired', 'slipway']],
    );
    const web = await testKubeConfig()
      .makeApiClient(AppsV1Api)
      .readNamespacedDeployment({ name: 'web', namespace: `${t.prefix}-production` });
    assert.equal(
      web.spec?.template.spec?.containers[0]?.image,
      'nginx:1.27.3',
      'production still runs the approved one',
    );
  });

  it('refuses what breaks the policies of the type, naming the field', async () => {
    const res = await t.api('POST', '/deploys', { environment: 'staging', workload: webScore('web', 'nginx') });
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(res.json().error.fields[0], {
      path: '/containers/main/image',
      message: res.json().error.fields[0].message,
    });
    assert.match(res.json().error.fields[0].message, /^no-latest-tag: /);
  });

  it('blocks deploys and promotions in a blocking freeze, and warns in a warning one', async () => {
    const now = Date.now();
    const block = await t.api('POST', '/freezes', {
      name: 'black-friday',
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 3_600_000).toISOString(),
      mode: 'block',
      reason: 'peak traffic',
      environmentTypes: ['staging'],
    });
    assert.equal(block.statusCode, 201, block.body);
    const refused = await t.api('POST', '/promotions', { service: 'web', from: 'dev', to: 'staging' });
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().error.code, 'frozen');
    assert.match(refused.json().error.message, /black-friday.*peak traffic/);
    const devStill = await t.api('POST', '/deploys', { environment: 'dev', workload: webScore('web', 'nginx:1.27.3') });
    assert.equal(devStill.statusCode, 202, 'development is not frozen');
    await t.settle(devStill.json().release.id);

    assert.equal((await t.api('DELETE', '/freezes/black-friday')).statusCode, 204);
    await t.api('POST', '/freezes', {
      name: 'careful',
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 3_600_000).toISOString(),
      mode: 'warn',
      reason: 'on-call is thin',
      environments: ['staging'],
    });
    const warned = await t.api('POST', '/promotions', { service: 'web', from: 'dev', to: 'staging' });
    assert.equal(warned.statusCode, 202, warned.body);
    assert.match(warned.json().warnings[0], /careful.*on-call is thin/);
    await t.settle(warned.json().release.id);

    const backwards = await t.api('POST', '/freezes', {
      name: 'backwards',
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now - 1000).toISOString(),
      mode: 'block',
    });
    assert.equal(backwards.statusCode, 400);
    assert.equal(backwards.json().error.fields[0].path, '/endsAt');
  });
});
