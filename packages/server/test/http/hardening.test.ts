import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { maxNestingDepth } from '@slipway/core';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/load.ts';
import type { Database } from '../../src/db/database.ts';
import { createToken } from '../../src/db/stores/api-tokens.ts';
import { ensureGlobalRole } from '../../src/db/stores/role-bindings.ts';
import { ensureUser } from '../../src/db/stores/users.ts';
import { buildApp } from '../../src/http/app.ts';
import { openTestPglite } from '../harness/databases.ts';

const webhookSecret = 'hardening-webhook-secret-0123456789';
/** `levels` arrays inside each other: `[[[]]]` is 3. */
const nestedArrays = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
/** `levels` objects inside each other, each holding the next under "a". */
const nestedObjects = (levels: number, inner = '1') => `${'{"a":'.repeat(levels)}${inner}${'}'.repeat(levels)}`;
const json = { 'content-type': 'application/json' };

describe('hardening', () => {
  let database: Database;
  let app: FastifyInstance;
  let auth: { authorization: string };

  before(async () => {
    database = await openTestPglite();
    const env = { SLIPWAY_GITHUB_WEBHOOK_SECRET: webhookSecret, SLIPWAY_CATALOG_WEBHOOK_SECRET: webhookSecret };
    app = await buildApp({ config: loadConfig({ env }), database, kube: null });
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

  const post = (url: string, payload: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, payload, headers: { ...json, ...headers } });

  it('refuses a body nested deeper than the limit with 400 naming it, on public routes too (no 500)', async () => {
    for (const url of ['/api/v1/auth/token', '/api/v1/auth/session']) {
      for (const body of [nestedArrays(10_000), nestedObjects(10_000), nestedArrays(200_000)]) {
        const res = await post(url, body);
        assert.equal(res.statusCode, 400, `${url}: ${res.body.slice(0, 200)}`);
        const error = res.json().error;
        assert.equal(error.code, 'invalid_input');
        assert.equal(
          error.message,
          `The request body is nested deeper than ${maxNestingDepth} levels of objects and arrays`,
        );
        assert.match(error.hint, /at most 64 levels/);
      }
    }
    // The path is the first container past the limit.
    const res = await post('/api/v1/auth/token', nestedObjects(maxNestingDepth + 1));
    assert.equal(res.json().error.fields[0].path, '/a'.repeat(maxNestingDepth));
  });

  it('reads a body exactly at the limit (then validates it as usual)', async () => {
    const atLimit = `{"username":"x","password":"y","extra":${nestedObjects(maxNestingDepth - 1)}}`;
    const res = await post('/api/v1/auth/token', atLimit);
    assert.equal(res.statusCode, 400);
    assert.doesNotMatch(res.json().error.message, /nested/);
    assert.equal(res.json().error.fields[0].path, '/extra');
  });

  it('refuses deep bodies on signed-in routes before Ajv validates them, whatever the schema allows', async () => {
    // The deploy body's workload is an open object: Ajv would walk whatever it holds.
    const workload = nestedObjects(5_000);
    const res = await post('/api/v1/deploys', `{"environment":"dev","workload":${workload}}`, auth);
    assert.equal(res.statusCode, 400, res.body.slice(0, 200));
    assert.equal(res.json().error.fields[0].path, `/workload${'/a'.repeat(maxNestingDepth - 1)}`);
  });

  it('refuses a Score file whose YAML aliases explode with 400, not 500', async () => {
    const lines = [
      'apiVersion: score.dev/v1b1',
      'metadata: { name: web }',
      'containers: { web: { image: nginx } }',
      'x:',
    ];
    lines.push('  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]');
    for (const [k, prev] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
      ['f', 'e'],
    ]) {
      lines.push(`  ${k}: &${k} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const res = await post('/api/v1/deploys', JSON.stringify({ environment: 'dev', workload: lines.join('\n') }), auth);
    assert.equal(res.statusCode, 400, res.body.slice(0, 300));
    assert.equal(res.json().error.code, 'invalid_input');
    assert.match(res.json().error.message, /alias explosion/);
  });

  it('refuses deep payloads on signed webhooks as well, once the signature holds', async () => {
    for (const [url, event] of [
      ['/api/v1/webhooks/github', 'pull_request'],
      ['/api/v1/webhooks/catalog', 'push'],
    ] as const) {
      const body = `{"action":"opened","pull_request":${nestedObjects(10_000)}}`;
      const signature = `sha256=${createHmac('sha256', webhookSecret).update(body).digest('hex')}`;
      const res = await post(url, body, { 'x-github-event': event, 'x-hub-signature-256': signature });
      assert.equal(res.statusCode, 400, `${url}: ${res.body.slice(0, 200)}`);
      assert.match(res.json().error.message, /nested deeper than 64 levels/);
    }
  });

  it('refuses a catalog cursor nested deeper than the limit (it is JSON anyone can write)', async () => {
    const cursor = Buffer.from(`{"filter":[${nestedArrays(3_000)}],"order":[],"offset":0}`).toString('base64url');
    const res = await app.inject({ url: `/api/catalog/entities/by-query?cursor=${cursor}`, headers: auth });
    assert.equal(res.statusCode, 400, res.body.slice(0, 200));
    assert.equal(res.json().error.fields[0].path, '/cursor');
  });

  it('names a __proto__ or constructor key it refuses, and where, instead of "not valid JSON"', async () => {
    const cases = [
      [
        '{"username":"x","__proto__":{"admin":true}}',
        '/__proto__',
        /key named __proto__ at \/__proto__, which is refused/,
      ],
      ['{"a":[{"b":{"__proto__":{}}}]}', '/a/0/b/__proto__', /key named __proto__ at \/a\/0\/b\/__proto__/],
      ['{"a":{"constructor":{"prototype":{"x":1}}}}', '/a/constructor', /key named constructor holding a prototype/],
    ] as const;
    for (const [body, path, message] of cases) {
      const res = await post('/api/v1/auth/token', body);
      assert.equal(res.statusCode, 400);
      const error = res.json().error;
      assert.equal(error.code, 'invalid_input');
      assert.match(error.message, message);
      assert.equal(error.fields[0].path, path);
      assert.match(error.hint, /prototype pollution/);
    }
    // A key named constructor that holds data is ordinary (a variable may be called that).
    const res = await post('/api/v1/auth/token', '{"username":"x","password":"y","constructor":"ok"}');
    assert.equal(res.json().error.fields[0].path, '/constructor');
    assert.equal(res.json().error.fields[0].message, 'is not a known field');
  });

  it('still says where a body is not valid JSON, and that an empty one is empty', async () => {
    const broken = await post('/api/v1/auth/token', '{"username": "secret-value",}');
    assert.equal(broken.statusCode, 400);
    assert.match(broken.json().error.message, /^The request body is not valid JSON \(at character \d+\)$/);
    assert.doesNotMatch(broken.body, /secret-value/);
    const empty = await post('/api/v1/auth/token', '');
    assert.equal(empty.statusCode, 400);
    assert.match(empty.json().error.message, /empty/);
  });
});
