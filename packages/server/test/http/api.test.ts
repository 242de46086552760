import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/load.ts';
import { createToken } from '../../src/db/stores/api-tokens.ts';
import { ensureGlobalRole } from '../../src/db/stores/role-bindings.ts';
import { ensureUser } from '../../src/db/stores/users.ts';
import { buildApp } from '../../src/http/app.ts';
import { loadKubeConfig } from '../../src/kube/kubeconfig.ts';
import { testKubeConfigPath } from '../harness/cluster.ts';
import { describeEachDatabase, openTestPglite } from '../harness/databases.ts';

describeEachDatabase('HTTP API', (getDb) => {
  let app: FastifyInstance;
  let admin: string;
  let readOnly: string;
  const auth = (secret: string) => ({ authorization: `Bearer ${secret}` });

  before(async () => {
    const config = loadConfig({ env: { SLIPWAY_DATA_DIR: 'memory://' } });
    const kube = loadKubeConfig({ kubeconfig: testKubeConfigPath(), inCluster: false });
    app = await buildApp({
      // Many token requests in a row here; the limit itself is tested in hardening.test.ts.
      config: {
        ...config,
        server: {
          ...config.server,
          bodyLimitBytes: 2048,
          rateLimits: { ...config.server.rateLimits, tokensPerMinute: 1000, webhooksPerMinute: 1000 },
        },
      },
      database: getDb(),
      kube,
    });
    const db = getDb().db;
    const user = await ensureUser(db, 'alice');
    await ensureGlobalRole(db, 'alice', 'admin', 'test');
    admin = (await createToken(db, { userId: user.id, name: 'rw', scopes: ['read', 'write'] })).secret;
    readOnly = (await createToken(db, { userId: user.id, name: 'ro', scopes: ['read'] })).secret;
  });
  after(() => app.close());

  it('answers liveness and readiness without a token', async () => {
    assert.deepEqual((await app.inject('/healthz')).json(), { status: 'ok' });
    const ready = await app.inject('/readyz');
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().checks.database.ok, true);
  });

  it('reports not ready while shutting down', async () => {
    app.state.shuttingDown = true;
    try {
      const res = await app.inject('/readyz');
      assert.equal(res.statusCode, 503);
      assert.equal(res.json().status, 'not_ready');
    } finally {
      app.state.shuttingDown = false;
    }
  });

  it('refuses protected routes without a valid token, with a hint', async () => {
    for (const headers of [{}, auth('slw_not-a-real-token'), { authorization: 'Basic abc' }]) {
      const res = await app.inject({ url: '/api/v1/whoami', headers });
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().error.code, 'unauthenticated');
      assert.match(res.json().error.hint, /slipway login/);
    }
  });

  it('tells the caller who they are', async () => {
    const res = await app.inject({ url: '/api/v1/whoami', headers: auth(admin) });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().user.username, 'alice');
    assert.deepEqual(res.json().token.scopes, ['read', 'write']);
  });

  it('creates, lists and revokes tokens; the secret is shown once and a revoked token stops working', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: auth(admin),
      payload: { name: 'ci' },
    });
    assert.equal(created.statusCode, 201);
    const { token, secret } = created.json();
    assert.match(secret, /^slw_/);
    assert.deepEqual(token.scopes, ['read', 'write'], 'scopes default to read and write');

    const list = await app.inject({ url: '/api/v1/tokens', headers: auth(admin) });
    assert.ok(list.json().items.some((t: { id: string }) => t.id === token.id));
    assert.ok(!list.body.includes(secret), 'a listing never contains a secret');

    assert.equal((await app.inject({ url: '/api/v1/whoami', headers: auth(secret) })).statusCode, 200);
    const revoked = await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${token.id}`, headers: auth(admin) });
    assert.equal(revoked.statusCode, 204);
    assert.equal((await app.inject({ url: '/api/v1/whoami', headers: auth(secret) })).statusCode, 401);
  });

  it('answers a duplicate token name with already_exists (409)', async () => {
    const payload = { name: 'twice' };
    assert.equal(
      (await app.inject({ method: 'POST', url: '/api/v1/tokens', headers: auth(admin), payload })).statusCode,
      201,
    );
    const again = await app.inject({ method: 'POST', url: '/api/v1/tokens', headers: auth(admin), payload });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'already_exists');
  });

  it("does not let a user revoke another user's token", async () => {
    const bob = await ensureUser(getDb().db, 'bob');
    const bobs = await createToken(getDb().db, { userId: bob.id, name: 'bobs', scopes: ['read', 'write'] });
    const res = await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${bobs.token.id}`, headers: auth(admin) });
    assert.equal(res.statusCode, 404);
    assert.equal((await app.inject({ url: '/api/v1/whoami', headers: auth(bobs.secret) })).statusCode, 200);
  });

  it('refuses changes with a read-only token', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: auth(readOnly),
      payload: { name: 'x' },
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'forbidden');
    assert.equal((await app.inject({ url: '/api/v1/tokens', headers: auth(readOnly) })).statusCode, 200);
  });

  it('points at every offending field of a bad request body', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: auth(admin),
      payload: { scopes: ['root'], expiresInDays: 0, color: 'red' },
    });
    assert.equal(res.statusCode, 400);
    const { error } = res.json();
    assert.equal(error.code, 'invalid_input');
    const paths = error.fields.map((f: { path: string }) => f.path);
    for (const path of ['/name', '/color', '/expiresInDays']) assert.ok(paths.includes(path), `${path} in ${paths}`);
    assert.ok(paths.some((p: string) => p.startsWith('/scopes')));
    assert.ok(error.fields.every((f: { in: string }) => f.in === 'body'));
  });

  it('points at a bad path parameter', async () => {
    const res = await app.inject({ method: 'DELETE', url: '/api/v1/tokens/not-a-uuid', headers: auth(admin) });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(
      res.json().error.fields.map((f: { path: string; in: string }) => [f.path, f.in]),
      [['/id', 'path']],
    );
  });

  it('answers malformed, oversized, empty and wrongly typed bodies with 4xx, never 500', async () => {
    const post = (payload: string, contentType = 'application/json') =>
      app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: { ...auth(admin), 'content-type': contentType },
        payload,
      });
    const cases: Array<[Promise<{ statusCode: number; json(): { error: { code: string } } }>, number, string]> = [
      [post('{"name": '), 400, 'invalid_input'],
      [post(''), 400, 'invalid_input'],
      [post('[]'), 400, 'invalid_input'],
      [post('"text"'), 400, 'invalid_input'],
      [post(JSON.stringify({ name: 'x'.repeat(5000) })), 413, 'payload_too_large'],
      [post('name=x', 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type'],
      [post('<a/>', 'text/xml'), 415, 'unsupported_media_type'],
    ];
    for (const [response, status, code] of cases) {
      const res = await response;
      assert.equal(res.statusCode, status);
      assert.equal(res.json().error.code, code);
    }
  });

  it('answers unknown routes in the same error model', async () => {
    const res = await app.inject({ url: '/api/v1/nothing-here', headers: auth(admin) });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'not_found');
  });

  it('diagnoses the server, the database and the real cluster', async () => {
    const res = await app.inject({ url: '/api/v1/doctor', headers: auth(admin) });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(
      body.checks.map((c: { name: string }) => c.name),
      ['server', 'database', 'cluster'],
    );
    assert.equal(body.status, 'ok', JSON.stringify(body.checks));
    assert.match(body.checks[2].message, /Kubernetes v1\.\d+\.\d+ .* nodes Ready/);
    assert.ok(body.checks[1].details.migration);
  });

  it('counts requests by route template for Prometheus', async () => {
    await app.inject({
      url: '/api/v1/tokens/00000000-0000-4000-8000-000000000000',
      method: 'DELETE',
      headers: auth(admin),
    });
    const text = (await app.inject('/metrics')).body;
    assert.match(
      text,
      /slipway_http_requests_total\{method="DELETE",route="\/api\/v1\/tokens\/:id",status="404"\} \d+/,
    );
    assert.doesNotMatch(text, /00000000-0000/);
  });
});

