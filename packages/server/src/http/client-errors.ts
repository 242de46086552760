import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { SlipwayError } from '@slipway/core';
import type { FastifyInstance } from 'fastify';

/** How much request line and headers Node's HTTP parser reads before it answers 431. */
export const headerLimitBytes = maxHeaderSize;

/**
 * What a request the HTTP parser refused becomes: its answer is written to the socket before
 * Fastify (and the error handler) ever see a request, so it is built here in the same wire
 * shape as every other error. A request line and headers over the limit (a long query string
 * is the usual cause) is 431 `headers_too_large`; a request that did not arrive in time is 408;
 * anything else the parser cannot read is 400 `invalid_input`.
 */
export function clientErrorOf(error: Error & { code?: string }): SlipwayError {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    const kib = Math.floor(headerLimitBytes / 1024);
    return new SlipwayError('headers_too_large', `The request line and headers are larger than ${kib} KiB`, {
      hint: 'Shorten the query string or the headers; long lists of references go in a POST body (e.g. /api/catalog/entities/by-refs).',
    });
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new SlipwayError('request_timeout', 'The request did not arrive in time', {
      hint: 'Send the request line, headers and body without long pauses.',
    });
  }
  return new SlipwayError('invalid_input', 'The request is not valid HTTP/1.1', {
    fields: [{ path: '', message: 'could not be parsed' }],
  });
}

/**
 * Fastify's `clientErrorHandler`: answers in Slipway's error shape and closes the connection,
 * as Node does by default (the parser cannot go on reading it). A socket already gone or reset
 * gets nothing.
 */
export function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const refusal = clientErrorOf(error);
  this.log.debug({ err: error, code: refusal.code }, 'request refused by the HTTP parser');
  if (socket.writable) {
    const body = JSON.stringify({ error: refusal.toBody() });
    socket.write(
      `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'X-Content-Type-Options: nosniff\r\n' +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy(error);
}
