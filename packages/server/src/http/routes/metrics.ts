import { Type } from '@sinclair/typebox';
import { signalNames } from '@slipway/core';
import { fromParams } from '../../auth/rules.ts';
import { authErrors, bearer, ErrorResponse } from '../schemas/common.ts';
import { DnsLabel } from '../schemas/releases.ts';
import type { TypedApp } from '../typed-app.ts';

const orNull = <T extends ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);

const SignalSeriesView = Type.Object({
  labels: Type.Record(Type.String(), Type.String()),
  points: Type.Array(
    Type.Object({
      t: Type.Number({ description: 'Milliseconds since the epoch' }),
      v: orNull(Type.Number({ description: 'null where Prometheus answered NaN or ±Inf' })),
    }),
  ),
  summary: Type.Object({
    last: orNull(Type.Number()),
    mean: orNull(Type.Number()),
    min: orNull(Type.Number()),
    max: orNull(Type.Number()),
  }),
  sinceRelease: Type.Union([
    Type.Object({
      before: orNull(Type.Number({ description: "Mean over as long a span before the release's end" })),
      after: orNull(Type.Number({ description: 'Mean since the release became healthy (or failed)' })),
      change: orNull(Type.Number({ description: 'after / before − 1' })),
    }),
    Type.Null(),
  ]),
});

const SignalView = Type.Object({
  name: Type.Union(signalNames.map((n) => Type.Literal(n))),
  title: Type.String(),
  unit: Type.String({ description: 'requests/s, ratio, seconds, cores, bytes or restarts' }),
  query: Type.String({ description: 'The PromQL sent, placeholders filled in' }),
  status: Type.Union(
    [Type.Literal('ok'), Type.Literal('no_data'), Type.Literal('invalid'), Type.Literal('unavailable')],
    { description: 'no_data: no series; invalid: Prometheus refused the query; unavailable: no answer' },
  ),
  message: Type.String(),
  series: Type.Array(SignalSeriesView),
});

const MetricsView = Type.Object(
  {
    service: Type.String(),
    environment: Type.String(),
    namespace: Type.String(),
    from: Type.String({ format: 'date-time' }),
    to: Type.String({ format: 'date-time' }),
    stepSeconds: Type.Integer(),
    signals: Type.Array(SignalView),
    releases: Type.Array(
      Type.Object({
        number: Type.Integer(),
        status: Type.String(),
        createdBy: Type.String(),
        image: Type.Union([Type.String(), Type.Null()]),
        createdAt: Type.String({ format: 'date-time' }),
        finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      }),
      { description: 'Releases asked for in the range, oldest first: the markers of the time axis' },
    ),
    comparedWith: Type.Union(
      [Type.Object({ number: Type.Integer(), at: Type.String({ format: 'date-time' }) }), Type.Null()],
      { description: "The release each series' sinceRelease compares around: the newest applied in the range" },
    ),
  },
  { $id: 'ServiceMetrics' },
);

/** A service's golden signals in an environment, read from Prometheus (docs/metrics.md). */
export async function metricsRoutes(app: TypedApp) {
  app.addSchema(MetricsView);
  app.get(
    '/services/:service/environments/:environment/metrics',
    {
      config: { authz: { permission: 'service.read', service: fromParams('service') } },
      schema: {
        tags: ['metrics'],
        security: bearer,
        summary: "A service's golden signals in an environment over a time range, with its releases as markers",
        description:
          'Request rate, error ratio, latency p50/p95/p99, CPU, memory and restarts, each from a range query of ' +
          "the environment cluster's Prometheus (the PromQL of the environment's type, docs/metrics.md). A signal " +
          'Prometheus cannot answer has status unavailable, the others still come; with no metrics source the ' +
          'answer is 503 not_configured.',
        operationId: 'getServiceMetrics',
        params: Type.Object({ service: DnsLabel, environment: DnsLabel }),
        querystring: Type.Object(
          {
            sinceSeconds: Type.Optional(
              Type.Integer({
                minimum: 60,
                maximum: 30 * 86_400,
                default: 3600,
                description: 'The range: from this long ago to now',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Ref(MetricsView),
          400: Type.Ref(ErrorResponse),
          404: Type.Ref(ErrorResponse),
          503: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request) =>
      app.deps.platform.metrics.read({ ...request.params, sinceSeconds: request.query.sinceSeconds ?? 3600 }),
  );
}
