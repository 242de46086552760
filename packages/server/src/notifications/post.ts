import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { VettedTarget } from '../catalog/url-policy.ts';
import { pinnedLookup } from '../catalog/url-reader.ts';

/** What a receiver answered; `error` is set when it answered nothing usable (reset, timeout). */
export interface PostOutcome {
  status: number | null;
  error: string | null;
}

// Enough of a receiver's answer to show a person why it refused; the rest is not read.
const maxErrorBodyBytes = 512;

/**
 * POSTs one JSON body to a vetted destination: to its checked addresses only (never a new DNS
 * answer), no redirects followed, a connection of its own, and the whole exchange bounded by
 * `timeoutMs` (a receiver that hangs is an attempt that failed, not a stuck dispatcher).
 */
export function postJson(
  pin: VettedTarget,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<PostOutcome> {
  const url = new URL(pin.target);
  const signal = AbortSignal.timeout(timeoutMs);
  const options: RequestOptions = {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'user-agent': 'Slipway-Notifications',
      ...headers,
    },
    agent: false,
    signal,
    ...(pin.addresses.length > 0 ? { lookup: pinnedLookup(pin) } : {}),
  };
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const failed = (error: Error) =>
      resolve({ status: null, error: signal.aborted ? `no answer within ${timeoutMs} ms` : error.message });
    const req = request(url, options, (response) => {
      const status = response.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        if (size < maxErrorBodyBytes) chunks.push(chunk);
        size += chunk.byteLength;
      });
      response.on('error', failed);
      response.on('end', () => {
        if (status >= 200 && status < 300) return resolve({ status, error: null });
        const text = Buffer.concat(chunks).toString('utf8').slice(0, maxErrorBodyBytes).trim();
        resolve({ status, error: `HTTP ${status}${text ? `: ${text}` : ''}` });
      });
    });
    req.on('error', failed);
    req.end(body);
  });
}
