import { type TSchema, Type } from '@sinclair/typebox';

/**
 * One kind of server-sent event, as OpenAPI 3.1 documents a text/event-stream: the media
 * type's `schema` describes each event (`event`, `data`, and `id` when the stream sends one),
 * and `data`, a line of JSON, says what it holds with `contentMediaType` and `contentSchema`.
 * Clients (and the fuzzer, which checks every event it reads against this) see the exact
 * shape of each event instead of a plain string.
 */
export function sseEvent(name: string, data: TSchema, options: { id?: boolean } = {}) {
  return Type.Object(
    {
      event: Type.Literal(name),
      data: Type.String({ contentMediaType: 'application/json', contentSchema: data }),
      ...(options.id ? { id: Type.String({ pattern: '^[0-9]+$', description: 'Its sequence number' }) } : {}),
    },
    { additionalProperties: false },
  );
}

/** The content of a text/event-stream response whose events are each one of `events`. */
export function eventStreamContent(events: TSchema[]) {
  const [only] = events;
  return { 'text/event-stream': { schema: events.length === 1 && only ? only : Type.Union(events) } };
}

/** `data` of an event that carries nothing: `{}`. */
export const NoData = Type.Object({}, { additionalProperties: false });
