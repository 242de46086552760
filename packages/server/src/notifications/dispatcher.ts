import { performance } from 'node:perf_hooks';
import { type BackoffPolicy, type NotificationEvent, retryDelayMs, SlipwayError, slackMessage } from '@slipway/core';
import type { Kysely } from 'kysely';
import { checkLocationTarget, type LocationAllowList } from '../catalog/url-policy.ts';
import { openText } from '../crypto/envelope.ts';
import type { KeyRing } from '../crypto/keyring.ts';
import type { PubSub } from '../db/pubsub.ts';
import type { Schema } from '../db/schema.ts';
import {
  type ClaimBudget,
  type ClaimedDelivery,
  claimDueDeliveries,
  getSubscription,
  markDelivered,
  markFailed,
  outboxChannel,
  postponeDelivery,
  releaseInterruptedDeliveries,
  type SubscriptionRecord,
} from '../db/stores/notifications.ts';
import type { Clock } from '../util/clock.ts';
import { postJson } from './post.ts';
import { DestinationRateLimit } from './rate-limit.ts';
import { webhookHeaders } from './signing.ts';

export interface DispatcherLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface DispatcherOptions {
  /** How long one attempt may take, connection to last byte. */
  timeoutMs: number;
  /** Attempts before a delivery is dead. */
  maxAttempts: number;
  backoff: BackoffPolicy;
  /** Per destination (URL), per replica. */
  perSecond: number;
  burst: number;
  /** Attempts in flight at once, all destinations together. */
  concurrency: number;
  /** Attempts in flight at once to one destination: a slow receiver cannot take every slot. */
  perDestination: number;
  /** How often the outbox is read without being woken (PGlite, retries coming due). */
  pollMs: number;
}

export const defaultDispatcherOptions: DispatcherOptions = {
  timeoutMs: 10_000,
  maxAttempts: 8,
  backoff: { baseMs: 1000, maxMs: 15 * 60_000 },
  perSecond: 20,
  burst: 40,
  concurrency: 64,
  perDestination: 8,
  pollMs: 250,
};

export interface DispatcherDeps {
  db: Kysely<Schema>;
  keyRing: KeyRing | null;
  /** The catalog's allow-list: destinations pass the same SSRF checks as catalog locations. */
  allow: LocationAllowList;
  now: Clock;
  log: DispatcherLogger;
  pubsub?: PubSub | null;
  /** Where the portal is, for links in Slack messages. */
  portalUrl?: string | null;
  options?: Partial<DispatcherOptions>;
  /** The jitter's source; Math.random unless a test fixes it. */
  random?: () => number;
}

// Subscriptions change rarely and every delivery needs one: read each at most this often.
const subscriptionCacheMs = 2000;

/**
 * Sends the outbox. Every replica runs one: each claims due deliveries (the store's claim skips
 * rows another replica holds), sends them with a timeout, and writes the outcome — delivered,
 * pending again after a backoff with jitter, or dead after the last attempt. It is woken by the
 * NOTIFY an event's transaction sends at commit (PostgreSQL) and otherwise reads the outbox
 * every `pollMs`. Nothing is kept in memory that a crash could lose: a delivery in flight when
 * the process died is taken again when its lease runs out (at once, on PGlite's sole server).
 */
export class NotificationDispatcher {
  readonly #deps: DispatcherDeps;
  readonly #options: DispatcherOptions;
  readonly #limit: DestinationRateLimit;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #busy = new Map<string, number>();
  /** Claims not yet finished, per subscription: the claim takes no more than the slots left. */
  readonly #claimedBy = new Map<string, number>();
  readonly #subscriptions = new Map<string, { at: number; record: SubscriptionRecord | null }>();
  #timer: NodeJS.Timeout | undefined;
  #draining: Promise<void> | undefined;
  #again = false;
  #stopped = true;
  #unsubscribe: (() => Promise<void>) | undefined;

  constructor(deps: DispatcherDeps) {
    this.#deps = deps;
    this.#options = { ...defaultDispatcherOptions, ...deps.options };
    this.#limit = new DestinationRateLimit(deps.db, { perSecond: this.#options.perSecond, burst: this.#options.burst });
  }

