/**
 * Scorecards follow releases: a release of a service rolled out to production on the real
 * cluster is what its production-readiness rules see, and its finishing is what has the service
 * evaluated (the engine's release changes, on the leader) — nobody asks for an evaluation here.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { webScore } from '../environments/workload.ts';
import { useEnvironmentApp } from '../harness/environment-app.ts';

const readiness = parse(
  await readFile(new URL('../../../../scorecards/production-readiness.yaml', import.meta.url), 'utf8'),
) as Record<string, unknown>;

interface Rule {
  id: string;
  status: string;
  message?: string;
}

describe('scorecards evaluated when a release finishes', () => {
  const t = useEnvironmentApp();

  before(async () => {
    assert.equal((await t.api('POST', '/environments', { name: 'prod', type: 'production' })).statusCode, 201);
    const saved = await t.api('PUT', '/scorecards/production-readiness', readiness);
    assert.equal(saved.statusCode, 201, saved.body);
  });

  it("scores the service on its production release once it is healthy, from the release's own objects", async () => {
    const deploy = await t.api('POST', '/deploys', { environment: 'prod', workload: webScore('web', 'nginx:1.27.3') });
    assert.equal(deploy.statusCode, 202, deploy.body);
    const id = deploy.json().release.id;
    assert.equal((await t.api('POST', `/releases/${id}/approve`, {}, 'bob')).statusCode, 200);
    const release = await t.settle(id);
    assert.equal(release.status, 'healthy', release.message);
    // The history endpoint never evaluates: a row there was written by the triggered evaluation.
    const result = await t.eventually('a result after the release turned healthy', async () => {
      const [latest] = (await t.api('GET', '/services/web/scorecards/production-readiness/history?limit=1')).json()
        .items;
      if (!latest || latest.failed.includes('recent-deploy')) return undefined;
      return (await t.api('GET', '/services/web/scorecards')).json().items[0];
    });
    const status = Object.fromEntries(result.rules.map((r: Rule) => [r.id, r.status]));
    assert.equal(status['recent-deploy'], 'pass');
    assert.equal(status['has-owner'], 'fail');
    assert.equal(status['lifecycle-production'], 'fail');
    // The rendered objects of the production release are what these walked: the production type's
    // default limits, and its autoscaler's minReplicas 3 (the Deployment has no replicas of its own).
    assert.equal(status['resource-limits'], 'pass', JSON.stringify(result.rules));
    assert.equal(status.replicas, 'pass', JSON.stringify(result.rules));
    assert.equal(result.level, null);
  });
});
