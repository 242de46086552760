/**
 * What Slipway tells people about: the kinds of notification events, and the event itself as a
 * receiver gets it. The kinds are a closed list so subscriptions are checked on write (a typo
 * would otherwise subscribe to nothing, silently) and receivers can switch over them.
 */
export const notificationEventKinds = [
  'release.healthy',
  'release.failed',
  'release.rolled_back',
  'verification.failed',
  'approval.requested',
  'approval.given',
  'preview.ready',
  'drift.found',
  'freeze.started',
  'scorecard.level_dropped',
  'policy.violation',
  /** Sent on demand to one subscription: "does my receiver work?". */
  'notification.test',
] as const;

export type NotificationEventKind = (typeof notificationEventKinds)[number];

export function isNotificationEventKind(value: string): value is NotificationEventKind {
  return (notificationEventKinds as readonly string[]).includes(value);
}

/**
 * One event, as stored in the outbox and sent (JSON) to webhooks. `id` is the event's; every
 * delivery of it to one destination has its own stable id, sent as `webhook-id`.
 */
export interface NotificationEvent {
  id: string;
  kind: NotificationEventKind;
  /** ISO 8601, from the server's clock when the event happened. */
  at: string;
  /** One line a person reads: "checkout #12 is healthy in staging". */
  title: string;
  /** The team owning the service (or environment); null: the platform's. */
  team: string | null;
  service: string | null;
  environment: string | null;
  environmentType: string | null;
  /**
   * An event about several environment types at once (a freeze): those types, empty meaning
   * every type. A subscription's type filter passes when it names one of them.
   */
  environmentTypes?: string[];
  /** Where the portal shows it, relative to the server's URL ("/services/checkout"). */
  link: string | null;
  /** The kind's own facts (release id and number, approver, message…). */
  data: Record<string, unknown>;
}
