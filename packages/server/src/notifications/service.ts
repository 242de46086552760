import { randomUUID } from 'node:crypto';
import { invalidInput, isNotificationEventKind, type NotificationEventKind, SlipwayError } from '@slipway/core';
import type { Kysely } from 'kysely';
import { checkLocationTarget, type LocationAllowList } from '../catalog/url-policy.ts';
import { seal } from '../crypto/envelope.ts';
import type { KeyRing } from '../crypto/keyring.ts';
import type { DeliveryStatus, NotificationChannel, Schema } from '../db/schema.ts';
import {
  createSubscription,
  type DeliveryRecord,
  type DeliveryView,
  deleteSubscription,
  emitNotification,
  getSubscription,
  type InboxItem,
  listDeliveries,
  listInbox,
  listSubscriptions,
  markInboxRead,
  redeliver,
  type SubscriptionRecord,
  unreadCount,
} from '../db/stores/notifications.ts';
import type { Clock } from '../util/clock.ts';
import { type NotificationDispatcher, secretAad } from './dispatcher.ts';
import { newWebhookSecret } from './signing.ts';

export interface SubscriptionInput {
  name: string;
  channel: NotificationChannel;
  /** webhook and slack: where to POST. */
  url?: string;
  /** inbox: a team's members, or one user (by id). */
  team?: string;
  userId?: string;
  events?: string[];
  teams?: string[];
  services?: string[];
  environmentTypes?: string[];
}

/** What the API shows of a subscription: never its secret, which is shown once, on create. */
export type SubscriptionView = Omit<SubscriptionRecord, 'sealedSecret'>;

export function subscriptionView(record: SubscriptionRecord): SubscriptionView {
  const { sealedSecret: _secret, ...view } = record;
  return view;
}

/**
 * Notifications as the API offers them: subscriptions (destinations checked against the
 * catalog's allow-list when they are made, and again at every attempt), the deliveries with
 * redelivery, a test message, and each user's inbox.
 */
export class NotificationService {
  constructor(
    private readonly deps: {
      db: Kysely<Schema>;
      keyRing: KeyRing | null;
      allow: LocationAllowList;
      now: Clock;
      dispatcher: NotificationDispatcher;
    },
  ) {}

  get dispatcher(): NotificationDispatcher {
    return this.deps.dispatcher;
  }

  /** Creates a subscription; a webhook's signing secret is in the answer, and only there. */
  async subscribe(
    input: SubscriptionInput,
    actor: string,
  ): Promise<{ subscription: SubscriptionView; secret: string | null }> {
    const events = (input.events ?? []).map((kind, i) => {
      if (!isNotificationEventKind(kind))
        throw invalidInput(`${kind} is not an event Slipway sends`, [
          { path: `/events/${i}`, message: 'unknown event kind' },
        ]);
      return kind as NotificationEventKind;
    });
    const id = randomUUID();
    let secret: string | null = null;
    let sealedSecret: string | null = null;
    if (input.channel === 'inbox') {
      if (!input.team === !input.userId)
        throw invalidInput('An inbox subscription names a team or a user, one of them', [
          { path: '/team', message: 'give team or userId' },
        ]);
    } else {
      if (!input.url)
        throw invalidInput(`A ${input.channel} subscription needs a url`, [{ path: '/url', message: 'required' }]);
      await this.#vet(input.url);
      if (input.channel === 'webhook') {
        secret = newWebhookSecret();
        sealedSecret = seal(this.#ring(), secret, secretAad(id));
      }
    }
    const record = await createSubscription(this.deps.db, {
      id,
      name: input.name,
      channel: input.channel,
      url: input.channel === 'inbox' ? null : (input.url ?? null),
      sealedSecret,
      inboxTeam: input.channel === 'inbox' ? (input.team ?? null) : null,
      inboxUser: input.channel === 'inbox' ? (input.userId ?? null) : null,
      events,
      teams: input.teams ?? [],
      services: input.services ?? [],
      environmentTypes: input.environmentTypes ?? [],
      createdBy: actor,
    });
    return { subscription: subscriptionView(record), secret };
  }

  async list(): Promise<SubscriptionView[]> {
    return (await listSubscriptions(this.deps.db)).map(subscriptionView);
  }

  async get(id: string): Promise<SubscriptionView> {
    return subscriptionView(await getSubscription(this.deps.db, id));
  }

  async unsubscribe(id: string): Promise<void> {
    await deleteSubscription(this.deps.db, id);
  }

  /** Sends a test event to one subscription, through the outbox like any other. */
  async test(id: string, actor: string): Promise<string> {
    const subscription = await getSubscription(this.deps.db, id);
    const event = await this.deps.db.transaction().execute((tx) =>
      emitNotification(tx, {
        kind: 'notification.test',
        at: this.deps.now(),
        title: `A test of ${subscription.name}, sent by ${actor}`,
        data: { subscription: subscription.id },
        onlySubscription: subscription.id,
      }),
    );
    this.deps.dispatcher.wake();
    return event.id;
  }

  deliveries(filter: { status?: DeliveryStatus; subscriptionId?: string; limit?: number }): Promise<DeliveryView[]> {
    return listDeliveries(this.deps.db, filter);
  }

  async redeliver(id: string): Promise<DeliveryRecord> {
    const delivery = await redeliver(this.deps.db, id, this.deps.now());
    this.deps.dispatcher.wake();
    return delivery;
  }

  inbox(userId: string, options: { unreadOnly?: boolean; limit?: number }): Promise<InboxItem[]> {
    return listInbox(this.deps.db, userId, options);
  }

  unread(userId: string): Promise<number> {
    return unreadCount(this.deps.db, userId);
  }

  markRead(userId: string, ids: readonly string[] | null): Promise<number> {
    return markInboxRead(this.deps.db, userId, ids, this.deps.now());
  }

  async #vet(url: string): Promise<void> {
    try {
      await checkLocationTarget('url', url, this.deps.allow);
    } catch (error) {
      // The allow-list speaks of locations and /target; here it is a destination at /url.
      if (error instanceof SlipwayError)
        throw invalidInput(error.message.replace('The location', 'The destination'), [
          { path: '/url', message: error.fields?.[0]?.message ?? error.message },
        ]);
      throw error;
    }
  }

  #ring(): KeyRing {
    if (!this.deps.keyRing)
      throw new SlipwayError('not_configured', 'No key ring is loaded, so webhook secrets cannot be stored', {
        hint: 'Set SLIPWAY_SECRET_KEYS or secrets.keyFile in the configuration.',
      });
    return this.deps.keyRing;
  }
}
