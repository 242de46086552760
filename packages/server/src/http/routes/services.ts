import { Type } from '@sinclair/typebox';
import {
  readReach,
  type ServiceCheck,
  serviceCheckIssues,
  serviceChecksAgainstTypes,
  withCheckDefaults,
} from '@slipway/core';
import { ownerFor } from '../../access/facts.ts';
import { authorizeAlso, callerOf } from '../../auth/authorize.ts';
import { fromBody, fromParams } from '../../auth/rules.ts';
import { listEnvironmentTypes } from '../../db/stores/environment-types.ts';
import {
  createService,
  getServiceByName,
  getServiceChecks,
  servicesAfter,
  setServiceChecks,
  setServiceOwner,
} from '../../db/stores/services.ts';
import { serviceView } from '../../views/access.ts';
import { decodePageCursor, nextCursor, pageCursor, pageQuery } from '../pages.ts';
import { ServiceView } from '../schemas/access.ts';
import { authErrors, bearer, ErrorResponse } from '../schemas/common.ts';
import { DnsLabel } from '../schemas/releases.ts';
import { ServiceCheck as ServiceCheckSchema, ServiceChecksBody } from '../schemas/verification.ts';
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
        summary: 'Lists the services you may see, by name, a page at a time',
        operationId: 'listServices',
        querystring: Type.Object(pageQuery, { additionalProperties: false }),
        response: {
          200: Type.Object({ items: Type.Array(Type.Ref(ServiceView)), nextCursor }),
          400: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const { limit = 200, cursor } = request.query;
      const after = cursor === undefined ? undefined : decodePageCursor(cursor, 1)[0];
      const rows = await servicesAfter(db(), readReach(await callerOf(request)), after, limit);
      return { items: rows.map(serviceView), ...pageCursor(rows, limit, (s) => [s.name]) };
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

  const ChecksAnswer = Type.Object({ service: Type.String(), checks: Type.Array(ServiceCheckSchema) });

  app.get(
    '/services/:name/verification',
    {
      config: { authz: { permission: 'service.read', service: fromParams('name') } },
      schema: {
        ...common,
        tags: ['releases'],
        summary: "The metric checks a service declares for its releases, beside its environment types'",
        operationId: 'getServiceVerification',
        params: Name,
        response: { 200: ChecksAnswer, ...errors },
      },
    },
    async (request) => {
      const service = await getServiceByName(db(), request.params.name);
      return { service: service.name, checks: await getServiceChecks(db(), service.id) };
    },
  );

  app.put(
    '/services/:name/verification',
    {
      config: { authz: { permission: 'service.manage', service: fromParams('name') } },
      schema: {
        ...common,
        tags: ['releases'],
        summary: "Replaces a service's metric checks (a maintainer of its team)",
        description:
          "Each release of the service is verified on these once its rollout is Healthy, after its environment type's " +
          'checks, in the environment types a check names (all, left out). A check cannot share a name with a check ' +
          "of a type it applies in: a service adds checks, it does not replace the platform's. Queries are parsed " +
          "by the cluster's Prometheus when one is configured, and refused in its words.",
        operationId: 'setServiceVerification',
        params: Name,
        body: ServiceChecksBody,
        response: { 200: ChecksAnswer, ...errors },
      },
    },
    async (request) => {
      const service = await getServiceByName(db(), request.params.name);
      const checks: ServiceCheck[] = request.body.checks.map(withCheckDefaults);
      const types = (await listEnvironmentTypes(db())).map((t) => ({
        name: t.name,
        checks: t.verification?.checks ?? [],
      }));
      const issues = [...serviceCheckIssues(checks, '/checks'), ...serviceChecksAgainstTypes(checks, types, '/checks')];
      await app.deps.platform.metrics.checkVerification(checks, '/checks', issues);
      await setServiceChecks(db(), service.name, checks);
      return { service: service.name, checks };
    },
  );
}
