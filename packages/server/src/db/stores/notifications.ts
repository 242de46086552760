import {
  matchesSubscription,
  type NotificationEvent,
  type NotificationEventKind,
  notFound,
  SlipwayError,
} from '@slipway/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import type {
  DeliveryStatus,
  NotificationChannel,
  NotificationDeliveriesTable,
  NotificationSubscriptionsTable,
  Schema,
} from '../schema.ts';
import { isUuid } from './ids.ts';

/**
 * Notifications: subscriptions, the outbox of webhook deliveries and the inbox.
 *
 * An event is written by `emitNotification` inside the transaction of the change it reports,
 * with a delivery row per matching webhook subscription and an inbox row per reader: a change
 * that commits has its notifications, one that rolls back has none (the outbox pattern).
 *
 * A delivery moves  pending → delivering → delivered | dead,  and back from delivering to
 * pending when an attempt failed and another is due later. Claiming is one UPDATE over rows
 * locked with FOR UPDATE SKIP LOCKED, so replicas never take the same row at once; a claim
 * holds a lease, and a delivering row whose lease ran out (its server died mid-request) is due
 * again: at least once, never lost. Every attempt of a delivery sends its id as `webhook-id`.
 */

export interface SubscriptionRecord {
  id: string;
  name: string;
  channel: NotificationChannel;
  url: string | null;
  sealedSecret: string | null;
  inboxTeam: string | null;
  inboxUser: string | null;
  events: NotificationEventKind[];
  teams: string[];
  services: string[];
  environmentTypes: string[];
  createdBy: string;
  createdAt: Date;
}

export type NewSubscription = Omit<SubscriptionRecord, 'createdAt'>;

