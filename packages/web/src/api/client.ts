/**
 * The portal's one way to the API: the typed client the CLI shares (@slipway/api-client, generated
 * from the OpenAPI document), the session's CSRF token on every change, and every failure turned
 * into the same SlipwayError the server and the CLI use (stable code, message, hint, field paths),
 * so each page can say what went wrong in plain words next to the field it concerns.
 */
import { allPages, call, createApiClient, fieldProblem, type Middleware, type Schemas } from '@slipway/api-client';
import { SlipwayError } from '@slipway/core/errors';

export type { Schemas };
export { allPages, call, fieldProblem, SlipwayError };

let csrfToken: string | null = null;

/** Set after signing in, and on reload from GET /auth/session. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const csrf: Middleware = {
  onRequest({ request }) {
    if (csrfToken && unsafe.has(request.method)) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
};

export const api = createApiClient({
  baseUrl: '',
  server: window.location.origin,
  credentials: 'same-origin',
  unreachable: (cause) =>
    new SlipwayError('unavailable', 'The Slipway server could not be reached.', {
      hint: 'Check your connection; the page retries on its own.',
      cause,
    }),
});
api.use(csrf);
