import { Type } from '@sinclair/typebox';
import { readReach } from '@slipway/core';
import type { FastifyRequest } from 'fastify';
import { environmentFacts, ownerFor } from '../../access/facts.ts';
import { principalOf } from '../../auth/authenticate.ts';
import { authorizeAlso, callerOf } from '../../auth/authorize.ts';
import { fromBody, fromParams, type ProposedEnvironment } from '../../auth/rules.ts';
import { environmentsAfter, getEnvironmentByName } from '../../db/stores/environments.ts';
import { isUuid } from '../../db/stores/ids.ts';
import type { EnvironmentInput } from '../../environments/service.ts';
import { environmentView, environmentViews } from '../../views/environments.ts';
import { badCursor, decodePageCursor, nextCursor, pageCursor, pageQuery } from '../pages.ts';
import { authErrors, bearer, ErrorResponse } from '../schemas/common.ts';
import { DnsLabel, EnvironmentView, GitOpsSettingsView } from '../schemas/releases.ts';
import type { TypedApp } from '../typed-app.ts';

const Schedule = Type.Object(
  {
    pause: Type.String({ minLength: 9, maxLength: 100, description: 'Cron expression, e.g. 0 20 * * 1-5' }),
    resume: Type.String({ minLength: 9, maxLength: 100, description: 'Cron expression, e.g. 0 7 * * 1-5' }),
    timezone: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone; UTC when left out' }),
    ),
  },
  { additionalProperties: false, description: 'Pause at night, resume in the morning' },
);

const Settings = {
  type: Type.String({ minLength: 1, maxLength: 63, description: 'An environment type: slipway env-type list' }),
  cluster: Type.Optional(DnsLabel),
  namespace: Type.Optional(DnsLabel),
  domain: Type.Optional(Type.String({ pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', maxLength: 253 })),
  routeKind: Type.Optional(Type.Union([Type.Literal('Ingress'), Type.Literal('HTTPRoute')])),
  ingressClassName: Type.Optional(Type.String({ minLength: 1, maxLength: 253 })),
  gateway: Type.Optional(
    Type.Object({ name: DnsLabel, namespace: Type.Optional(DnsLabel) }, { additionalProperties: false }),
  ),
  defaults: Type.Optional(
    Type.Object(
      {
        replicas: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
        progressDeadlineSeconds: Type.Optional(Type.Integer({ minimum: 5, maximum: 86_400 })),
      },
      { additionalProperties: false, description: "Overrides of the type's defaults" },
    ),
  ),
  schedule: Type.Optional(Type.Union([Schedule, Type.Null()])),
  gitops: Type.Optional(GitOpsSettingsView),
  ttlSeconds: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 31_536_000,
      description: "Deleted after this long; 0: never. Default: the type's",
    }),
  ),
};