export interface DeliveryRecord {
  id: string;
  eventId: string;
  subscriptionId: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil: Date | null;
  lastError: string | null;
  lastStatus: number | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

/** What happened, before the store adds the names the filters match on. */
export interface NotificationInput {
  kind: NotificationEventKind;
  at: Date;
  /** One line; a function when it names the service or environment the store looks up. */
  title: string | ((names: { service: string; environment: string }) => string);
  serviceId?: string | null;
  environmentId?: string | null;
  /** Given when there is no service to take it from (a freeze of an environment type). */
  team?: string | null;
  environmentType?: string | null;
  /** The types an event about several at once covers (a freeze; empty: all). */
  environmentTypes?: string[];
  link?: string | null;
  data?: Record<string, unknown>;
  /** Only this subscription (a test message); left out: every matching one. */
  onlySubscription?: string;
}

export const outboxChannel = 'slipway_notifications';

/**
 * Stores the event and its deliveries and inbox rows. Call it with the transaction that writes
 * the change.
 */
export async function emitNotification(tx: Kysely<Schema>, input: NotificationInput): Promise<NotificationEvent> {
  const event = await describeEvent(tx, input);
  await tx
    .insertInto('notification_events')
    .values({ id: event.id, kind: event.kind, payload: JSON.stringify(event), created_at: input.at })
    .execute();
  const subscriptions = input.onlySubscription
    ? [await getSubscription(tx, input.onlySubscription)]
    : (await listSubscriptions(tx)).filter((s) => matchesSubscription(s, event));
  const outbound = subscriptions.filter((s) => s.channel !== 'inbox');
  if (outbound.length)
    await tx
      .insertInto('notification_deliveries')
      .values(
        outbound.map((s) => ({
          event_id: event.id,
          subscription_id: s.id,
          next_attempt_at: input.at,
          created_at: input.at,
        })),
      )
      .execute();
  const readers = await inboxReaders(
    tx,
    subscriptions.filter((s) => s.channel === 'inbox'),
  );
  if (readers.length)
    await tx
      .insertInto('notification_inbox')
      .values(readers.map((r) => ({ event_id: event.id, user_id: r.userId, team: r.team, created_at: input.at })))
      .execute();
  // Sent at commit, to the dispatcher of every replica; nothing is sent if the change rolls back.
  if (outbound.length) await sql`select pg_notify(${outboxChannel}, '')`.execute(tx);
  return event;
}

async function describeEvent(tx: Kysely<Schema>, input: NotificationInput): Promise<NotificationEvent> {
  const service = input.serviceId
    ? await tx
        .selectFrom('services')
        .select(['name', 'owner_team'])
        .where('id', '=', input.serviceId)
        .executeTakeFirst()
    : undefined;
  const environment = input.environmentId
    ? await tx
        .selectFrom('environments')
        .select(['name', 'type', 'owner_team'])
        .where('id', '=', input.environmentId)
        .executeTakeFirst()
    : undefined;
  const { id } = await sql<{ id: string }>`select gen_random_uuid() as id`
    .execute(tx)
    .then((r) => r.rows[0] as { id: string });
  return {
    id,
    kind: input.kind,
    at: input.at.toISOString(),
    title:
      typeof input.title === 'string'
        ? input.title
        : input.title({ service: service?.name ?? 'a service', environment: environment?.name ?? 'an environment' }),
    team: input.team ?? service?.owner_team ?? environment?.owner_team ?? null,
    service: service?.name ?? null,
    environment: environment?.name ?? null,
    environmentType: input.environmentType ?? environment?.type ?? null,
    ...(input.environmentTypes ? { environmentTypes: input.environmentTypes } : {}),
    link: input.link ?? (service ? `/services/${service.name}` : null),
    data: input.data ?? {},
  };
}

/** One row per user: a team's inbox reaches each member, each with their own read mark. */
async function inboxReaders(
  tx: Kysely<Schema>,
  subscriptions: readonly SubscriptionRecord[],
): Promise<Array<{ userId: string; team: string | null }>> {
  const readers = new Map<string, string | null>();
  for (const s of subscriptions) if (s.inboxUser) readers.set(s.inboxUser, null);
  const teams = subscriptions.flatMap((s) => (s.inboxTeam ? [s.inboxTeam] : []));
  if (teams.length) {
    const members = await tx
      .selectFrom('team_members')
      .select(['user_id', 'team'])
      .where('team', 'in', teams)
      .execute();
    for (const m of members) if (!readers.has(m.user_id)) readers.set(m.user_id, m.team);
  }
  return [...readers].map(([userId, team]) => ({ userId, team }));
}

// Subscriptions

export async function createSubscription(db: Kysely<Schema>, input: NewSubscription): Promise<SubscriptionRecord> {
  const row = await db
    .insertInto('notification_subscriptions')
    .values({
      id: input.id,
      name: input.name,
      channel: input.channel,
      url: input.url,
      sealed_secret: input.sealedSecret,
      inbox_team: input.inboxTeam,
      inbox_user: input.inboxUser,
      events: [...input.events],
      teams: [...input.teams],
      services: [...input.services],
      environment_types: [...input.environmentTypes],
      created_by: input.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSubscription(row);
}

export async function listSubscriptions(db: Kysely<Schema>): Promise<SubscriptionRecord[]> {
  const rows = await db.selectFrom('notification_subscriptions').selectAll().orderBy('created_at').execute();
  return rows.map(toSubscription);
}

export async function getSubscription(db: Kysely<Schema>, id: string): Promise<SubscriptionRecord> {
  const row = isUuid(id)
    ? await db.selectFrom('notification_subscriptions').selectAll().where('id', '=', id).executeTakeFirst()
    : undefined;
  if (!row) throw notFound(`Notification subscription ${id}`);
  return toSubscription(row);
}

/** Deleting a subscription drops its deliveries too: nobody wants them any more. */
export async function deleteSubscription(db: Kysely<Schema>, id: string): Promise<void> {
  const result = isUuid(id)
    ? await db.deleteFrom('notification_subscriptions').where('id', '=', id).executeTakeFirst()
    : undefined;
  if (!result || Number(result.numDeletedRows) === 0) throw notFound(`Notification subscription ${id}`);
}

function toSubscription(row: Selectable<NotificationSubscriptionsTable>): SubscriptionRecord {
  return {
    id: row.id,
    name: row.name,
    channel: row.channel,
    url: row.url,
    sealedSecret: row.sealed_secret,
    inboxTeam: row.inbox_team,
    inboxUser: row.inbox_user,
    events: row.events as NotificationEventKind[],
    teams: row.teams,
    services: row.services,
    environmentTypes: row.environment_types,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

// The outbox

/** A claimed delivery with what sending it needs. */
export interface ClaimedDelivery extends DeliveryRecord {
  event: NotificationEvent;
}

/** How many deliveries a claim may take per subscription: `rooms` for some, `perSubscription` for the rest. */
export interface ClaimBudget {
  perSubscription: number;
  rooms: ReadonlyMap<string, number>;
}

/** How far down the due rows, oldest first, one claim looks for ones its budget lets it take. */
const claimScan = 1000;

/**
 * Takes up to `limit` due deliveries: pending ones whose time came, and delivering ones whose
 * lease ran out (the replica holding them died). Each taken row counts an attempt and gets a
 * lease until `leaseUntil`. No more than its budget per subscription: a burst for one receiver
 * is taken as its slots free up instead of being taken and put back again and again.
 *
 * Two replicas may pick the same rows: the update checks again that each is due once it holds
 * the row's lock, so the second one skips what the first took.
 */
export async function claimDueDeliveries(
  db: Kysely<Schema>,
  now: Date,
  leaseUntil: Date,
  limit: number,
  budget: ClaimBudget = { perSubscription: limit, rooms: new Map() },
): Promise<ClaimedDelivery[]> {
  const ids = [...budget.rooms.keys()];
  const rooms = ids.map((id) => budget.rooms.get(id) ?? 0);
  const due = sql`((d.status = 'pending' and d.next_attempt_at <= ${now}) or (d.status = 'delivering' and d.lease_until <= ${now}))`;
  const claimed = await sql<Selectable<NotificationDeliveriesTable>>`
    with budgets as (select * from unnest(${ids}::uuid[], ${rooms}::int[]) as b (subscription_id, room)),
    due as (
      select d.id, d.subscription_id, d.next_attempt_at from notification_deliveries d
      where ${due} order by d.next_attempt_at limit ${claimScan}),
    ranked as (
      select due.id, due.next_attempt_at, coalesce(b.room, ${budget.perSubscription}) as room,
        row_number() over (partition by due.subscription_id order by due.next_attempt_at) as nth
      from due left join budgets b on b.subscription_id = due.subscription_id)
    update notification_deliveries d set status = 'delivering', lease_until = ${leaseUntil}, attempts = attempts + 1
    where d.id in (select id from ranked where nth <= room order by next_attempt_at limit ${limit}) and ${due}
    returning d.*`.execute(db);
  if (claimed.rows.length === 0) return [];
  const events = await db
    .selectFrom('notification_events')
    .select(['id', 'payload'])
    .where('id', 'in', [...new Set(claimed.rows.map((r) => r.event_id))])
    .execute();
  const byId = new Map(events.map((e) => [e.id, e.payload]));
  return claimed.rows.map((row) => ({ ...toDelivery(row), event: byId.get(row.event_id) as NotificationEvent }));
}

/** The attempt succeeded. Only while still ours: a lease that ran out may have been retaken. */
export async function markDelivered(db: Kysely<Schema>, id: string, at: Date, status: number): Promise<void> {
  await db
    .updateTable('notification_deliveries')
    .set({ status: 'delivered', delivered_at: at, lease_until: null, last_status: status, last_error: null })
    .where('id', '=', id)
    .where('status', '=', 'delivering')
    .execute();
}

/** The attempt failed: try again at `retryAt`, or, with null, give up (dead, with the error). */
export async function markFailed(
  db: Kysely<Schema>,
  id: string,
  failure: { error: string; status: number | null; retryAt: Date | null },
): Promise<void> {
  await db
    .updateTable('notification_deliveries')
    .set({
      status: failure.retryAt ? 'pending' : 'dead',
      ...(failure.retryAt ? { next_attempt_at: failure.retryAt } : {}),
      lease_until: null,
      last_error: failure.error.slice(0, 2000),
      last_status: failure.status,
    })
    .where('id', '=', id)
    .where('status', '=', 'delivering')
    .execute();
}

/** Hands back a claimed delivery unsent (its destination's rate is used up): no attempt counted. */
export async function postponeDelivery(db: Kysely<Schema>, id: string, until: Date): Promise<void> {
  await db
    .updateTable('notification_deliveries')
    .set({ status: 'pending', next_attempt_at: until, lease_until: null, attempts: sql`attempts - 1` })
    .where('id', '=', id)
    .where('status', '=', 'delivering')
    .execute();
}

/**
 * Sends a delivered or dead delivery again, with the same id (receivers that kept it skip it)
 * and a fresh count of attempts.
 */
export async function redeliver(db: Kysely<Schema>, id: string, now: Date): Promise<DeliveryRecord> {
  const row = isUuid(id)
    ? await db
        .updateTable('notification_deliveries')
        .set({ status: 'pending', attempts: 0, next_attempt_at: now, lease_until: null })
        .where('id', '=', id)
        .where('status', 'in', ['delivered', 'dead'])
        .returningAll()
        .executeTakeFirst()
    : undefined;
  if (row) return toDelivery(row);
  const existing = await getDelivery(db, id);
  throw new SlipwayError('conflict', `Delivery ${id} is ${existing.status}: it is on its way already`, {
    hint: 'Only a delivered or dead delivery can be sent again.',
  });
}

export async function getDelivery(db: Kysely<Schema>, id: string): Promise<DeliveryRecord> {
  const row = isUuid(id)
    ? await db.selectFrom('notification_deliveries').selectAll().where('id', '=', id).executeTakeFirst()
    : undefined;
  if (!row) throw notFound(`Delivery ${id}`);
  return toDelivery(row);
}

export interface DeliveryView extends DeliveryRecord {
  kind: string;
  title: string;
  subscriptionName: string;
}

/** Newest first. */
export async function listDeliveries(
  db: Kysely<Schema>,
  filter: { status?: DeliveryStatus; subscriptionId?: string; limit?: number } = {},
): Promise<DeliveryView[]> {
  let query = db
    .selectFrom('notification_deliveries as d')
    .innerJoin('notification_events as e', 'e.id', 'd.event_id')
    .innerJoin('notification_subscriptions as s', 's.id', 'd.subscription_id')
    .selectAll('d')
    .select(['e.kind', 'e.payload', 's.name as subscription_name']);
  if (filter.status) query = query.where('d.status', '=', filter.status);
  if (filter.subscriptionId) {
    if (!isUuid(filter.subscriptionId)) return [];
    query = query.where('d.subscription_id', '=', filter.subscriptionId);
  }
  const rows = await query
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id')
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map((r) => ({
    ...toDelivery(r),
    kind: r.kind,
    title: (r.payload as NotificationEvent).title,
    subscriptionName: r.subscription_name,
  }));
}

/** How many deliveries are in each status: for metrics, the bench and the portal. */
export async function countDeliveries(db: Kysely<Schema>): Promise<Record<DeliveryStatus, number>> {
  const rows = await db
    .selectFrom('notification_deliveries')
    .select(['status', (eb) => eb.fn.countAll<string>().as('count')])
    .groupBy('status')
    .execute();
  const counts: Record<DeliveryStatus, number> = { pending: 0, delivering: 0, delivered: 0, dead: 0 };
  for (const r of rows) counts[r.status] = Number(r.count);
  return counts;
}

function toDelivery(row: Selectable<NotificationDeliveriesTable>): DeliveryRecord {
  return {
    id: row.id,
    eventId: row.event_id,
    subscriptionId: row.subscription_id,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: new Date(row.next_attempt_at),
    leaseUntil: row.lease_until ? new Date(row.lease_until) : null,
    lastError: row.last_error,
    lastStatus: row.last_status,
    createdAt: new Date(row.created_at),
    deliveredAt: row.delivered_at ? new Date(row.delivered_at) : null,
  };
}

// The inbox

export interface InboxItem {
  id: string;
  event: NotificationEvent;
  createdAt: Date;
  readAt: Date | null;
}

/** A user's inbox, newest first. */
export async function listInbox(
  db: Kysely<Schema>,
  userId: string,
  options: { unreadOnly?: boolean; limit?: number } = {},
): Promise<InboxItem[]> {
  let query = db
    .selectFrom('notification_inbox as i')
    .innerJoin('notification_events as e', 'e.id', 'i.event_id')
    .select(['i.id', 'i.created_at', 'i.read_at', 'e.payload'])
    .where('i.user_id', '=', userId);
  if (options.unreadOnly) query = query.where('i.read_at', 'is', null);
  const rows = await query
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id')
    .limit(options.limit ?? 50)
    .execute();
  return rows.map((r) => ({ id: r.id, event: r.payload, createdAt: r.created_at, readAt: r.read_at }));
}

export async function unreadCount(db: Kysely<Schema>, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notification_inbox')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Marks the given items read, or every unread one when `ids` is null. Answers how many. */
export async function markInboxRead(
  db: Kysely<Schema>,
  userId: string,
  ids: readonly string[] | null,
  at: Date,
): Promise<number> {
  let query = db
    .updateTable('notification_inbox')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (ids) {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return 0;
    query = query.where('id', 'in', valid);
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Makes every delivering row due now: for a server that is the database's only user (PGlite)
 * starting up, whose own crash cut those attempts short. Answers how many.
 */
export async function releaseInterruptedDeliveries(db: Kysely<Schema>, now: Date): Promise<number> {
  const result = await db
    .updateTable('notification_deliveries')
    .set({ status: 'pending', next_attempt_at: now, lease_until: null })
    .where('status', '=', 'delivering')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Deletes the events written before `before` whose deliveries are all finished (delivered or
 * dead), with those deliveries and their inbox rows; an event with a delivery still due stays
 * however old it is. In batches, so no statement holds many rows at once. Answers how many.
 */
export async function pruneNotifications(db: Kysely<Schema>, before: Date, batch = 1000): Promise<number> {
  let total = 0;
  for (;;) {
    const doomed = db
      .selectFrom('notification_events as e')
      .select('e.id')
      .where('e.created_at', '<', before)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('notification_deliveries as d')
              .select('d.id')
              .whereRef('d.event_id', '=', 'e.id')
              .where('d.status', 'in', ['pending', 'delivering']),
          ),
        ),
      )
      .limit(batch);
    const result = await db.deleteFrom('notification_events').where('id', 'in', doomed).executeTakeFirst();
    const deleted = Number(result.numDeletedRows);
    total += deleted;
    if (deleted < batch) return total;
  }
}