describe('HTTP API without a cluster', () => {
  it('says plainly that no cluster is configured', async () => {
    const database = await openTestPglite();
    const config = loadConfig({ env: {} });
    const app = await buildApp({ config, database, kube: null });
    try {
      const user = await ensureUser(database.db, 'carol');
      await ensureGlobalRole(database.db, 'carol', 'viewer', 'test');
      const { secret } = await createToken(database.db, { userId: user.id, name: 't', scopes: ['read'] });
      const body = (await app.inject({ url: '/api/v1/doctor', headers: { authorization: `Bearer ${secret}` } })).json();
      assert.equal(body.status, 'fail');
      const cluster = body.checks.find((c: { name: string }) => c.name === 'cluster');
      assert.equal(cluster.status, 'fail');
      assert.match(cluster.message, /No Kubernetes cluster is configured/);
      assert.match(cluster.hint, /KUBECONFIG/);
    } finally {
      await app.close();
      await database.close();
    }
  });
});

describe('the API explorer and the portal', () => {
  async function appWith(
    env: Record<string, string>,
    run: (app: Awaited<ReturnType<typeof buildApp>>) => Promise<void>,
  ) {
    const database = await openTestPglite();
    const app = await buildApp({ config: loadConfig({ env }), database, kube: null });
    try {
      await run(app);
    } finally {
      await app.close();
      await database.close();
    }
  }

  it('serves Swagger UI at /docs without a token, and sends browsers from / to it when no portal is built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'slipway-no-portal-'));
    await appWith({ SLIPWAY_PORTAL_DIR: empty }, async (app) => {
      const root = await app.inject('/');
      assert.equal(root.statusCode, 302);
      assert.equal(root.headers.location, '/docs');
      const page = await app.inject('/docs/');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /swagger-ui/i);
      const spec = await app.inject('/docs/json');
      assert.equal(spec.statusCode, 200);
      assert.ok(spec.json().paths['/api/v1/doctor'], 'the explorer shows the same document');
      assert.equal((await app.inject('/api/v1/doctor')).statusCode, 401, 'the API behind it still needs a token');
      const deepLink = await app.inject({ url: '/services/shop', headers: { accept: 'text/html' } });
      assert.equal(deepLink.statusCode, 404, 'without a portal, page paths are plain misses');
    });
  });

  it('serves a built portal at / and at any page path a browser asks for, but not in the API', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-portal-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><title>portal</title><script src="/assets/app-1.js"></script>',
    );
    writeFileSync(join(dir, 'assets', 'app-1.js'), 'console.log(1)');
    await appWith({ SLIPWAY_PORTAL_DIR: dir }, async (app) => {
      const root = await app.inject('/');
      assert.equal(root.statusCode, 200);
      assert.match(root.body, /<title>portal/);
      assert.equal(root.headers['cache-control'], 'no-cache');
      const deepLink = await app.inject({ url: '/services/shop?tab=live', headers: { accept: 'text/html' } });
      assert.equal(deepLink.statusCode, 200);
      assert.match(String(deepLink.headers['content-type']), /text\/html/);
      const asset = await app.inject('/assets/app-1.js');
      assert.equal(asset.statusCode, 200);
      assert.match(String(asset.headers['cache-control']), /immutable/);
      const apiMiss = await app.inject({ url: '/api/v1/nope', headers: { accept: 'text/html' } });
      assert.equal(apiMiss.statusCode, 404);
      assert.equal(apiMiss.json().error.code, 'not_found');
      const post = await app.inject({ method: 'POST', url: '/services/shop', headers: { accept: 'text/html' } });
      assert.equal(post.statusCode, 404, 'only page loads get the app');
      assert.equal(
        (await app.inject({ url: '/services/shop' })).statusCode,
        404,
        'an API client (no text/html) gets JSON',
      );
    });
  });
});
