import assert from 'node:assert/strict';
import { once } from 'node:events';
import { maxHeaderSize } from 'node:http';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/load.ts';
import type { Database } from '../../src/db/database.ts';
import { buildApp } from '../../src/http/app.ts';
import { openTestPglite } from '../harness/databases.ts';

/** Sends raw bytes and reads the whole answer: the parser's refusals close the connection. */
async function raw(port: number, request: string): Promise<{ status: number; headers: string; body: string }> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.end(request);
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  await once(socket, 'close');
  const text = Buffer.concat(chunks).toString('utf8');
  const [head = '', body = ''] = text.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body };
}

type Schema = {
  type?: string;
  maxLength?: number;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  items?: Schema;
};
type Parameter = { name: string; in: string; schema?: Schema };
type OpenApi = {
  paths: Record<string, Record<string, { responses: Record<string, unknown>; parameters?: Parameter[] }>>;
};

/** The longest request line the document allows: every path and query parameter at its longest, once. */
function longestRequestLine(path: string, parameters: Parameter[]): number {
  let length = `GET ${path}? HTTP/1.1`.length;
  for (const p of parameters.filter((p) => p.in === 'query' || p.in === 'path')) {
    const schema = p.schema?.type === 'array' ? p.schema.items : p.schema;
    // Numbers, booleans, enumerations, formats (uuid, date-time) and short patterns are short; a
    // free string without a maximum would fail below.
    const bounded = schema?.format ?? schema?.pattern ?? schema?.enum;
    const longest = schema?.type === 'string' ? (schema.maxLength ?? (bounded ? 64 : Number.POSITIVE_INFINITY)) : 20;
    length += p.name.length + 2 + longest;
  }
  return length;
}

describe('answers of the HTTP parser', () => {
  let database: Database;
  let app: FastifyInstance;
  let port: number;

  before(async () => {
    database = await openTestPglite();
    app = await buildApp({ config: loadConfig({ env: {} }), database, kube: null });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    assert.ok(address && typeof address === 'object');
    port = address.port;
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  it('answers a query string over the header limit with 431 headers_too_large in the error shape', async () => {
    const filter = 'kind=component'.padEnd(maxHeaderSize + 1, 'x');
    const res = await raw(port, `GET /api/catalog/entities?filter=${filter} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    assert.equal(res.status, 431);
    assert.match(res.headers, /content-type: application\/json/);
    const error = JSON.parse(res.body).error;
    assert.equal(error.code, 'headers_too_large');
    assert.equal(error.message, `The request line and headers are larger than ${maxHeaderSize / 1024} KiB`);
    assert.match(error.hint, /Shorten the query string/);
  });

  it('documents no request line the parser would refuse: every parameter at its longest leaves room for headers', async () => {
    const doc = (await app.inject('/openapi.json')).json() as OpenApi;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const longest = longestRequestLine(path, operation.parameters ?? []);
        assert.ok(longest <= maxHeaderSize - 4096, `${method} ${path}: ${longest} bytes`);
      }
    }
  });

  it('answers what is not HTTP at all with 400 invalid_input', async () => {
    const res = await raw(port, 'NOT HTTP\r\n\r\n');
    assert.equal(res.status, 400);
    assert.equal(JSON.parse(res.body).error.code, 'invalid_input');
  });

  it('documents 431 on every operation, and 503 on the catalog webhook, which answers it unconfigured', async () => {
    const doc = (await app.inject('/openapi.json')).json() as OpenApi;
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ name: `${method} ${path}`, operation })),
    );
    assert.ok(operations.length > 90);
    for (const { name, operation } of operations) assert.ok('431' in operation.responses, name);

    assert.ok('503' in (doc.paths['/api/v1/webhooks/catalog']?.post?.responses ?? {}));
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/webhooks/catalog',
      headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-hub-signature-256': 'sha256=00' },
      payload: '{}',
    });
    assert.equal(res.statusCode, 503);
    assert.equal(res.json().error.code, 'not_configured');
  });
});
