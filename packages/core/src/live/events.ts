/**
 * Kubernetes Events as a service's page lists them. Events reach the core/v1 API from two
 * generations of recorders: the old one counts repeats in `count` with first and last
 * timestamps; the events.k8s.io one leaves those empty and keeps `eventTime` and a `series`.
 * Both read the same here.
 */
import { field, num, str, timeOf } from '../health/fields.ts';
import type { LiveEvent } from './types.ts';

/** A core/v1 Event as JSON. */
export type KubeEvent = Record<string, unknown>;

export function involvedObject(event: KubeEvent): { kind: string; name: string } {
  return {
    kind: str(field(event, 'involvedObject', 'kind')) ?? '',
    name: str(field(event, 'involvedObject', 'name')) ?? '',
  };
}

export function summarizeEvent(event: KubeEvent): LiveEvent {
  const { kind, name } = involvedObject(event);
  const created = str(field(event, 'metadata', 'creationTimestamp'));
  const eventTime = str(event.eventTime);
  const firstAt = str(event.firstTimestamp) ?? eventTime ?? created ?? null;
  const lastAt =
    str(field(event, 'series', 'lastObservedTime')) ?? str(event.lastTimestamp) ?? eventTime ?? firstAt ?? null;
  return {
    type: str(event.type) ?? 'Normal',
    reason: str(event.reason) ?? '',
    message: (str(event.message) ?? str(event.note) ?? '').trim(),
    object: `${kind}/${name}`,
    count: Math.max(1, num(field(event, 'series', 'count'), num(event.count, 1))),
    firstAt: iso(firstAt),
    lastAt: iso(lastAt),
  };
}

/** Newest first (by when an event last happened), at most `limit`. */
export function newestEvents(events: readonly LiveEvent[], limit: number): LiveEvent[] {
  const at = (e: LiveEvent) => timeOf(e.lastAt) ?? 0;
  return [...events].sort((a, b) => at(b) - at(a)).slice(0, limit);
}

/** Timestamps as ISO 8601 with milliseconds, whatever precision the API server used. */
function iso(value: string | null): string | null {
  const ms = timeOf(value);
  return ms === undefined ? null : new Date(ms).toISOString();
}
