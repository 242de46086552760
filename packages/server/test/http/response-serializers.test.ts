import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/load.ts';
import type { Database } from '../../src/db/database.ts';
import { buildApp } from '../../src/http/app.ts';
import { openTestPglite } from '../harness/databases.ts';

/**
 * Response serializers are compiled when a route first answers (http/lazy-serializers.ts), not
 * when the app starts. Every one must still compile: here, all at once.
 */
describe('response serializers', () => {
  let database: Database;
  let app: FastifyInstance;

  before(async () => {
    database = await openTestPglite();
    app = await buildApp({ config: loadConfig({ env: {} }), database, kube: null });
    await app.ready();
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  it('serialize what a route answers, errors in the one error model, once it is first called', async () => {
    const health = await app.inject('/healthz');
    assert.equal(health.statusCode, 200);
    const refused = await app.inject('/api/v1/environments');
    assert.equal(refused.statusCode, 401);
    const body = refused.json() as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'unauthenticated');
    assert.equal(typeof body.error.message, 'string');
  });

  it('all compile, every route and status the OpenAPI document lists; none is compiled twice', async () => {
    const document = (await app.inject('/openapi.json')).json() as {
      paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
    };
    const declared = Object.values(document.paths)
      .flatMap((operations) => Object.values(operations))
      .reduce((sum, operation) => sum + Object.keys(operation.responses ?? {}).length, 0);
    const compiled = app.compileSerializers();
    // Fastify routes HEAD beside every GET, with serializers of its own (1,272 against 910).
    assert.ok(compiled >= declared, `${compiled} compiled now, for ${declared} declared responses`);
    assert.equal(app.compileSerializers(), 0);
  });
});
