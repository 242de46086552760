import { type Static, Type } from '@sinclair/typebox';
import { notificationEventKinds } from '@slipway/core';
import { principalOf } from '../../auth/authenticate.ts';
import type { DeliveryView as DeliveryRecordView, InboxItem } from '../../db/stores/notifications.ts';
import type { SubscriptionView as SubscriptionRecordView } from '../../notifications/service.ts';
import { authErrors, bearer, ErrorResponse } from '../schemas/common.ts';
import type { TypedApp } from '../typed-app.ts';

const EventKind = Type.Union(
  notificationEventKinds.map((k) => Type.Literal(k)),
  { description: 'An event Slipway sends (docs/notifications.md)' },
);
const Name = Type.String({ minLength: 1, maxLength: 200 });
const Filter = (what: string) =>
  Type.Array(Type.String({ minLength: 1, maxLength: 253 }), {
    default: [],
    maxItems: 100,
    description: `Only events of these ${what}; empty: any`,
  });

const SubscriptionBody = Type.Object(
  {
    name: Name,
    channel: Type.Union([Type.Literal('webhook'), Type.Literal('slack'), Type.Literal('inbox')], {
      description:
        'webhook: a JSON POST signed per Standard Webhooks; slack: a Slack-compatible incoming webhook; inbox: the portal',
    }),
    url: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 2048,
        description: 'webhook and slack: where to POST (checked against catalog.allowedHosts)',
      }),
    ),
    team: Type.Optional(Type.String({ minLength: 1, maxLength: 253, description: "inbox: every member's inbox" })),
    userId: Type.Optional(Type.String({ format: 'uuid', description: "inbox: one user's inbox" })),
    events: Type.Array(EventKind, { default: [], maxItems: 50, description: 'Only these events; empty: any' }),
    teams: Filter('teams (owner of the service)'),
    services: Filter('services'),
    environmentTypes: Filter('environment types'),
  },
  { additionalProperties: false },
);

const SubscriptionView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    channel: Type.String(),
    url: Type.Union([Type.String(), Type.Null()]),
    inboxTeam: Type.Union([Type.String(), Type.Null()]),
    inboxUser: Type.Union([Type.String(), Type.Null()]),
    events: Type.Array(Type.String()),
    teams: Type.Array(Type.String()),
    services: Type.Array(Type.String()),
    environmentTypes: Type.Array(Type.String()),
    createdBy: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'NotificationSubscription' },
);

const DeliveryStatus = Type.Union(
  [Type.Literal('pending'), Type.Literal('delivering'), Type.Literal('delivered'), Type.Literal('dead')],
  { description: 'pending → delivering → delivered, or dead after the last attempt' },
);

