import { type Static, Type } from '@sinclair/typebox';
import { invalidInput, notFound, type RuleOutcome, type ScorecardSpec } from '@slipway/core';
import { principalOf } from '../../auth/authenticate.ts';
import {
  deleteScorecard,
  getScorecard,
  latestScorecardResults,
  listScorecards,
  type ScorecardRecord,
  type ScorecardResultRecord,
  scorecardHistory,
  scoredServices,
  serviceKnown,
} from '../../db/stores/scorecards.ts';
import { authErrors, bearer, ErrorResponse } from '../schemas/common.ts';
import { DnsLabel } from '../schemas/releases.ts';
import type { TypedApp } from '../typed-app.ts';

const RuleBody = Type.Object(
  {
    id: Type.String({ maxLength: 63 }),
    title: Type.Optional(Type.String({ maxLength: 200 })),
    level: Type.String({ maxLength: 63 }),
    weight: Type.Optional(Type.Number({ description: 'Relative weight in the score; 1 by default' })),
    expression: Type.String({ maxLength: 4096, description: 'CEL, of type bool (docs/cel.md)' }),
    remedy: Type.Optional(Type.String({ maxLength: 2000, description: 'What to do when the rule fails' })),
  },
  { additionalProperties: false },
);
const ScorecardBody = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 63, description: "The path's name; may be left out" })),
    title: Type.Optional(Type.String({ maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    levels: Type.Array(Type.String({ maxLength: 63 }), { maxItems: 10, description: 'Lowest first' }),
    rules: Type.Array(RuleBody, { maxItems: 100 }),
  },
  { additionalProperties: false },
);
const ScorecardView = Type.Object(
  {
    name: Type.String(),
    title: Type.String(),
    description: Type.String(),
    levels: Type.Array(Type.String()),
    rules: Type.Array(
      Type.Object({
        id: Type.String(),
        title: Type.String(),
        level: Type.String(),
        weight: Type.Number(),
        expression: Type.String(),
        remedy: Type.String(),
      }),
    ),
    updatedAt: Type.String({ format: 'date-time' }),
    updatedBy: Type.String(),
  },
  { $id: 'ScorecardView' },
);
const RuleStatus = Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Literal('error')], {
  description: 'error: the expression failed at run time (message says why); it counts as failed',
});
const ScorecardResultView = Type.Object(
  {
    scorecard: Type.String(),
    title: Type.String(),
    levels: Type.Array(Type.String()),
    level: Type.Union([Type.String(), Type.Null()], { description: 'Highest level reached; null: none' }),
    score: Type.Integer({ description: 'Weighted share of passing rules, 0 to 100' }),
    evaluatedAt: Type.String({ format: 'date-time' }),
    rules: Type.Array(
      Type.Object({
        id: Type.String(),
        title: Type.String(),
        level: Type.String(),
        weight: Type.Number(),
        status: RuleStatus,
        message: Type.Optional(Type.String()),
        remedy: Type.String(),
      }),
    ),
  },
  { $id: 'ScorecardResultView' },
);
const Name = Type.Object({ name: DnsLabel });
const errors = { 404: Type.Ref(ErrorResponse), ...authErrors };

