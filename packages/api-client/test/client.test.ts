/**
 * The shared API client against a real Slipway server (no cluster needed) and against what can
 * stand in front of one: a proxy answering 502, a web server answering HTML, a closed port. Each
 * failure must come out as a SlipwayError the CLI and the portal can show as it is.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { SlipwayError } from '@slipway/core';
import { loadConfig } from '../../server/src/config/load.ts';
import type { openDatabase } from '../../server/src/db/database.ts';
import { buildApp } from '../../server/src/http/app.ts';
import { openTestPglite } from '../../server/test/harness/databases.ts';
import { call, createApiClient } from '../src/index.ts';

let slipway: Awaited<ReturnType<typeof buildApp>>;
let database: Awaited<ReturnType<typeof openDatabase>>;
let slipwayUrl: string;
let stranger: Server;
let strangerUrl: string;

before(async () => {
  database = await openTestPglite();
  slipway = await buildApp({ config: loadConfig({ env: { SLIPWAY_DATA_DIR: 'memory://' } }), database, kube: null });
  slipwayUrl = await slipway.listen({ port: 0, host: '127.0.0.1' });
  // Not Slipway: a proxy whose upstream is down, and a web server that answers every path with a page.
  stranger = createServer((request, response) => {
    if (request.url?.startsWith('/api/v1/whoami')) response.writeHead(502).end('Bad Gateway');
    else response.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>');
  });
  await new Promise<void>((resolve) => stranger.listen(0, '127.0.0.1', resolve));
  strangerUrl = `http://127.0.0.1:${(stranger.address() as AddressInfo).port}`;
});

after(async () => {
  await slipway.close();
  await database.close();
  stranger.close();
});

async function refusal(pending: Promise<unknown>): Promise<SlipwayError> {
  const error = await pending.then(
    () => assert.fail('expected a SlipwayError'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof SlipwayError, `not a SlipwayError: ${String(error)}`);
  return error;
}

test('an answer comes back typed, as the server sent it', async () => {
  const api = createApiClient({ baseUrl: slipwayUrl });
  const version = await call(api.GET('/api/v1/version'));
  assert.equal(typeof version.slipway, 'string');
  assert.equal(typeof version.api, 'string');
});

test("a refusal keeps the server's code and message, and the caller may add to it", async () => {
  const api = createApiClient({
    baseUrl: slipwayUrl,
    refused: (e) => new SlipwayError(e.code, `${e.message} (said the test)`),
  });
  const error = await refusal(call(api.GET('/api/v1/whoami')));
  assert.equal(error.code, 'unauthenticated');
  assert.match(error.message, /\(said the test\)$/);
});

test('bad input names the offending field by its JSON Pointer', async () => {
  const api = createApiClient({ baseUrl: slipwayUrl });
  const error = await refusal(call(api.POST('/api/v1/auth/token', { body: { username: 'ana' } as never })));
  assert.equal(error.code, 'invalid_input');
  assert.ok(
    error.fields?.some((f) => f.path === '/password'),
    JSON.stringify(error.fields),
  );
});

test("a proxy's 502 is unavailable, naming the server", async () => {
  const api = createApiClient({ baseUrl: strangerUrl });
  const error = await refusal(call(api.GET('/api/v1/whoami')));
  assert.equal(error.code, 'unavailable');
  assert.equal(error.message, `The Slipway server at ${strangerUrl} is unavailable (HTTP 502)`);
  assert.match(error.hint ?? '', /proxy/);
});

test('an HTML page where JSON was asked for is not taken for an answer', async () => {
  const api = createApiClient({ baseUrl: strangerUrl, server: 'the stranger' });
  const error = await refusal(call(api.GET('/api/v1/version')));
  assert.equal(error.code, 'internal');
  assert.equal(error.message, 'The server at the stranger did not answer /api/v1/version with JSON');
});

test('no answer at all: the caller words it, or the fetch error comes through', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => closed.close(() => resolve()));

  const worded = createApiClient({
    baseUrl: url,
    unreachable: (cause) => new SlipwayError('unavailable', 'Cannot reach it', { cause }),
  });
  const error = await refusal(call(worded.GET('/api/v1/version')));
  assert.equal(error.code, 'unavailable');
  assert.ok(error.cause instanceof TypeError);

  const plain = createApiClient({ baseUrl: url });
  await assert.rejects(call(plain.GET('/api/v1/version')), TypeError);
});
