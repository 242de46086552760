import { Type } from '@sinclair/typebox';
import { doraAnswer } from '../../analytics/dora.ts';
import { authErrors, bearer, ErrorResponse } from '../schemas/common.ts';
import { DnsLabel } from '../schemas/releases.ts';
import type { TypedApp } from '../typed-app.ts';

const nullable = <T extends ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);
const Band = Type.Union(
  [Type.Literal('elite'), Type.Literal('high'), Type.Literal('medium'), Type.Literal('low'), Type.Null()],
  { description: "The 2023 DORA report's level; null without data" },
);

const DoraFigures = Type.Object(
  {
    deployments: Type.Integer({ description: 'Changes that became healthy in the window' }),
    deploymentsPerDay: nullable(Type.Number({ description: 'Deployments per elapsed day of the window' })),
    leadTime: Type.Object({
      medianSeconds: nullable(Type.Number({ description: 'Median seconds from commit to healthy' })),
      count: Type.Integer(),
      withoutCommitTime: Type.Integer({ description: 'Deployments left out: no commit time recorded' }),
    }),
    changeFailure: Type.Object({
      rate: nullable(Type.Number({ description: 'failed / changes, 0…1' })),
      changes: Type.Integer(),
      failed: Type.Integer({ description: 'Failed, degraded, rolled back or fixed within the fix window' }),
    }),
    timeToRestore: Type.Object({
      medianSeconds: nullable(Type.Number({ description: 'Median seconds from first failure to next healthy' })),
      restored: Type.Integer(),
      open: Type.Integer({ description: "Outages still on at the window's end" }),
    }),
  },
  { $id: 'DoraFigures' },
);

const DoraBands = Type.Object(
  {
    deploymentFrequency: Band,
    leadTime: Band,
    changeFailureRate: Band,
    timeToRestore: Band,
  },
  { $id: 'DoraBands' },
);

const DoraQuery = Type.Object(
  {
    service: Type.Optional(DnsLabel),
    team: Type.Optional({ ...DnsLabel, description: 'The services this team owns' }),
    environmentType: Type.Optional({
      ...DnsLabel,
      description: 'Whose environments count; default production',
    }),
    weeks: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 104, description: 'The last N ISO weeks, this one included; default 12' }),
    ),
    from: Type.Optional(Type.String({ format: 'date', description: 'First day (UTC), with to' })),
    to: Type.Optional(Type.String({ format: 'date', description: 'Last day (UTC, included), with from' })),
    fixWindowHours: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 168,
        description: 'A change followed by the next within this many hours needed a fix; default 1, 0: never',
      }),
    ),
    groupBy: Type.Optional(
      Type.Union([Type.Literal('service'), Type.Literal('team'), Type.Literal('environmentType')]),
    ),
  },
  { additionalProperties: false },
);

const DoraAnswer = Type.Object({
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time', description: 'Exclusive' }),
  now: Type.String({ format: 'date-time', description: 'The figures are as of this moment' }),
  environmentTypes: Type.Array(Type.String()),
  fixWindowHours: Type.Number(),
  figures: Type.Ref(DoraFigures),
  bands: Type.Ref(DoraBands),
  weeks: Type.Array(
    Type.Object({
      week: Type.String({ description: 'ISO week, e.g. 2026-W48' }),
      start: Type.String({ format: 'date-time', description: 'Monday 00:00 UTC' }),
      figures: Type.Ref(DoraFigures),
      bands: Type.Ref(DoraBands),
    }),
  ),
  groups: Type.Optional(
    Type.Array(
      Type.Object({
        key: Type.Union([Type.String(), Type.Null()], { description: "The group's value; null: no owning team" }),
        figures: Type.Ref(DoraFigures),
        bands: Type.Ref(DoraBands),
      }),
    ),
  ),
});

/** Delivery analytics: the four DORA figures from the platform's own releases (docs/analytics.md). */
export async function analyticsRoutes(app: TypedApp) {
  app.addSchema(DoraFigures);
  app.addSchema(DoraBands);
  app.get(
    '/analytics/dora',
    {
      config: { authz: 'platform.read' },
      schema: {
        tags: ['analytics'],
        summary: 'Deployment frequency, lead time, change failure rate and time to restore, by ISO week',
        description:
          "Computed from Slipway's own releases in environments of one type (production by default), for one " +
          'service, one team or all, over the last N ISO weeks or the days from … to, each figure with its band ' +
          'of the 2023 DORA report. docs/analytics.md defines every figure.',
        operationId: 'getDora',
        security: bearer,
        querystring: DoraQuery,
        response: { 200: DoraAnswer, 400: Type.Ref(ErrorResponse), ...authErrors },
      },
    },
    async (request) => doraAnswer(app.deps.database.db, request.query, app.deps.platform.now()),
  );
}
