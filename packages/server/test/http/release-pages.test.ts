import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/load.ts';
import { createToken } from '../../src/db/stores/api-tokens.ts';
import { createRelease } from '../../src/db/stores/releases.ts';
import { ensureGlobalRole } from '../../src/db/stores/role-bindings.ts';
import { ensureService } from '../../src/db/stores/services.ts';
import { ensureUser } from '../../src/db/stores/users.ts';
import { buildApp } from '../../src/http/app.ts';
import { describeEachDatabase } from '../harness/databases.ts';
import { storeEnvironment } from '../harness/environments.ts';

describeEachDatabase('GET /releases, a page at a time', (getDb) => {
  let app: FastifyInstance;
  let auth: { authorization: string };

  before(async () => {
    const db = getDb().db;
    app = await buildApp({ config: loadConfig({ env: {} }), database: getDb(), kube: null });
    const user = await ensureUser(db, 'pager');
    await ensureGlobalRole(db, 'pager', 'admin', 'test');
    auth = {
      authorization: `Bearer ${(await createToken(db, { userId: user.id, name: 't', scopes: ['read'] })).secret}`,
    };
    const environment = await storeEnvironment(db, {
      name: 'development',
      type: 'development',
      namespace: 'dev',
      domain: 'dev.example.com',
      routeKind: 'Ingress',
      defaults: { replicas: 1, progressDeadlineSeconds: 60 },
    });
    for (const name of ['web', 'api']) {
      const service = await ensureService(db, name);
      for (let i = 0; i < 4; i++) {
        await createRelease(db, {
          serviceId: service.id,
          environmentId: environment.id,
          contentHash: `sha256:${name}${i}`,
          image: `nginx:1.${i}`,
          commitSha: null,
          createdBy: 'pager',
          reason: 'test',
          workload: { apiVersion: 'score.dev/v1b1', metadata: { name } },
          objects: [],
        });
      }
    }
  });
  after(async () => {
    await app.close();
  });

  it('walks every release once, newest first, following nextCursor; the last page has none', async () => {
    const seen: string[] = [];
    const pages: number[] = [];
    let cursor: string | undefined;
    for (;;) {
      const res = await app.inject({
        url: `/api/v1/releases?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        headers: auth,
      });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      seen.push(...body.items.map((r: { service: string; number: number }) => `${r.service}#${r.number}`));
      pages.push(body.items.length);
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    assert.deepEqual(pages, [3, 3, 2]);
    assert.deepEqual(seen, ['api#4', 'api#3', 'api#2', 'api#1', 'web#4', 'web#3', 'web#2', 'web#1']);
  });

  it('refuses a cursor that is not a release id with 400 naming it', async () => {
    const res = await app.inject({ url: '/api/v1/releases?cursor=nope', headers: auth });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'invalid_input');
    assert.equal(res.json().error.fields[0].path, '/cursor');
  });
});
