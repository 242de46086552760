/**
 * Reading a server-sent event stream (text/event-stream) from a fetch response: the subset the
 * Slipway API writes — `id:`, `event:`, `data:` lines, comments, a blank line ending an event.
 */

export interface ServerSentEvent {
  id: string | undefined;
  event: string;
  data: string;
}

/** The events of a stream as they arrive; ends when the server closes it. */
export async function* readEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  let pending = emptyEvent();
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    const lines = buffer.split(/\r?\n/);
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') {
        if (pending.data.length > 0) yield { id: pending.id, event: pending.event, data: pending.data.join('\n') };
        pending = emptyEvent();
      } else {
        addField(pending, line);
      }
    }
  }
}

interface PartialEvent {
  id: string | undefined;
  event: string;
  data: string[];
}

const emptyEvent = (): PartialEvent => ({ id: undefined, event: 'message', data: [] });

/** One `field: value` line; lines starting with a colon are comments (keep-alives). */
function addField(event: PartialEvent, line: string): void {
  if (line.startsWith(':')) return;
  const colon = line.indexOf(':');
  const field = colon < 0 ? line : line.slice(0, colon);
  const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
  if (field === 'id') event.id = value;
  else if (field === 'event') event.event = value;
  else if (field === 'data') event.data.push(value);
}