/** Scorecards (docs/scorecards.md): saved compiled, read by anyone with a role, evaluated on change and daily. */
export async function scorecardRoutes(app: TypedApp) {
  const db = () => app.deps.database.db;
  const scorecards = () => app.deps.platform.scorecards;
  const common = { tags: ['scorecards'], security: bearer };
  app.addSchema(ScorecardView);
  app.addSchema(ScorecardResultView);

  app.get(
    '/scorecards',
    {
      config: { authz: 'platform.read' },
      schema: {
        ...common,
        summary: 'Lists scorecards',
        operationId: 'listScorecards',
        response: { 200: Type.Object({ items: Type.Array(Type.Ref(ScorecardView)) }), ...authErrors },
      },
    },
    async () => ({ items: (await listScorecards(db())).map(scorecardView) }),
  );

  app.get(
    '/scorecards/:name',
    {
      config: { authz: 'platform.read' },
      schema: {
        ...common,
        summary: 'A scorecard: its levels and rules',
        operationId: 'getScorecard',
        params: Name,
        response: { 200: Type.Object({ scorecard: Type.Ref(ScorecardView) }), ...errors },
      },
    },
    async (request) => ({ scorecard: scorecardView(await getScorecard(db(), request.params.name)) }),
  );

  app.put(
    '/scorecards/:name',
    {
      config: { authz: 'admin' },
      schema: {
        ...common,
        summary: 'Creates or replaces a scorecard (admins)',
        description:
          'Every rule is compiled and type-checked on save: a problem is a 400 naming each offending field by its ' +
          'JSON Pointer, and a CEL error its line:column. Every service is then evaluated on it, in the background.',
        operationId: 'putScorecard',
        params: Name,
        body: ScorecardBody,
        response: {
          200: Type.Object({ scorecard: Type.Ref(ScorecardView) }),
          201: Type.Object({ scorecard: Type.Ref(ScorecardView) }),
          400: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const { name } = request.params;
      if (request.body.name !== undefined && request.body.name !== name)
        throw invalidInput(`The body names ${request.body.name}, the path ${name}`, [
          { path: '/name', message: `must be ${name}, as in the path` },
        ]);
      const saved = await scorecards().save({ ...request.body, name }, principalOf(request).username);
      return reply.status(saved.created ? 201 : 200).send({ scorecard: scorecardView(saved.record) });
    },
  );

  app.delete(
    '/scorecards/:name',
    {
      config: { authz: 'admin' },
      schema: {
        ...common,
        summary: 'Deletes a scorecard with its history (admins)',
        operationId: 'deleteScorecard',
        params: Name,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteScorecard(db(), request.params.name);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/scorecards/:name/evaluate',
    {
      config: { authz: 'admin' },
      schema: {
        ...common,
        summary: 'Evaluates a scorecard now, for one service or all (admins)',
        operationId: 'evaluateScorecard',
        params: Name,
        body: Type.Object({ service: Type.Optional(DnsLabel) }, { additionalProperties: false }),
        response: { 200: Type.Object({ services: Type.Integer() }), ...errors },
      },
    },
    async (request) => {
      const { name } = request.params;
      await getScorecard(db(), name);
      const { service } = request.body;
      if (service === undefined) return { services: await scorecards().evaluateAll(name) };
      if (!(await serviceKnown(db(), service))) throw notFound(`Service ${service}`);
      await scorecards().evaluateService(service, name);
      return { services: 1 };
    },
  );

  app.get(
    '/scorecards/:name/grid',
    {
      config: { authz: 'platform.read' },
      schema: {
        ...common,
        summary: "Every service's result on a scorecard: services × rules, with each service's level",
        operationId: 'getScorecardGrid',
        params: Name,
        querystring: Type.Object({ team: Type.Optional(Type.String({ maxLength: 200 })) }),
        response: { 200: Grid, ...errors },
      },
    },
    async (request) => {
      const { spec } = await getScorecard(db(), request.params.name);
      const [services, results] = await Promise.all([
        scoredServices(db()),
        latestScorecardResults(db(), { scorecard: spec.name }),
      ]);
      const byService = new Map(results.map((r) => [r.service, r]));
      const team = request.query.team;
      const rows = services
        .filter((s) => team === undefined || ownedBy(s.owner, team))
        .map((s) => gridRow(spec, s, byService.get(s.name)));
      return {
        scorecard: spec.name,
        title: spec.title,
        levels: spec.levels,
        rules: spec.rules.map((r) => ({ id: r.id, title: r.title, level: r.level })),
        services: rows,
      };
    },
  );

  app.get(
    '/services/:name/scorecards',
    {
      config: { authz: 'platform.read' },
      schema: {
        ...common,
        summary: "A service's current result on every scorecard, each failed rule with what to do",
        description: 'A scorecard the service has no result on yet is evaluated for it first.',
        operationId: 'getServiceScorecards',
        params: Name,
        response: { 200: Type.Object({ items: Type.Array(Type.Ref(ScorecardResultView)) }), ...errors },
      },
    },
    async (request) => {
      const service = request.params.name;
      if (!(await serviceKnown(db(), service))) throw notFound(`Service ${service}`);
      const cards = await listScorecards(db());
      let results = await latestScorecardResults(db(), { service });
      if (cards.some((c) => !results.some((r) => r.scorecard === c.spec.name))) {
        await scorecards().evaluateService(service);
        results = await latestScorecardResults(db(), { service });
      }
      const byName = new Map(results.map((r) => [r.scorecard, r]));
      return {
        items: cards.flatMap((c) => {
          const result = byName.get(c.spec.name);
          return result ? [resultView(c.spec, result)] : [];
        }),
      };
    },
  );

  app.get(
    '/services/:name/scorecards/:scorecard/history',
    {
      config: { authz: 'platform.read' },
      schema: {
        ...common,
        summary: "A service's results on a scorecard over time, newest first",
        description: 'A result is kept when it changed, and one a day besides: a drop shows as a row.',
        operationId: 'getServiceScorecardHistory',
        params: Type.Object({ name: DnsLabel, scorecard: DnsLabel }),
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 90 })) }),
        response: { 200: History, ...errors },
      },
    },
    async (request) => {
      const { name, scorecard } = request.params;
      const { spec } = await getScorecard(db(), scorecard);
      const rows = await scorecardHistory(db(), spec.name, name, request.query.limit ?? 90);
      return {
        scorecard: spec.name,
        service: name,
        items: rows.map((r) => ({
          level: r.level,
          score: r.score,
          evaluatedAt: r.evaluatedAt.toISOString(),
          failed: r.rules.filter((rule) => rule.status !== 'pass').map((rule) => rule.id),
        })),
      };
    },
  );
}

