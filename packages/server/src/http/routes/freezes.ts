import { Type } from '@sinclair/typebox';
import { invalidInput } from '@slipway/core';
import { principalOf } from '../../auth/authenticate.ts';
import { createFreeze, deleteFreeze, type FreezeRecord, listFreezes } from '../../db/stores/freezes.ts';
import { announceStartedFreezes } from '../../notifications/freeze-events.ts';
import { authErrors, bearer, ErrorResponse } from '../schemas/common.ts';
import { DnsLabel } from '../schemas/releases.ts';
import type { TypedApp } from '../typed-app.ts';

const FreezeBody = Type.Object(
  {
    name: DnsLabel,
    startsAt: Type.String({ format: 'date-time' }),
    endsAt: Type.String({ format: 'date-time' }),
    mode: Type.Union([Type.Literal('block'), Type.Literal('warn')], {
      description: 'block refuses deploys; warn lets them through with a warning',
    }),
    reason: Type.String({ maxLength: 500, default: '' }),
    environmentTypes: Type.Array(DnsLabel, {
      default: [],
      description: 'Types it covers; with environments empty too: everything',
    }),
    environments: Type.Array(DnsLabel, { default: [] }),
  },
  { additionalProperties: false },
);
const FreezeView = Type.Object(
  { ...FreezeBody.properties, createdBy: Type.String(), createdAt: Type.String({ format: 'date-time' }) },
  { $id: 'FreezeView' },
);

/** Deploy freezes: time windows in which deploys to some environments are blocked or warned about. */
export async function freezeRoutes(app: TypedApp) {
  const db = () => app.deps.database.db;
  const common = { tags: ['deploys'], security: bearer };
  app.addSchema(FreezeView);

  app.get(
    '/freezes',
    {
      config: { authz: 'platform.read' },
      schema: {
        ...common,
        summary: 'Lists deploy freezes, newest first',
        operationId: 'listFreezes',
        response: { 200: Type.Object({ items: Type.Array(Type.Ref(FreezeView)) }), ...authErrors },
      },
    },
    async () => ({ items: (await listFreezes(db())).map(view) }),
  );

  app.post(
    '/freezes',
    {
      config: { authz: 'admin' },
      schema: {
        ...common,
        summary: 'Declares a deploy freeze',
        operationId: 'createFreeze',
        body: FreezeBody,
        response: {
          201: Type.Object({ freeze: Type.Ref(FreezeView) }),
          400: Type.Ref(ErrorResponse),
          409: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const startsAt = new Date(body.startsAt);
      const endsAt = new Date(body.endsAt);
      if (endsAt <= startsAt)
        throw invalidInput('A freeze ends after it starts', [{ path: '/endsAt', message: 'not after startsAt' }]);
      const freeze = await createFreeze(db(), { ...body, startsAt, endsAt, createdBy: principalOf(request).username });
      // One that holds already is announced now, not at the environment controller's next pass.
      await announceStartedFreezes(db(), app.deps.platform.now()).catch((error) =>
        request.log.warn({ err: error, freeze: freeze.name }, 'announcing the deploy freeze failed'),
      );
      return reply.status(201).send({ freeze: view(freeze) });
    },
  );

  app.delete(
    '/freezes/:name',
    {
      config: { authz: 'admin' },
      schema: {
        ...common,
        summary: 'Ends and removes a deploy freeze',
        operationId: 'deleteFreeze',
        params: Type.Object({ name: DnsLabel }),
        response: { 204: Type.Null(), 404: Type.Ref(ErrorResponse), ...authErrors },
      },
    },
    async (request, reply) => {
      await deleteFreeze(db(), request.params.name);
      return reply.status(204).send(null);
    },
  );
}

function view(f: FreezeRecord) {
  return {
    name: f.name,
    startsAt: f.startsAt.toISOString(),
    endsAt: f.endsAt.toISOString(),
    mode: f.mode,
    reason: f.reason,
    environmentTypes: f.environmentTypes,
    environments: f.environments,
    createdBy: f.createdBy,
    createdAt: f.createdAt.toISOString(),
  };
}
