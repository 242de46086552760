/**
 * The portal's one way to the API: a typed client generated from the OpenAPI document, the
 * session's CSRF token on every change, and every failure turned into the same SlipwayError
 * the server and the CLI use (stable code, message, hint, field paths), so each page can say
 * what went wrong in plain words next to the field it concerns.
 */
import { SlipwayError } from '@slipway/core/errors';
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export { SlipwayError };

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

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(csrf);

/**
 * Unwraps an openapi-fetch result: the data, or a thrown SlipwayError. Used as
 * `call(api.GET('/api/v1/services'))` in query functions and mutations.
 */
export async function call<T>(
  pending: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<NonNullable<T>> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await pending;
  } catch (cause) {
    throw new SlipwayError('unavailable', 'The Slipway server could not be reached.', {
      hint: 'Check your connection; the page retries on its own.',
      cause,
    });
  }
  if (result.error !== undefined || !result.response.ok) {
    throw SlipwayError.fromBody(result.error, result.response.status);
  }
  return result.data as NonNullable<T>;
}

/** The problem reported for a form field, by its JSON Pointer (e.g. `/name`), if any. */
export function fieldProblem(error: unknown, path: string): string | undefined {
  if (!(error instanceof SlipwayError)) return undefined;
  return error.fields?.find((f) => f.path === path)?.message;
}