  /**
   * Starts sending. `soleServer`: no other process uses this database (PGlite), so a delivery
   * left `delivering` was cut short by this server's own crash and is due at once.
   */
  async start(options: { soleServer?: boolean } = {}): Promise<void> {
    this.#stopped = false;
    if (options.soleServer) {
      const released = await releaseInterruptedDeliveries(this.#deps.db, this.#deps.now());
      if (released > 0) this.#deps.log.warn({ released }, 'deliveries interrupted by a restart are due again');
    }
    if (this.#deps.pubsub)
      this.#unsubscribe = await this.#deps.pubsub.subscribe(
        outboxChannel,
        () => this.wake(),
        () => this.wake(),
      );
    this.#timer = setInterval(() => this.wake(), this.#options.pollMs);
    this.#timer.unref();
    this.wake();
  }

  /** Stops claiming and waits for the attempts in flight (each bounded by the timeout). */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    await this.#draining;
    await Promise.all(this.#inFlight);
  }

  /** Reads the outbox now (an event was just written). */
  wake(): void {
    if (this.#stopped) return;
    this.#again = true;
    this.#draining ??= this.#drain()
      .catch((error: unknown) => this.#deps.log.warn({ err: error }, 'reading the notification outbox failed'))
      .finally(() => {
        this.#draining = undefined;
        if (this.#again) this.wake();
      });
  }

  async #drain(): Promise<void> {
    while (this.#again && !this.#stopped) {
      this.#again = false;
      const room = this.#options.concurrency - this.#inFlight.size;
      if (room <= 0) return;
      const now = this.#deps.now();
      const leaseUntil = new Date(now.getTime() + this.#options.timeoutMs + 10_000);
      const claimed = await claimDueDeliveries(this.#deps.db, now, leaseUntil, room, this.#budget());
      for (const delivery of claimed) {
        const subscriptionId = delivery.subscriptionId;
        this.#claimedBy.set(subscriptionId, (this.#claimedBy.get(subscriptionId) ?? 0) + 1);
        let postponed = false;
        const attempt = this.#attempt(delivery)
          .then((outcome) => {
            postponed = outcome === 'postponed';
          })
          .catch((error: unknown) =>
            this.#deps.log.warn({ err: error, delivery: delivery.id }, 'recording a delivery attempt failed'),
          )
          .finally(() => {
            this.#inFlight.delete(attempt);
            const left = (this.#claimedBy.get(subscriptionId) ?? 1) - 1;
            if (left > 0) this.#claimedBy.set(subscriptionId, left);
            else this.#claimedBy.delete(subscriptionId);
            // An attempt that ended frees a slot: look for more. One put back for a busy
            // destination frees nothing; waking for it would only claim it again (a spin that
            // kept PGlite's one connection busy): the next send's end or the poll takes it.
            if (!postponed) this.wake();
          });
        this.#inFlight.add(attempt);
      }
      // A full batch: there may be more due at once.
      if (claimed.length === room) this.#again = true;
    }
  }

  /** What the next claim may take per subscription: the slots its claims in flight leave. */
  #budget(): ClaimBudget {
    const perSubscription = this.#options.perDestination;
    const rooms = new Map<string, number>();
    for (const [id, claimed] of this.#claimedBy) rooms.set(id, Math.max(0, perSubscription - claimed));
    return { perSubscription, rooms };
  }

  /** Sends one delivery, or puts it back ('postponed') when its destination has no room now. */
  async #attempt(delivery: ClaimedDelivery): Promise<'attempted' | 'postponed'> {
    const { db } = this.#deps;
    const subscription = await this.#subscription(delivery.subscriptionId);
    if (!subscription?.url) return 'attempted'; // deleted meanwhile: its deliveries went with it
    let pin: Awaited<ReturnType<typeof checkLocationTarget>>;
    try {
      pin = await checkLocationTarget('url', subscription.url, this.#deps.allow);
    } catch (error) {
      // A refusal by the allow-list does not pass by waiting: dead at once, with the reason.
      const message = error instanceof SlipwayError ? error.message : String(error);
      await markFailed(db, delivery.id, { error: message, status: null, retryAt: null });
      return 'attempted';
    }
    const destination = subscription.url;
    const busy = this.#busy.get(destination) ?? 0;
    // Over the destination's share of slots or its rate: back in the queue, no attempt counted.
    if (busy >= this.#options.perDestination) return this.#postpone(delivery, 50);
    // The slot is taken before anything awaits: attempts running meanwhile see it taken.
    this.#busy.set(destination, busy + 1);
    try {
      const waitMs = await this.#limit.take(destination, this.#deps.now());
      if (waitMs > 0) return await this.#postpone(delivery, waitMs);
      await this.#send(delivery, subscription, pin);
    } finally {
      const left = (this.#busy.get(destination) ?? 1) - 1;
      if (left > 0) this.#busy.set(destination, left);
      else this.#busy.delete(destination);
    }
    return 'attempted';
  }

  async #postpone(delivery: ClaimedDelivery, waitMs: number): Promise<'postponed'> {
    await postponeDelivery(this.#deps.db, delivery.id, new Date(this.#deps.now().getTime() + waitMs));
    return 'postponed';
  }

  async #send(
    delivery: ClaimedDelivery,
    subscription: SubscriptionRecord,
    pin: Awaited<ReturnType<typeof checkLocationTarget>>,
  ): Promise<void> {
    const { db } = this.#deps;
    let message: { body: string; headers: Record<string, string> };
    try {
      message = this.#message(subscription, delivery);
    } catch (error) {
      // The secret does not open (another key ring): waiting will not help.
      await markFailed(db, delivery.id, { error: String((error as Error).message), status: null, retryAt: null });
      return;
    }
    const { body, headers } = message;
    const outcome = await postJson(pin, body, headers, this.#options.timeoutMs);
    if (outcome.error === null) {
      await markDelivered(db, delivery.id, this.#deps.now(), outcome.status ?? 200);
      return;
    }
    const last = delivery.attempts >= this.#options.maxAttempts;
    const retryAt = last
      ? null
      : new Date(
          this.#deps.now().getTime() +
            retryDelayMs(this.#options.backoff, delivery.attempts, this.#deps.random ?? Math.random),
        );
    await markFailed(db, delivery.id, { error: outcome.error, status: outcome.status, retryAt });
    if (last)
      this.#deps.log.warn(
        { delivery: delivery.id, subscription: subscription.name, error: outcome.error },
        'notification delivery is dead after its last attempt',
      );
  }

  /** The body and headers of one attempt; the same `webhook-id` on every attempt of a delivery. */
  #message(subscription: SubscriptionRecord, delivery: ClaimedDelivery) {
    const event: NotificationEvent = delivery.event;
    if (subscription.channel === 'slack') {
      const body = JSON.stringify(slackMessage(event, this.#deps.portalUrl ?? null));
      return { body, headers: { 'webhook-id': delivery.id } };
    }
    // The Standard Webhooks payload: type, timestamp, data.
    const body = JSON.stringify({ type: event.kind, timestamp: event.at, data: event });
    return { body, headers: webhookHeaders(this.#secretOf(subscription), delivery.id, this.#deps.now(), body) };
  }

  #secretOf(subscription: SubscriptionRecord): string {
    if (!this.#deps.keyRing || !subscription.sealedSecret)
      throw new SlipwayError('not_configured', `The signing secret of ${subscription.name} cannot be opened`, {
        hint: 'Load the key ring the subscription was created with (SLIPWAY_SECRET_KEYS or secrets.keyFile).',
      });
    return openText(this.#deps.keyRing, subscription.sealedSecret, secretAad(subscription.id));
  }

  async #subscription(id: string): Promise<SubscriptionRecord | null> {
    const cached = this.#subscriptions.get(id);
    if (cached && performance.now() - cached.at < subscriptionCacheMs) return cached.record;
    const record = await getSubscription(this.#deps.db, id).catch(() => null);
    this.#subscriptions.set(id, { at: performance.now(), record });
    return record;
  }
}

/** Ties a sealed secret to its subscription: moved to another row, it does not open. */
export function secretAad(subscriptionId: string): string {
  return `notification-subscription:${subscriptionId}`;
}
