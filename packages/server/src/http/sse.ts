import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

export interface EventStream {
  /** Aborts when the client goes away or the stream is ended. */
  readonly signal: AbortSignal;
  /**
   * Sends one event (`data` is one line: JSON has no raw newlines). Returns false when the
   * client is behind and the buffer is full: wait for `drained()` before sending more.
   */
  send(event: string, data: string): boolean;
  drained(): Promise<void>;
  end(): void;
}

export interface EventStreamOptions {
  /** A comment sent first, so clients and proxies see the stream open at once. */
  hello?: string;
  /** How often a comment keeps idle connections (and proxies' timeouts) alive. */
  heartbeatMs?: number;
}

/**
 * Answers a request with a server-sent event stream (text/event-stream), as the template-run
 * events route does: the reply goes through Fastify (security headers, metrics, request
 * log), its body is a stream we write events to. A comment every `heartbeatMs` keeps proxies
 * from closing an idle stream; when the client disconnects, `signal` aborts so the producer
 * stops and releases what it holds.
 */
export function openEventStream(reply: FastifyReply, options: EventStreamOptions = {}): EventStream {
  const body = new PassThrough();
  const abort = new AbortController();
  const heartbeat = setInterval(() => body.write(': keep-alive\n\n'), options.heartbeatMs ?? 15_000);
  heartbeat.unref();
  const finish = () => {
    if (abort.signal.aborted) return;
    clearInterval(heartbeat);
    abort.abort();
    body.end();
  };
  // The response closes when it ends or when the client goes away, whichever comes first.
  reply.raw.on('close', finish);
  body.on('error', finish);
  body.write(`: ${options.hello ?? 'stream open'}\n\n`);
  void sendEventStream(reply, body);
  return {
    signal: abort.signal,
    send: (event, data) => (abort.signal.aborted ? false : body.write(`event: ${event}\ndata: ${data}\n\n`)),
    drained: async () => {
      if (abort.signal.aborted || !body.writableNeedDrain) return;
      await Promise.race([once(body, 'drain'), once(abort.signal, 'abort')]);
    },
    end: finish,
  };
}

/**
 * Sends an event of which only the latest matters (a status): while the client is behind,
 * newer values replace the one waiting, so a slow client skips states instead of making the
 * server buffer them all.
 */
export function latestOnly(stream: EventStream, event: string): (data: string) => void {
  let waiting = false;
  let pending: string | undefined;
  const push = (data: string) => {
    if (waiting) {
      pending = data;
      return;
    }
    if (stream.send(event, data)) return;
    waiting = true;
    void stream.drained().then(() => {
      waiting = false;
      const next = pending;
      pending = undefined;
      if (next !== undefined) push(next);
    });
  };
  return push;
}

/**
 * Sends `body`, a stream of server-sent events already written as text, with the headers an
 * event stream needs (no caching, no buffering in proxies). It takes the untyped reply: a
 * route's typed reply accepts only what its response schema describes (the events as a
 * string), not the stream that carries them.
 */
export function sendEventStream(reply: FastifyReply, body: Readable): FastifyReply {
  return reply
    .header('content-type', 'text/event-stream; charset=utf-8')
    .header('cache-control', 'no-cache')
    .header('x-accel-buffering', 'no')
    .send(body);
}
