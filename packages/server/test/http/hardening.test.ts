import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/load.ts';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { createToken } from '../../src/db/stores/api-tokens.ts';
import { ensureGlobalRole } from '../../src/db/stores/role-bindings.ts';
import { ensureUser } from '../../src/db/stores/users.ts';
import { buildApp } from '../../src/http/app.ts';

describe('hardening', () => {
  let database: Database;
  let app: FastifyInstance;
  let auth: { authorization: string };

  before(async () => {
    database = await openDatabase({ engine: 'pglite', dataDir: 'memory://' });
    app = await buildApp({ config: loadConfig({ env: {} }), database, kube: null });
    const user = await ensureUser(database.db, 'hardy');
    await ensureGlobalRole(database.db, 'hardy', 'admin', 'test');
    auth = {
      authorization: `Bearer ${(await createToken(database.db, { userId: user.id, name: 't', scopes: ['read', 'write'] })).secret}`,
    };
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  it('sends security headers on every answer, errors included', async () => {
    for (const res of [
      await app.inject('/healthz'),
      await app.inject({ url: '/api/v1/whoami', headers: auth }),
      await app.inject('/api/v1/environments'),
      await app.inject('/no/such/route'),
    ]) {
      assert.match(String(res.headers['content-security-policy']), /default-src 'self'.*frame-ancestors 'none'/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
      assert.match(String(res.headers['strict-transport-security']), /max-age=\d+/);
      assert.equal(res.headers['x-powered-by'], undefined);
    }
  });

  it('keeps the API explorer working under its policy (no inline scripts needed)', async () => {
    const page = await app.inject('/docs');
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /<script(?![^>]*\ssrc=)[^>]*>/, 'every script comes from a file');
    const scripts = [...page.body.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1] as string);
    assert.equal(scripts.length, 3);
    for (const src of scripts) {
      const res = await app.inject(src);
      assert.equal(res.statusCode, 200, src);
      assert.match(String(res.headers['content-type']), /javascript/);
    }
  });

  it('limits token creation per caller: the eleventh in a minute is refused with 429 and when to retry', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: auth,
        payload: { name: `t-${i}` },
      });
      codes.push(res.statusCode);
      if (i === 10) {
        assert.equal(res.json().error.code, 'rate_limited');
        assert.match(res.json().error.hint, /Try again in/);
        assert.ok(Number(res.headers['retry-after']) > 0);
      }
    }
    assert.deepEqual(codes, [...Array(10).fill(201), 429]);
  });
});
