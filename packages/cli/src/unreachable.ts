/**
 * Why the CLI got no answer from the server, in the words a person would use: the socket error
 * fetch wraps (refused, reset, DNS, TLS), or the request's own timeout.
 */
import { SlipwayError } from '@slipway/core';

/** Socket error codes in the words a person would use. */
const reasons: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'host not found (DNS lookup failed)',
  EAI_AGAIN: 'DNS lookup failed (temporary failure)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_SOCKET: 'the connection was closed',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed and not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate is not trusted',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host name',
};

export function unreachable(server: string, error: unknown, timeoutMs: number): SlipwayError {
  return new SlipwayError(
    'unavailable',
    `Cannot reach the Slipway server at ${server}: ${reasonOf(error, timeoutMs)}`,
    {
      hint: 'Is Slipway running at that address? Pass another one with --server URL or SLIPWAY_SERVER.',
      cause: error,
    },
  );
}

function reasonOf(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: unknown };
  if (e.name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
  const code = socketCode(e.cause);
  if (code) return reasons[code] ?? code;
  const message = (e.cause as Error | undefined)?.message ?? e.message ?? String(error);
  // fetch refuses ports browsers block (1, 6000, ...) before even trying to connect.
  return message === 'bad port' ? 'fetch refuses to connect to that port (a blocked "bad port")' : message;
}

/** fetch wraps the socket error; with several addresses tried it is an AggregateError. */
function socketCode(cause: unknown): string | undefined {
  const c = cause as { code?: unknown; errors?: Array<{ code?: unknown }> } | undefined;
  const code = c?.code ?? c?.errors?.[0]?.code;
  return typeof code === 'string' ? code : undefined;
}
