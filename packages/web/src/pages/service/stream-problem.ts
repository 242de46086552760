import { SlipwayError } from '../../api/client';

/**
 * Why an event stream would not open. EventSource only says "error" (a 403 or 404 looks the
 * same as a dropped network), so the same address is asked once with fetch: an error answer
 * is read as the API's error; a stream that opens fine is closed at once and reported as null.
 */
export async function streamProblem(url: string): Promise<SlipwayError | null> {
  const abort = new AbortController();
  try {
    const response = await fetch(url, { credentials: 'same-origin', signal: abort.signal });
    if (response.ok) return null;
    const body: unknown = await response.json().catch(() => undefined);
    return SlipwayError.fromBody(body, response.status);
  } catch (cause) {
    return new SlipwayError('unavailable', 'The Slipway server could not be reached.', {
      hint: 'Check your connection; the stream reconnects on its own.',
      cause,
    });
  } finally {
    abort.abort();
  }
}