const Grid = Type.Object({
  scorecard: Type.String(),
  title: Type.String(),
  levels: Type.Array(Type.String()),
  rules: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), level: Type.String() })),
  services: Type.Array(
    Type.Object({
      service: Type.String(),
      owner: Type.Union([Type.String(), Type.Null()]),
      level: Type.Union([Type.String(), Type.Null()]),
      score: Type.Union([Type.Integer(), Type.Null()], { description: 'null: not evaluated yet' }),
      evaluatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      cells: Type.Array(Type.Union([RuleStatus, Type.Null()], { description: 'One per rule, in the order of rules' })),
    }),
  ),
});

const History = Type.Object({
  scorecard: Type.String(),
  service: Type.String(),
  items: Type.Array(
    Type.Object({
      level: Type.Union([Type.String(), Type.Null()]),
      score: Type.Integer(),
      evaluatedAt: Type.String({ format: 'date-time' }),
      failed: Type.Array(Type.String(), { description: 'Ids of the rules that failed or errored' }),
    }),
  ),
});

type GridRow = Static<typeof Grid>['services'][number];

function gridRow(
  spec: ScorecardSpec,
  service: { name: string; owner: string | null },
  result: ScorecardResultRecord | undefined,
): GridRow {
  const status = new Map(result?.rules.map((r) => [r.id, r.status]));
  return {
    service: service.name,
    owner: service.owner,
    level: result?.level ?? null,
    score: result?.score ?? null,
    evaluatedAt: result?.evaluatedAt.toISOString() ?? null,
    cells: spec.rules.map((r) => status.get(r.id) ?? null),
  };
}

/** A team given as `web` matches an owner written `web`, `group:web` or `group:default/web`. */
function ownedBy(owner: string | null, team: string): boolean {
  if (owner === null) return false;
  const bare = owner.replace(/^group:/, '').replace(/^default\//, '');
  return owner === team || bare === team;
}

function scorecardView(record: ScorecardRecord) {
  const { spec } = record;
  return {
    name: spec.name,
    title: spec.title,
    description: spec.description,
    levels: spec.levels,
    rules: spec.rules,
    updatedAt: record.updatedAt.toISOString(),
    updatedBy: record.updatedBy,
  };
}

/** Titles and remedies from the scorecard as it is now: a remedy edited since applies at once. */
function resultView(spec: ScorecardSpec, result: ScorecardResultRecord) {
  const rules = new Map(spec.rules.map((r) => [r.id, r]));
  return {
    scorecard: spec.name,
    title: spec.title,
    levels: spec.levels,
    level: result.level,
    score: result.score,
    evaluatedAt: result.evaluatedAt.toISOString(),
    rules: result.rules.map((r: RuleOutcome) => ({
      id: r.id,
      title: rules.get(r.id)?.title ?? r.title,
      level: r.level,
      weight: r.weight,
      status: r.status,
      ...(r.message !== undefined ? { message: r.message } : {}),
      remedy: rules.get(r.id)?.remedy ?? r.remedy,
    })),
  };
}
