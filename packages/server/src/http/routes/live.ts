import { Type } from '@sinclair/typebox';
import { fromParams } from '../../auth/rules.ts';
import { serviceEvents } from '../../live/events.ts';
import { LiveFeeds } from '../../live/live-feeds.ts';
import { collectLines, followLines, logSources, maxLogPods, openLogs } from '../../live/logs.ts';
import { releaseScope, resolveScope } from '../../live/scope.ts';
import { authErrors, bearer, ErrorResponse } from '../schemas/common.ts';
import { eventStreamContent, NoData, sseEvent } from '../schemas/events.ts';
import { LiveEventView, LiveStatusView, LogLineView, LogUnavailableView } from '../schemas/live.ts';
import { DnsLabel } from '../schemas/releases.ts';
import { type EventStream, latestOnly, openEventStream } from '../sse.ts';
import type { TypedApp } from '../typed-app.ts';

const Params = Type.Object({ service: DnsLabel, environment: DnsLabel });
/** What GET …/logs?follow=true sends: each `line`, each container it cannot read, then `end`. */
const logEvents = [sseEvent('unavailable', LogUnavailableView), sseEvent('line', LogLineView), sseEvent('end', NoData)];
const common = {
  tags: ['live'],
  security: bearer,
  params: Params,
};
const authz = { permission: 'service.read', service: fromParams('service') } as const;
type Names = { service: string; environment: string };

/**
 * What runs of a service in an environment, live: its status pushed as it changes (shared
 * watches, one per namespace and kind however many browsers look), its Kubernetes Events,
 * and its containers' logs.
 */
export async function liveRoutes(app: TypedApp) {
  const db = () => app.deps.database.db;
  const platform = app.deps.platform;
  const feeds = new LiveFeeds({
    db: db(),
    changes: platform.engine.changes,
    onError: (error) => app.log.warn({ err: error }, 'live status failed'),
  });
  // Open streams would hold the server's close forever: end them first.
  const open = new Set<EventStream>();
  const track = (stream: EventStream) => {
    open.add(stream);
    stream.signal.addEventListener('abort', () => open.delete(stream), { once: true });
  };
  app.addHook('preClose', async () => {
    for (const stream of open) stream.end();
  });
  app.addHook('onClose', async () => feeds.close());
  app.addSchema(LiveStatusView);

  const scopeOf = (request: { params: Names }) => {
    const p = request.params;
    return resolveScope(db(), platform.clusters, p.service, p.environment);
  };

  app.get(
    '/services/:service/environments/:environment/live',
    {
      config: { authz },
      schema: {
        ...common,
        summary: "Server-sent events of a service's live status in an environment: release, workloads, pods",
        description:
          'Each `status` event carries one JSON `LiveStatus` (see components): the first at once, then one whenever ' +
          'the release, a workload or a pod of the service changes (bursts are coalesced; nothing is sent when ' +
          'nothing changed). Comments keep the connection alive. The stream lasts until the client closes it.',
        operationId: 'streamLiveStatus',
        response: {
          200: {
            description: 'text/event-stream of `status` events, each a LiveStatus',
            content: eventStreamContent([sseEvent('status', Type.Ref(LiveStatusView))]),
          },
          404: Type.Ref(ErrorResponse),
          503: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const scope = await scopeOf(request);
      const stream = openEventStream(reply, { hello: 'live status' });
      track(stream);
      const unsubscribe = feeds.subscribe(scope, latestOnly(stream, 'status'));
      stream.signal.addEventListener('abort', unsubscribe, { once: true });
      return reply;
    },
  );

  app.get(
    '/services/:service/environments/:environment/events',
    {
      config: { authz },
      schema: {
        ...common,
        summary: "The Kubernetes Events of a service's workloads, ReplicaSets and pods, newest first",
        operationId: 'listServiceEvents',
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(LiveEventView) }),
          400: Type.Ref(ErrorResponse),
          404: Type.Ref(ErrorResponse),
          503: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const scope = await scopeOf(request);
      const limit = request.query.limit ?? 100;
      return { items: await serviceEvents(scope, await releaseScope(db(), scope), limit) };
    },
  );

  app.get(
    '/services/:service/environments/:environment/logs',
    {
      config: { authz },
      schema: {
        ...common,
        summary: "A service's container logs; with follow=true, as server-sent events while they are written",
        description:
          `Without \`pod\`, the logs of the service's first ${maxLogPods} pods (all their containers, or \`container\`). ` +
          'Without `tailLines` or `sinceSeconds`, the last 200 lines of each container. `search` keeps the lines ' +
          'containing it (case-insensitive), after the tail is taken. Lines of several containers come in the order ' +
          'they were written. Containers whose logs Kubernetes would not serve are listed in `unavailable` with its ' +
          'reason; when it serves none, the answer is 409 `logs_unavailable`. With follow=true the answer is ' +
          'text/event-stream: `line` events (a LogLine each), `unavailable` events, and `end` once every log ended.',
        operationId: 'getServiceLogs',
        querystring: Type.Object(
          {
            pod: Type.Optional(Type.String({ minLength: 1, maxLength: 253 })),
            container: Type.Optional(Type.String({ minLength: 1, maxLength: 63 })),
            tailLines: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
            sinceSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 * 86_400 })),
            search: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            previous: Type.Optional(
              Type.Boolean({ default: false, description: "The container's previous instance (why it crashed)" }),
            ),
            follow: Type.Optional(Type.Boolean({ default: false })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: {
            description: 'The lines, or with follow=true a text/event-stream',
            content: {
              'application/json': {
                schema: Type.Object({
                  lines: Type.Array(LogLineView),
                  unavailable: Type.Array(LogUnavailableView),
                }),
              },
              ...eventStreamContent(logEvents),
            },
          },
          400: Type.Ref(ErrorResponse),
          404: Type.Ref(ErrorResponse),
          409: Type.Ref(ErrorResponse),
          503: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const scope = await scopeOf(request);
      const query = request.query;
      const sources = await logSources(scope, await releaseScope(db(), scope), query);
      const abort = new AbortController();
      const { opened, unavailable } = await openLogs(
        scope,
        sources,
        { ...query, follow: !!query.follow },
        abort.signal,
      );
      if (!query.follow) return { lines: await collectLines(opened, query.search), unavailable };
      const stream = openEventStream(reply, { hello: 'logs' });
      track(stream);
      stream.signal.addEventListener('abort', () => abort.abort(), { once: true });
      for (const u of unavailable) stream.send('unavailable', JSON.stringify(u));
      void followLines(
        opened,
        query.search,
        (line) => stream.send('line', JSON.stringify(line)),
        () => stream.drained(),
      ).then(() => {
        stream.send('end', '{}');
        stream.end();
      });
      return reply;
    },
  );
}
