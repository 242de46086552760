import { Type } from '@sinclair/typebox';
import { ownerFor } from '../../access/facts.ts';
import { readableServiceIds } from '../../access/visibility.ts';
import { authorizeAlso, callerOf } from '../../auth/authorize.ts';
import { fromBody, fromParams } from '../../auth/rules.ts';
import { createService, getServiceByName, listServices, setServiceOwner } from '../../db/stores/services.ts';
import { serviceView } from '../../views/access.ts';
import { ServiceView } from '../schemas/access.ts';
import { authErrors, bearer, ErrorResponse } from '../schemas/common.ts';
import { DnsLabel } from '../schemas/releases.ts';
import type { TypedApp } from '../typed-app.ts';

const Name = Type.Object({ name: DnsLabel });
const errors = { 400: Type.Ref(ErrorResponse), 404: Type.Ref(ErrorResponse), ...authErrors };

/** Services and their owners. A service is also created by its first deploy. */
export async function serviceRoutes(app: TypedApp) {
  const db = () => app.deps.database.db;
  const common = { tags: ['access'], security: bearer };

  app.get(
    '/services',
    {
      config: { authz: 'platform.read' },
      schema: {
        ...common,
        summary: 'Lists the services you may see',
        operationId: 'listServices',
        response: { 200: Type.Object({ items: Type.Array(Type.Ref(ServiceView)) }), ...authErrors },
      },
    },
    async (request) => {
      const readable = await readableServiceIds(db(), await callerOf(request));
      const all = await listServices(db());
      return { items: all.filter((s) => readable === null || readable.includes(s.id)).map(serviceView) };
    },
  );

  app.post(
    '/services',
    {
      config: { authz: { permission: 'service.create', team: fromBody('owner') } },
      schema: {
        ...common,
        summary: 'Registers a service before its first deploy, owned by a team',
        operationId: 'createService',
        body: Type.Object(
          {
            name: DnsLabel,
            owner: Type.Optional({ ...DnsLabel, description: 'The owning team; left out, your only team' }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ service: Type.Ref(ServiceView) }), 409: Type.Ref(ErrorResponse), ...errors },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const owner = ownerFor(await callerOf(request), body.owner);
      return reply.status(201).send({ service: serviceView(await createService(db(), body.name, owner)) });
    },
  );

  app.get(
    '/services/:name',
    {
      config: { authz: { permission: 'service.read', service: fromParams('name') } },
      schema: {
        ...common,
        summary: 'One service and its owner',
        operationId: 'getService',
        params: Name,
        response: { 200: Type.Object({ service: Type.Ref(ServiceView) }), ...errors },
      },
    },
    async (request) => ({
      service: serviceView(await getServiceByName(db(), request.params.name)),
    }),
  );

  app.patch(
    '/services/:name',
    {
      config: { authz: { permission: 'service.manage', service: fromParams('name') } },
      schema: {
        ...common,
        summary: 'Hands a service to another team (a maintainer of both teams, or an admin)',
        operationId: 'updateService',
        params: Name,
        body: Type.Object(
          { owner: Type.Union([DnsLabel, Type.Null()], { description: "The new team; null: the platform's" }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ service: Type.Ref(ServiceView) }), ...errors },
      },
    },
    async (request) => {
      const { name } = request.params;
      const { owner } = request.body;
      // Pushing a service onto a team needs a say in that team too; onto the platform, an admin.
      await authorizeAlso(request, owner === null ? 'admin' : { permission: 'service.create', team: () => owner });
      return { service: serviceView(await setServiceOwner(db(), name, owner)) };
    },
  );
}
