import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { AppsV1Api } from '@kubernetes/client-node';
import { webScore } from '../environments/workload.ts';
import { useTestNamespace } from '../harness/cluster.ts';
import { useDeployApp } from '../harness/deploy-app.ts';

describe('redeploying a release with a new image (no Score file sent again)', () => {
  const dev = useTestNamespace('redeploy-dev');
  const prod = useTestNamespace('redeploy-prod');
  const t = useDeployApp(dev.kc);
  let devRelease: { id: string; number: number };
  // Whole seconds: the API answers in ISO form with milliseconds.
  const committed = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000).toISOString();

  before(async () => {
    for (const [name, type, ns] of [
      ['dev', 'development', dev],
      ['production', 'production', prod],
    ] as const) {
      const res = await t.api('PUT', `/environments/${name}`, { type, namespace: ns.namespace() });
      assert.equal(res.statusCode, 200, res.body);
    }
    const deploy = await t.api('POST', '/deploys', {
      environment: 'dev',
      workload: webScore('web', 'nginx:1.27.3'),
      commit: 'abc1234',
      commitTime: committed,
    });
    assert.equal(deploy.statusCode, 202, deploy.body);
    devRelease = await t.settle(deploy.json().release.id);
    assert.equal((devRelease as unknown as { status: string }).status, 'healthy');
  });

  it("deploys the release's workload again to its environment with the new image, as the next release", async () => {
    const res = await t.api('POST', `/releases/${devRelease.id}/redeploy`, {
      image: 'nginx:1.27.4',
      reason: 'security patch',
    });
    assert.equal(res.statusCode, 202, res.body);
    assert.deepEqual(res.json().warnings, []);
    const release = await t.settle(res.json().release.id);
    assert.equal(release.status, 'healthy', release.message);
    assert.equal(release.environment, 'dev');
    assert.equal(release.service, 'web');
    assert.equal(release.number, devRelease.number + 1);
    assert.equal(release.image, 'nginx:1.27.4');
    assert.equal(release.reason, 'security patch');
    assert.equal(release.commit, 'abc1234', "the source's commit when none is given");
    assert.equal(release.commitTime, committed, "and that commit's time");
    const web = await dev
      .kc()
      .makeApiClient(AppsV1Api)
      .readNamespacedDeployment({ name: 'web', namespace: dev.namespace() });
    assert.equal(web.spec?.template.spec?.containers[0]?.image, 'nginx:1.27.4');
  });

  it('a new commit without its time has none; a commit time that is not a time, or in the future, is refused with its field', async () => {
    const res = await t.api('POST', `/releases/${devRelease.id}/redeploy`, { commit: 'def5678' });
    assert.equal(res.statusCode, 202, res.body);
    assert.deepEqual([res.json().release.commit, res.json().release.commitTime], ['def5678', null]);
    await t.settle(res.json().release.id);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    for (const [commitTime, message] of [
      ['yesterday', /format/],
      [tomorrow, /in the future/],
    ] as const) {
      const bad = await t.api('POST', '/deploys', {
        environment: 'dev',
        workload: webScore('web', 'nginx:1.27.3'),
        commitTime,
      });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.equal(bad.json().error.fields?.[0]?.path, '/commitTime', bad.body);
      assert.match(bad.body, message);
    }
  });

  it('waits for approval in an environment whose type requires it', async () => {
    const deploy = await t.api('POST', '/deploys', {
      environment: 'production',
      workload: webScore('web', 'nginx:1.27.3'),
    });
    assert.equal(deploy.statusCode, 202, deploy.body);
    const first = deploy.json().release;
    assert.equal(first.status, 'pending_approval');

    const res = await t.api('POST', `/releases/${first.id}/redeploy`, { image: 'nginx:1.27.4', commit: 'def5678' });
    assert.equal(res.statusCode, 202, res.body);
    const release = res.json().release;
    assert.equal(release.status, 'pending_approval');
    assert.ok(release.approvalExpiresAt);
    assert.equal(release.environment, 'production');
    assert.equal(release.number, first.number + 1);
    assert.equal(release.image, 'nginx:1.27.4');
  });

  it('answers 404 for an unknown release and 400 for an unknown field', async () => {
    const unknown = await t.api('POST', '/releases/00000000-0000-4000-8000-000000000000/redeploy', {});
    assert.equal(unknown.statusCode, 404, unknown.body);
    const bad = await t.api('POST', `/releases/${devRelease.id}/redeploy`, { workload: 'x' });
    assert.equal(bad.statusCode, 400, bad.body);
  });
});
