import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { type EventStream, latestOnly, openEventStream } from '../../src/http/sse.ts';

/** The event-stream helper on a real server: keep-alives, disconnects, and a slow client. */
describe('server-sent event streams', () => {
  let app: FastifyInstance;
  let url = '';
  const opened: EventStream[] = [];

  before(async () => {
    app = Fastify();
    app.get('/stream', async (_request, reply) => {
      const stream = openEventStream(reply, { hello: 'test', heartbeatMs: 50 });
      opened.push(stream);
      stream.send('greeting', '{"hello":"world"}');
      return reply;
    });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    const closing = app.close();
    app.server.closeAllConnections();
    await closing;
  });

  it('sends events and keep-alive comments, and aborts when the client goes away', async () => {
    const abort = new AbortController();
    const res = await fetch(`${url}/stream`, { signal: abort.signal });
    assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    while (!text.includes(': keep-alive')) text += new TextDecoder().decode((await reader.read()).value);
    assert.match(text, /^: test\n\nevent: greeting\ndata: \{"hello":"world"\}\n\n/);
    const stream = opened.at(-1) as EventStream;
    assert.equal(stream.signal.aborted, false);
    abort.abort();
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(stream.signal.aborted, true, 'the producer hears that the client left');
    assert.equal(stream.send('late', '{}'), false, 'nothing is written after');
  });

  it('gives a client that is behind only the newest of the values it missed', async () => {
    const sent: string[] = [];
    let full = true;
    let drain: () => void = () => {};
    const stream: EventStream = {
      signal: new AbortController().signal,
      send: (_event, data) => {
        sent.push(data);
        return !full;
      },
      drained: () => new Promise((resolve) => (drain = resolve)),
      end: () => {},
    };
    const push = latestOnly(stream, 'status');
    push('1'); // written, but the buffer is now full
    push('2');
    push('3');
    assert.deepEqual(sent, ['1']);
    full = false;
    drain();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(sent, ['1', '3'], 'the stale 2 was skipped');
  });
});