const Owner = {
  owner: Type.Optional({
    ...DnsLabel,
    description: 'The owning team; left out, your only team; shared (only admins manage it) when you have none',
  }),
};
const EnvironmentBody = Type.Object(Settings, { additionalProperties: false });
const CreateBody = Type.Object({ name: DnsLabel, ...Settings, ...Owner }, { additionalProperties: false });
const CloneBody = Type.Object(
  {
    name: DnsLabel,
    ...Settings,
    ...Owner,
    type: Type.Optional(Settings.type),
    images: Type.Optional(
      Type.Record(Type.String(), Type.String({ minLength: 1, maxLength: 1000 }), {
        propertyNames: { pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' },
        description: 'New images by service name',
      }),
    ),
  },
  { additionalProperties: false },
);
const Name = Type.Object({ name: DnsLabel });
const Env = Type.Object({ environment: Type.Ref(EnvironmentView) });
const PauseResult = Type.Object({
  environment: Type.Ref(EnvironmentView),
  scaledDown: Type.Integer({ description: 'Deployments and StatefulSets scaled (down or back up)' }),
  suspended: Type.Integer({ description: 'CronJobs suspended (or let go again)' }),
});
const errors = {
  400: Type.Ref(ErrorResponse),
  404: Type.Ref(ErrorResponse),
  409: Type.Ref(ErrorResponse),
  503: Type.Ref(ErrorResponse),
  ...authErrors,
};

/** A new environment is judged by the type and owner it asks for. */
function newEnvironmentOf(request: FastifyRequest): ProposedEnvironment {
  return { name: fromBody('name')(request) ?? '', type: fromBody('type')(request) ?? '' };
}

/** PUT creates the environment when there is none of that name: then it is judged as a new one. */
function putOf(app: TypedApp) {
  return async (request: FastifyRequest): Promise<ProposedEnvironment | undefined> => {
    const name = fromParams('name')(request) ?? '';
    if (await environmentFacts(app.deps.database.db, name)) return undefined;
    return { name, type: fromBody('type')(request) ?? '' };
  };
}

/** A clone takes its source's type unless it names one. */
function cloneOf(app: TypedApp) {
  return async (request: FastifyRequest): Promise<ProposedEnvironment> => {
    const source = await environmentFacts(app.deps.database.db, fromParams('name')(request) ?? '');
    return { name: fromBody('name')(request) ?? '', type: fromBody('type')(request) ?? source?.type ?? '' };
  };
}

/** Environments: where services run, each on a cluster, in a namespace, under its type's rules. */
export async function environmentRoutes(app: TypedApp) {
  const db = () => app.deps.database.db;
  const environments = () => app.deps.platform.environments;
  const common = { tags: ['environments'], security: bearer };

  app.post(
    '/environments',
    {
      config: {
        authz: { permission: 'environment.manage', newEnvironment: newEnvironmentOf, owner: fromBody('owner') },
      },
      schema: {
        ...common,
        summary: 'Creates an environment: its namespace, quota and limits on its cluster',
        operationId: 'createEnvironment',
        body: CreateBody,
        response: { 201: Env, ...errors },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const owner = ownerFor(await callerOf(request), body.owner);
      const input: EnvironmentInput = { ...body, owner };
      const environment = await environments().create(input, principalOf(request).username);
      return reply.status(201).send({ environment: await environmentView(db(), environment) });
    },
  );

  app.put(
    '/environments/:name',
    {
      config: {
        authz: { permission: 'environment.manage', environment: fromParams('name'), newEnvironment: putOf(app) },
      },
      schema: {
        ...common,
        summary: 'Creates an environment, or changes the settings of one',
        operationId: 'putEnvironment',
        params: Name,
        body: EnvironmentBody,
        response: { 200: Env, ...errors },
      },
    },
    async (request) => {
      const { name } = request.params;
      const input: EnvironmentInput = { ...request.body, name };
      const exists = await getEnvironmentByName(db(), name).catch(() => undefined);
      if (exists && exists.type !== input.type) {
        // A new type may ask more (production: maintainers): the caller must manage that too.
        await authorizeAlso(request, {
          permission: 'environment.manage',
          newEnvironment: () => ({ name, type: input.type }),
          owner: () => exists.ownerTeam ?? undefined,
        });
      }
      const environment = exists
        ? await environments().update(input)
        : await environments().create(
            { ...input, owner: ownerFor(await callerOf(request), undefined) },
            principalOf(request).username,
          );
      return { environment: await environmentView(db(), environment) };
    },
  );

  app.get(
    '/environments',
    {
      config: { authz: 'platform.read' },
      schema: {
        ...common,
        summary: 'Lists the environments you may see, by name, a page at a time',
        operationId: 'listEnvironments',
        querystring: Type.Object(
          {
            deleted: Type.Optional(Type.Boolean({ description: 'Include deleted ones (their history stays)' })),
            ...pageQuery,
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(Type.Ref(EnvironmentView)), nextCursor }),
          400: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const { deleted, limit = 200, cursor } = request.query;
      const reach = readReach(await callerOf(request));
      const key = cursor === undefined ? undefined : environmentCursor(cursor);
      const after = key && { name: key[0] ?? '', id: key[1] ?? '' };
      const rows = await environmentsAfter(db(), { includeDeleted: deleted === true, reach }, after, limit);
      return { items: await environmentViews(db(), rows), ...pageCursor(rows, limit, (e) => [e.name, e.id]) };
    },
  );

  app.get(
    '/environments/:name',
    {
      config: { authz: { permission: 'environment.read', environment: fromParams('name') } },
      schema: {
        ...common,
        summary: 'One environment',
        operationId: 'getEnvironment',
        params: Name,
        response: { 200: Env, ...errors },
      },
    },
    async (request) => {
      const { name } = request.params;
      return { environment: await environmentView(db(), await getEnvironmentByName(db(), name)) };
    },
  );

  app.delete(
    '/environments/:name',
    {
      config: { authz: { permission: 'environment.manage', environment: fromParams('name') } },
      schema: {
        ...common,
        summary: 'Deletes an environment: everything in it and its namespace; its releases stay as history',
        description: 'Answers at once (202) with status deleting; the environment is gone when GET answers 404.',
        operationId: 'deleteEnvironment',
        params: Name,
        response: { 202: Env, ...errors },
      },
    },
    async (request, reply) => {
      const { name } = request.params;
      const environment = await environments().delete(name);
      return reply.status(202).send({ environment: await environmentView(db(), environment) });
    },
  );

  app.post(
    '/environments/:name/clone',
    {
      config: { authz: { permission: 'environment.manage', newEnvironment: cloneOf(app), owner: fromBody('owner') } },
      schema: {
        ...common,
        summary: 'Clones an environment: a new one with its services, each redeployed from its current release',
        operationId: 'cloneEnvironment',
        params: Name,
        body: CloneBody,
        response: {
          201: Type.Object({
            environment: Type.Ref(EnvironmentView),
            releases: Type.Integer({ description: 'Services deployed into the clone' }),
            warnings: Type.Array(Type.String()),
          }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const { name } = request.params;
      const body = request.body;
      // A clone copies what the source runs: the caller must be able to see it.
      await authorizeAlso(request, { permission: 'environment.read', environment: fromParams('name') });
      const owner = ownerFor(await callerOf(request), body.owner);
      const result = await environments().clone(name, { ...body, owner }, principalOf(request).username);
      return reply.status(201).send({ ...result, environment: await environmentView(db(), result.environment) });
    },
  );

  for (const action of ['pause', 'resume'] as const) {
    app.post(
      `/environments/:name/${action}`,
      {
        config: { authz: { permission: 'environment.manage', environment: fromParams('name') } },
        schema: {
          ...common,
          summary:
            action === 'pause'
              ? 'Pauses an environment: its workloads scale to zero, its CronJobs are suspended'
              : 'Resumes a paused environment as it was',
          operationId: `${action}Environment`,
          params: Name,
          response: { 200: PauseResult, ...errors },
        },
      },
      async (request) => {
        const { name } = request.params;
        const { environment, summary } = await environments()[action](name);
        return { environment: await environmentView(db(), environment), ...summary };
      },
    );
  }
}

/** An environments page's cursor: a name and an id (a forged id would otherwise reach SQL). */
function environmentCursor(cursor: string): string[] {
  const key = decodePageCursor(cursor, 2);
  return isUuid(key[1] ?? '') ? key : badCursor();
}
