import type { NotificationEvent, NotificationEventKind } from './events.ts';

/**
 * Which events a subscription wants. Every list is a filter: empty means any, otherwise the
 * event's value must be in it. An event without a service (a freeze) passes a service filter
 * only when that filter is empty: "tell me about checkout" does not mean "and everything else".
 * Nor does one without a team pass a team filter.
 */
export interface NotificationFilter {
  events: readonly NotificationEventKind[];
  teams: readonly string[];
  services: readonly string[];
  environmentTypes: readonly string[];
}

function passes(list: readonly string[], value: string | null): boolean {
  return list.length === 0 || (value !== null && list.includes(value));
}

export function matchesSubscription(filter: NotificationFilter, event: NotificationEvent): boolean {
  // A test event is addressed to one subscription by id, never broadcast.
  if (event.kind === 'notification.test') return false;
  return (
    passes(filter.events, event.kind) &&
    passes(filter.teams, event.team) &&
    passes(filter.services, event.service) &&
    passesTypes(filter.environmentTypes, event)
  );
}

/** A freeze of every type reaches a subscription to any; one of several, those naming one of them. */
function passesTypes(wanted: readonly string[], event: NotificationEvent): boolean {
  const covered = event.environmentTypes;
  if (covered === undefined) return passes(wanted, event.environmentType);
  return wanted.length === 0 || covered.length === 0 || covered.some((t) => wanted.includes(t));
}
