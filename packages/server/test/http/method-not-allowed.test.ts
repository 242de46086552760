import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/load.ts';
import type { Database } from '../../src/db/database.ts';
import { buildApp } from '../../src/http/app.ts';
import { openTestPglite } from '../harness/databases.ts';

type OpenApi = { paths: Record<string, Record<string, unknown>> };

describe('a method a path does not take', () => {
  let database: Database;
  let app: FastifyInstance;

  before(async () => {
    database = await openTestPglite();
    app = await buildApp({ config: loadConfig({ env: {} }), database, kube: null });
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  it('is a 405 whose Allow header lists exactly the documented methods of every path', async () => {
    const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as OpenApi;
    const mismatches: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      const documented = Object.keys(operations)
        .filter((key) => ['get', 'put', 'post', 'delete', 'patch'].includes(key))
        .map((m) => m.toUpperCase());
      // OPTIONS is never routed (no CORS), so every path answers it with its own method list.
      const url = path.replaceAll(/\{[^}]+\}/g, 'sample');
      const answer = await app.inject({ method: 'OPTIONS', url });
      const allowed = String(answer.headers.allow ?? '').split(', ');
      // HEAD comes with every GET in Fastify; the document lists GET only.
      const listed = allowed.filter((m) => m !== 'HEAD').sort();
      if (answer.statusCode !== 405 || listed.join() !== documented.sort().join()) {
        mismatches.push(
          `${url}: ${answer.statusCode} Allow: ${allowed.join(', ')} (documented ${documented.join(', ')})`,
        );
      }
    }
    assert.deepEqual(mismatches, []);
  });

  it('answers in the one error model, naming the methods the path takes', async () => {
    const answer = await app.inject({ method: 'OPTIONS', url: '/api/v1/policies/cel/dry-run' });
    assert.equal(answer.statusCode, 405);
    assert.equal(answer.headers.allow, 'POST');
    const error = (answer.json() as { error: { code: string; hint: string } }).error;
    assert.equal(error.code, 'method_not_allowed');
    assert.equal(error.hint, 'This path takes POST.');
  });
});
