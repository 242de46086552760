import { Type } from '@sinclair/typebox';
import { withTimeout } from '../../util/with-timeout.ts';
import { clusterReadiness } from '../cluster-readiness.ts';
import type { TypedApp } from '../typed-app.ts';

const Check = Type.Object({ ok: Type.Boolean(), message: Type.String(), latencyMs: Type.Optional(Type.Number()) });

/**
 * Liveness says the process is up (it depends on nothing); readiness says it can serve
 * (its database and the cluster it deploys to answer, and it is not shutting down). Kubernetes probes and load balancers
 * read these; `/metrics` is for Prometheus.
 */
export async function healthRoutes(app: TypedApp) {
  const cluster = clusterReadiness(app.deps.kube);
  app.get(
    '/healthz',
    {
      config: { public: true },
      schema: {
        tags: ['health'],
        summary: 'Liveness: the process is up',
        operationId: 'getHealthz',
        security: [],
        response: { 200: Type.Object({ status: Type.Literal('ok') }, { description: 'The process is up' }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { public: true },
      schema: {
        tags: ['health'],
        summary: 'Readiness: the server can take traffic',
        operationId: 'getReadyz',
        security: [],
        response: {
          200: Type.Object(
            { status: Type.Literal('ready'), checks: Type.Record(Type.String(), Check) },
            { description: 'Ready: the database and the cluster answer and the server is not shutting down' },
          ),
          503: Type.Object(
            { status: Type.Literal('not_ready'), checks: Type.Record(Type.String(), Check) },
            { description: 'Not ready: the failing check says why' },
          ),
        },
      },
    },
    async (_request, reply) => {
      const [database, kubernetes] = await Promise.all([databaseCheck(app), cluster()]);
      const shutdown = app.state.shuttingDown
        ? { ok: false, message: 'shutting down' }
        : { ok: true, message: 'serving' };
      const checks = { database, cluster: kubernetes, server: shutdown };
      const ready = database.ok && kubernetes.ok && shutdown.ok;
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
    },
  );

  app.get(
    '/metrics',
    {
      config: { public: true },
      schema: {
        tags: ['health'],
        summary: 'Prometheus metrics in the text exposition format',
        operationId: 'getMetrics',
        security: [],
        produces: ['text/plain'],
        response: { 200: { type: 'string', description: 'Prometheus text format 0.0.4' } },
      },
    },
    async (_request, reply) => {
      const { registry } = app.deps.metrics;
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  );
}

async function databaseCheck(app: TypedApp) {
  try {
    const ping = await withTimeout(app.deps.database.ping(), 2000);
    return { ok: true, message: `${app.deps.database.engine} answers`, latencyMs: ping.latencyMs };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}
