/**
 * The catalogue of error codes a user can see, from the API, the CLI or the portal.
 * A code is stable: clients branch on it, so it is never renamed or reused.
 * The HTTP status lives here too so that every transport maps an error the same way.
 */
export const errorCodes = {
  invalid_input: { status: 400, title: 'The request is not valid' },
  invalid_config: { status: 400, title: 'The configuration is not valid' },
  unauthenticated: { status: 401, title: 'Sign in first' },
  forbidden: { status: 403, title: 'Not allowed' },
  csrf_failed: { status: 403, title: 'The CSRF token is missing or wrong' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  /** The HTTP parser's timeout: the request line, headers or body came too slowly. */
  request_timeout: { status: 408, title: 'The request did not arrive in time' },
  conflict: { status: 409, title: 'Conflict with the current state' },
  /** The API server refused a container's logs (not started yet, gone, kubelet unreachable); the message has its reason. */
  logs_unavailable: { status: 409, title: 'The cluster cannot serve these logs now' },
  frozen: { status: 409, title: 'Deploys are frozen' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported content type' },
  rate_limited: { status: 429, title: 'Too many requests' },
  /** The request line and headers together are over Node's limit (16 KiB): a long query string, usually. */
  headers_too_large: { status: 431, title: 'The request line and headers are too large' },
  internal: { status: 500, title: 'Something went wrong inside Slipway' },
  unavailable: { status: 503, title: 'A service Slipway depends on is unavailable' },
  timeout: { status: 504, title: 'A service Slipway depends on did not answer in time' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCodes;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCodes, value);
}
