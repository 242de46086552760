import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/load.ts';
import type { Database } from '../../src/db/database.ts';
import { buildApp } from '../../src/http/app.ts';
import { clusterReadiness } from '../../src/http/cluster-readiness.ts';
import { closedPort } from '../harness/closed-port.ts';
import { testKubeConfig } from '../harness/cluster.ts';
import { openTestPglite } from '../harness/databases.ts';

function kubeConfigAt(server: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'closed', server, skipTLSVerify: true }],
    users: [{ name: 'nobody', token: 'unused' }],
    contexts: [{ name: 'closed', cluster: 'closed', user: 'nobody' }],
    currentContext: 'closed',
  });
  return kc;
}

describe('/readyz asks the cluster too', () => {
  let database: Database;
  const apps: FastifyInstance[] = [];
  const config = loadConfig({ env: { SLIPWAY_DATA_DIR: 'memory://' } });
  const appWith = async (kube: KubeConfig) => {
    const app = await buildApp({ config, database, kube });
    apps.push(app);
    return app;
  };

  before(async () => {
    database = await openTestPglite();
  });
  after(async () => {
    for (const app of apps) await app.close();
    await database.close();
  });

  it('is ready while the database and the local cluster answer', async () => {
    const res = await (await appWith(testKubeConfig())).inject('/readyz');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().checks.cluster.ok, true);
    assert.match(res.json().checks.cluster.message, /answers \(v\d/);
  });

  it('is not ready when the API server does not answer, naming it', async () => {
    const server = `https://127.0.0.1:${await closedPort()}`;
    const res = await (await appWith(kubeConfigAt(server))).inject('/readyz');
    assert.equal(res.statusCode, 503);
    assert.equal(res.json().status, 'not_ready');
    assert.equal(res.json().checks.database.ok, true);
    assert.equal(res.json().checks.cluster.ok, false);
    assert.ok(res.json().checks.cluster.message.startsWith(`${server} does not answer`));
  });

  it('reuses one answer for a few seconds, then asks again', async () => {
    let now = 0;
    const check = clusterReadiness(kubeConfigAt(`https://127.0.0.1:${await closedPort()}`), {
      cacheMs: 5000,
      now: () => now,
    });
    const first = check();
    now = 4999;
    assert.equal(check(), first);
    now = 5000;
    const second = check();
    assert.notEqual(second, first);
    assert.equal((await second).ok, false);
  });
});
