import { createHash } from 'node:crypto';
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { SlipwayError } from '@slipway/core';
import type { VettedTarget } from './url-policy.ts';

export const maxCatalogFileBytes = 1024 * 1024;

export interface UrlReadOptions {
  /**
   * The target's check (checkLocationTarget): the connection goes to its addresses only, never
   * to a new DNS answer (rebinding). Without addresses the host is resolved as usual.
   */
  pin?: VettedTarget | undefined;
  timeoutMs?: number;
}

/**
 * Reads one YAML file of a `url` location. Redirects are not followed (a redirect could lead
 * to an address the allow-list refuses), the body is capped and the wait is bounded.
 */
export async function readUrlLocation(
  target: string,
  options: UrlReadOptions = {},
): Promise<{ revision: string; content: string }> {
  const content = await fetchText(target, options.pin, options.timeoutMs ?? 10_000);
  return { revision: createHash('sha256').update(content).digest('hex'), content };
}

/**
 * A lookup answering the vetted addresses for the vetted host (and refusing any other name),
 * in both forms Node asks for: one address, or all of them (`all`, when it tries each in turn).
 */
export function pinnedLookup(pin: VettedTarget): LookupFunction {
  const entries = pin.addresses.map((address) => ({ address, family: isIP(address) }));
  return (hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    const wanted = entries.filter((e) => !family || e.family === family);
    const first = wanted[0];
    if (hostname.replace(/^\[|\]$/g, '').toLowerCase() !== pin.host || !first) {
      const error = Object.assign(new Error(`${hostname} is not the vetted host ${pin.host}`), { code: 'ENOTFOUND' });
      return callback(error, '', 0);
    }
    if (options.all) return (callback as (e: null, a: typeof wanted) => void)(null, wanted);
    callback(null, first.address, first.family);
  };
}

async function fetchText(target: string, pin: VettedTarget | undefined, timeoutMs: number): Promise<string> {
  let url: URL;
  try {
    url = new URL(target);
  } catch (error) {
    throw new SlipwayError('unavailable', `Cannot fetch ${target}: ${(error as Error).message}`);
  }
  const signal = AbortSignal.timeout(timeoutMs);
  const options: RequestOptions = {
    method: 'GET',
    headers: { accept: '*/*' },
    // A connection of its own, closed after: a kept-alive one may lead to an address checked long ago.
    agent: false,
    signal,
    ...(pin && pin.addresses.length > 0 ? { lookup: pinnedLookup(pin) } : {}),
  };
  // https checks the certificate against the URL's host name (and sends it as SNI), whatever address is dialled.
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const failed = (error: Error) =>
    new SlipwayError(
      'unavailable',
      `Cannot fetch ${target}: ${signal.aborted ? `no answer within ${timeoutMs} ms` : error.message}`,
    );
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = request(url, options, resolve);
    req.on('error', (error) => reject(failed(error)));
    req.end();
  });
  try {
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400)
      throw new SlipwayError('unavailable', `${target} redirects (HTTP ${status}); register the final URL instead`);
    if (status < 200 || status >= 300) throw new SlipwayError('unavailable', `${target} answered HTTP ${status}`);
    const declared = Number(response.headers['content-length'] ?? 0);
    if (declared > maxCatalogFileBytes) throw tooLarge(target);
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of response as AsyncIterable<Buffer>) {
        size += chunk.byteLength;
        if (size > maxCatalogFileBytes) throw tooLarge(target);
        chunks.push(chunk);
      }
    } catch (error) {
      throw error instanceof SlipwayError ? error : failed(error as Error);
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    // Whatever was not read is not waited for; the connection is not reused.
    response.destroy();
  }
}

function tooLarge(target: string) {
  return new SlipwayError('unavailable', `${target} is larger than ${maxCatalogFileBytes} bytes`);
}