const DeliveryView = Type.Object(
  {
    id: Type.String({
      format: 'uuid',
      description: 'Sent as webhook-id on every attempt: receivers de-duplicate on it',
    }),
    eventId: Type.String({ format: 'uuid' }),
    kind: Type.String(),
    title: Type.String(),
    subscriptionId: Type.String({ format: 'uuid' }),
    subscriptionName: Type.String(),
    status: DeliveryStatus,
    attempts: Type.Integer(),
    nextAttemptAt: Type.String({ format: 'date-time' }),
    lastError: Type.Union([Type.String(), Type.Null()]),
    lastStatus: Type.Union([Type.Integer(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    deliveredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'NotificationDelivery' },
);

const InboxItemView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: Type.String(),
    title: Type.String(),
    service: Type.Union([Type.String(), Type.Null()]),
    environment: Type.Union([Type.String(), Type.Null()]),
    team: Type.Union([Type.String(), Type.Null()]),
    link: Type.Union([Type.String(), Type.Null()]),
    at: Type.String({ format: 'date-time' }),
    readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'InboxItem' },
);

/**
 * Notifications (docs/notifications.md): subscriptions and their deliveries are the platform
 * engineers' (admin); the inbox is each user's own.
 */
export async function notificationRoutes(app: TypedApp) {
  const notifications = () => app.deps.platform.notifications;
  const common = { tags: ['notifications'], security: bearer };
  app.addSchema(SubscriptionView);
  app.addSchema(DeliveryView);
  app.addSchema(InboxItemView);

  app.get(
    '/notifications/subscriptions',
    {
      config: { authz: 'admin' },
      schema: {
        ...common,
        summary: 'Lists notification subscriptions (never their secrets)',
        operationId: 'listNotificationSubscriptions',
        response: { 200: Type.Object({ items: Type.Array(Type.Ref(SubscriptionView)) }), ...authErrors },
      },
    },
    async () => ({ items: (await notifications().list()).map(subscriptionView) }),
  );

  app.post(
    '/notifications/subscriptions',
    {
      config: { authz: 'admin' },
      schema: {
        ...common,
        summary: "Subscribes a destination to events; a webhook's signing secret is in this answer only",
        operationId: 'createNotificationSubscription',
        body: SubscriptionBody,
        response: {
          201: Type.Object({
            subscription: Type.Ref(SubscriptionView),
            secret: Type.Union([Type.String(), Type.Null()], {
              description: 'whsec_…: verify webhook-signature with it. Shown once; null for slack and inbox',
            }),
          }),
          400: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const body: Static<typeof SubscriptionBody> = request.body;
      const created = await notifications().subscribe(body, principalOf(request).username);
      return reply.status(201).send({ subscription: subscriptionView(created.subscription), secret: created.secret });
    },
  );

  app.delete(
    '/notifications/subscriptions/:id',
    {
      config: { authz: 'admin' },
      schema: {
        ...common,
        summary: 'Removes a subscription and its deliveries',
        operationId: 'deleteNotificationSubscription',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 204: Type.Null(), 404: Type.Ref(ErrorResponse), ...authErrors },
      },
    },
    async (request, reply) => {
      await notifications().unsubscribe(request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/notifications/subscriptions/:id/test',
    {
      config: { authz: 'admin' },
      schema: {
        ...common,
        summary: 'Sends a notification.test event to this subscription only, through the outbox',
        operationId: 'testNotificationSubscription',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: {
          202: Type.Object({ eventId: Type.String({ format: 'uuid' }) }),
          404: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const eventId = await notifications().test(request.params.id, principalOf(request).username);
      return reply.status(202).send({ eventId });
    },
  );

  app.get(
    '/notifications/deliveries',
    {
      config: { authz: 'admin' },
      schema: {
        ...common,
        summary: 'Lists deliveries, newest first',
        operationId: 'listNotificationDeliveries',
        querystring: Type.Object(
          {
            status: Type.Optional(DeliveryStatus),
            subscription: Type.Optional(Type.String({ maxLength: 64, description: 'A subscription id' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Type.Ref(DeliveryView)) }), ...authErrors },
      },
    },
    async (request) => {
      const { status, subscription, limit } = request.query;
      const items = await notifications().deliveries({
        limit: limit ?? 100,
        ...(status ? { status } : {}),
        ...(subscription ? { subscriptionId: subscription } : {}),
      });
      return { items: items.map(deliveryView) };
    },
  );

  app.post(
    '/notifications/deliveries/:id/redeliver',
    {
      config: { authz: 'admin' },
      schema: {
        ...common,
        summary: 'Sends a delivered or dead delivery again, with the same webhook-id and a fresh count of attempts',
        operationId: 'redeliverNotification',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: {
          202: Type.Object({ id: Type.String({ format: 'uuid' }), status: DeliveryStatus }),
          404: Type.Ref(ErrorResponse),
          409: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const delivery = await notifications().redeliver(request.params.id);
      return reply.status(202).send({ id: delivery.id, status: delivery.status });
    },
  );

  app.get(
    '/inbox',
    {
      config: { authz: 'self' },
      schema: {
        ...common,
        summary: "The caller's inbox, newest first, with the number unread",
        operationId: 'listInbox',
        querystring: Type.Object(
          {
            unread: Type.Optional(Type.Boolean({ default: false, description: 'Only unread items' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(Type.Ref(InboxItemView)), unread: Type.Integer() }),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const { userId } = principalOf(request);
      const items = await notifications().inbox(userId, {
        unreadOnly: request.query.unread === true,
        limit: request.query.limit ?? 50,
      });
      return { items: items.map(inboxView), unread: await notifications().unread(userId) };
    },
  );

  app.get(
    '/inbox/unread-count',
    {
      config: { authz: 'self' },
      schema: {
        ...common,
        summary: "How many items of the caller's inbox are unread (the portal's header)",
        operationId: 'getInboxUnreadCount',
        response: { 200: Type.Object({ unread: Type.Integer() }), ...authErrors },
      },
    },
    async (request) => ({ unread: await notifications().unread(principalOf(request).userId) }),
  );

  app.post(
    '/inbox/read',
    {
      config: { authz: 'self' },
      schema: {
        ...common,
        summary: 'Marks inbox items read: those named, or all when ids is left out',
        operationId: 'markInboxRead',
        body: Type.Object(
          { ids: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 500 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ marked: Type.Integer() }), 400: Type.Ref(ErrorResponse), ...authErrors },
      },
    },
    async (request) => ({
      marked: await notifications().markRead(principalOf(request).userId, request.body.ids ?? null),
    }),
  );
}

function subscriptionView(s: SubscriptionRecordView) {
  return { ...s, createdAt: s.createdAt.toISOString() };
}

function deliveryView(d: DeliveryRecordView) {
  return {
    id: d.id,
    eventId: d.eventId,
    kind: d.kind,
    title: d.title,
    subscriptionId: d.subscriptionId,
    subscriptionName: d.subscriptionName,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt.toISOString(),
    lastError: d.lastError,
    lastStatus: d.lastStatus,
    createdAt: d.createdAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
  };
}

function inboxView(i: InboxItem) {
  return {
    id: i.id,
    kind: i.event.kind,
    title: i.event.title,
    service: i.event.service,
    environment: i.event.environment,
    team: i.event.team,
    link: i.event.link,
    at: i.event.at,
    readAt: i.readAt?.toISOString() ?? null,
  };
}
