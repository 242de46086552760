/**
 * Every failed answer becomes core's SlipwayError. Slipway's own error bodies carry the code,
 * message, hint and field paths; anything else came from something in front of the server (a
 * proxy's 502) or from a server that is not Slipway at all, and the error says which.
 */
import { codeForStatus, isErrorCode, SlipwayError } from '@slipway/core/errors';

/** The error an answer with status `status` and body `body` (parsed JSON, or text) stands for. */
export function errorFromAnswer(body: unknown, status: number, server: string): SlipwayError {
  const inner = (body as { error?: { code?: unknown } } | null | undefined)?.error;
  if (inner && isErrorCode(inner.code)) return SlipwayError.fromBody(body, status);
  if (status === 502 || status === 503 || status === 504) {
    return new SlipwayError('unavailable', `The Slipway server at ${server} is unavailable (HTTP ${status})`, {
      hint: 'A proxy answered for it: is Slipway running behind it?',
    });
  }
  return new SlipwayError(codeForStatus(status), `The server at ${server} answered HTTP ${status}`, {
    hint: 'That is not a Slipway error; is this the address of a Slipway server?',
  });
}

/** A success answer that is not JSON: the address is not a Slipway server's. */
export function notJson(server: string, path: string): SlipwayError {
  return new SlipwayError('internal', `The server at ${server} did not answer ${path} with JSON`, {
    hint: 'Is this the address of a Slipway server?',
  });
}
