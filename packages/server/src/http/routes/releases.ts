import { Type } from '@sinclair/typebox';
import { comparableSecrets, diffReleases } from '@slipway/core';
import { readableServiceIds } from '../../access/visibility.ts';
import { principalOf } from '../../auth/authenticate.ts';
import { callerOf } from '../../auth/authorize.ts';
import { fromParams } from '../../auth/rules.ts';
import { getEnvironmentByName, getEnvironmentForHistory } from '../../db/stores/environments.ts';
import { getRelease, getReleaseByNumber, lastApplied, listReleases } from '../../db/stores/releases.ts';
import { getServiceByName } from '../../db/stores/services.ts';
import { liveDrift } from '../../drift/live.ts';
import { releaseView, releaseViews } from '../../views/releases.ts';
import { authErrors, bearer, ErrorResponse } from '../schemas/common.ts';
import { DeployAccepted, DnsLabel, ReleaseView } from '../schemas/releases.ts';
import type { TypedApp } from '../typed-app.ts';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const ReleaseRef = Type.Object({ id: Type.String(), number: Type.Integer() });
const Diff = Type.Object(
  {},
  {
    additionalProperties: true,
    description:
      "added, removed, changed (with field changes), unchanged, and hidden: how many changes of Slipway's own labels were left out",
  },
);

export async function releaseRoutes(app: TypedApp) {
  const db = () => app.deps.database.db;

  app.get(
    '/releases',
    {
      config: { authz: 'platform.read' },
      schema: {
        tags: ['releases'],
        summary: 'Lists releases, newest first, a page at a time',
        operationId: 'listReleases',
        security: bearer,
        querystring: Type.Object(
          {
            service: Type.Optional(DnsLabel),
            environment: Type.Optional(DnsLabel),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
            cursor: Type.Optional(
              Type.String({
                format: 'uuid',
                description: "The previous page's `nextCursor`: the releases older than its last one",
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Ref(ReleaseView)),
            nextCursor: Type.Optional(
              Type.String({ description: 'Present when there may be more: pass it as `cursor` for the next page' }),
            ),
          }),
          400: Type.Ref(ErrorResponse),
          404: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const serviceId = q.service ? (await getServiceByName(db(), q.service)).id : undefined;
      const environmentId = q.environment ? (await getEnvironmentForHistory(db(), q.environment)).id : undefined;
      const releases = await listReleases(db(), {
        serviceIds: await readableServiceIds(db(), await callerOf(request)),
        ...(serviceId ? { serviceId } : {}),
        ...(environmentId ? { environmentId } : {}),
        limit: q.limit ?? 50,
        ...(q.cursor ? { before: q.cursor } : {}),
      });
      const last = releases.at(-1);
      const full = releases.length === (q.limit ?? 50);
      return { items: await releaseViews(db(), releases), ...(full && last ? { nextCursor: last.id } : {}) };
    },
  );

  app.get(
    '/releases/:id',
    {
      config: { authz: { permission: 'service.read', release: fromParams('id') } },
      schema: {
        tags: ['releases'],
        summary: 'One release, with its live rollout verdict',
        operationId: 'getRelease',
        security: bearer,
        params: Id,
        response: { 200: Type.Object({ release: Type.Ref(ReleaseView) }), 404: Type.Ref(ErrorResponse), ...authErrors },
      },
    },
    async (request) => ({
      release: await releaseView(db(), await getRelease(db(), request.params.id)),
    }),
  );

  app.get(
    '/releases/:id/diff',
    {
      config: { authz: { permission: 'service.read', release: fromParams('id') } },
      schema: {
        tags: ['releases'],
        summary: 'What changed between two releases (Secret values never shown)',
        description: 'Against the previous release of the same service and environment unless `against` names another.',
        operationId: 'diffRelease',
        security: bearer,
        params: Id,
        querystring: Type.Object(
          {
            against: Type.Optional(Type.String({ format: 'uuid' })),
            all: Type.Optional(
              Type.Boolean({
                default: false,
                description:
                  "Also list the changes of Slipway's own release and version labels (left out by default and counted in `hidden`)",
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ from: Type.Union([ReleaseRef, Type.Null()]), to: ReleaseRef, diff: Diff }),
          404: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const to = await getRelease(db(), request.params.id);
      const against = request.query.against;
      const from = against
        ? await getRelease(db(), against)
        : to.number > 1
          ? await getReleaseByNumber(db(), to.serviceId, to.environmentId, to.number - 1)
          : undefined;
      return {
        from: from ? { id: from.id, number: from.number } : null,
        to: { id: to.id, number: to.number },
        // Sealed Secret values are compared by their digests: equal values, equal digests.
        diff: diffReleases(comparableSecrets(from?.objects ?? []), comparableSecrets(to.objects), {
          bookkeeping: request.query.all === true,
        }),
      };
    },
  );

  app.get(
    '/releases/:id/drift',
    {
      config: { authz: { permission: 'service.read', release: fromParams('id') } },
      schema: {
        tags: ['releases'],
        summary: 'Differences between a release and what is live in the cluster',
        description: 'Only the fields Slipway sets are compared; defaults and fields others manage are not drift.',
        operationId: 'getDrift',
        security: bearer,
        params: Id,
        response: {
          200: Type.Object({
            release: ReleaseRef,
            status: Type.Union([Type.Literal('in-sync'), Type.Literal('drifted')]),
            objects: Type.Array(Type.Object({}, { additionalProperties: true })),
          }),
          404: Type.Ref(ErrorResponse),
          503: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const release = await getRelease(db(), request.params.id);
      const applier = await app.deps.platform.deployments.applierFor(release.environmentId);
      const objects = await liveDrift(release, applier, app.deps.platform.keyRing);
      const status = objects.some((o) => o.state !== 'in-sync') ? ('drifted' as const) : ('in-sync' as const);
      return { release: { id: release.id, number: release.number }, status, objects };
    },
  );

  app.post(
    '/releases/:id/rollback',
    {
      config: { authz: { permission: 'service.deploy', release: fromParams('id') } },
      schema: {
        tags: ['releases'],
        summary: "Rolls back to this release: a new release with this one's objects",
        operationId: 'rollbackRelease',
        security: bearer,
        params: Id,
        body: Type.Optional(
          Type.Object({ reason: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
        ),
        response: {
          202: Type.Object({ release: Type.Ref(ReleaseView), warnings: Type.Array(Type.String()) }),
          404: Type.Ref(ErrorResponse),
          409: Type.Ref(ErrorResponse),
          503: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const reason = request.body?.reason;
      const { release, warnings } = await app.deps.platform.deployments.rollback(
        id,
        principalOf(request).username,
        reason,
      );
      return reply.status(202).send({ release: await releaseView(db(), release), warnings });
    },
  );

  app.post(
    '/releases/:id/redeploy',
    {
      config: { authz: { permission: 'service.deploy', release: fromParams('id') } },
      schema: {
        tags: ['releases'],
        summary: "Deploys this release's workload again to its environment, with a new image",
        description:
          'The Score file and files this release was deployed with, rendered again for its environment as a new ' +
          'release: no need to send the workload. Freezes, policies and approvals apply as for POST /deploys ' +
          '(an environment whose type requires approval answers with status pending_approval).',
        operationId: 'redeployRelease',
        security: bearer,
        params: Id,
        body: Type.Optional(
          Type.Object(
            {
              image: Type.Optional(
                Type.String({
                  minLength: 1,
                  maxLength: 1000,
                  description: "Overrides the image of containers whose image is '.' (or of the only container)",
                }),
              ),
              commit: Type.Optional(
                Type.String({ minLength: 1, maxLength: 200, description: "Left out: this release's commit" }),
              ),
              commitTime: Type.Optional(
                Type.String({
                  format: 'date-time',
                  description: "When the commit was made; left out: this release's, if the commit is the same",
                }),
              ),
              reason: Type.Optional(Type.String({ maxLength: 2000 })),
            },
            { additionalProperties: false },
          ),
        ),
        response: {
          202: DeployAccepted,
          400: Type.Ref(ErrorResponse),
          404: Type.Ref(ErrorResponse),
          409: Type.Ref(ErrorResponse),
          503: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const body = request.body ?? {};
      const { release, warnings } = await app.deps.platform.deployments.redeployRelease(
        id,
        principalOf(request).username,
        body,
      );
      return reply.status(202).send({ release: await releaseView(db(), release), warnings });
    },
  );

  for (const decision of ['approve', 'reject'] as const) {
    app.post(
      `/releases/:id/${decision}`,
      {
        config: { authz: { permission: 'service.approve', release: fromParams('id') } },
        schema: {
          tags: ['releases'],
          summary:
            decision === 'approve'
              ? 'Approves a release waiting for approval (not by the person who asked for it)'
              : 'Rejects a release waiting for approval',
          operationId: `${decision}Release`,
          security: bearer,
          params: Id,
          body: Type.Optional(
            Type.Object({ comment: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
          ),
          response: {
            200: Type.Object({ release: Type.Ref(ReleaseView) }),
            403: Type.Ref(ErrorResponse),
            404: Type.Ref(ErrorResponse),
            409: Type.Ref(ErrorResponse),
            401: Type.Ref(ErrorResponse),
          },
        },
      },
      async (request) => {
        const { id } = request.params;
        const comment = request.body?.comment;
        const actor = principalOf(request).username;
        const release =
          decision === 'approve'
            ? await app.deps.platform.deployments.approve(id, actor, comment)
            : await app.deps.platform.deployments.reject(id, actor, comment);
        return { release: await releaseView(db(), release) };
      },
    );
  }

  app.get(
    '/services/:service/environments/:environment',
    {
      config: { authz: { permission: 'service.read', service: fromParams('service') } },
      schema: {
        tags: ['releases'],
        summary: 'A service in an environment: its current and its last healthy release',
        operationId: 'getServiceStatus',
        security: bearer,
        params: Type.Object({ service: DnsLabel, environment: DnsLabel }),
        response: {
          200: Type.Object({
            service: Type.String(),
            environment: Type.String(),
            current: Type.Union([Type.Ref(ReleaseView), Type.Null()]),
            lastHealthy: Type.Union([Type.Ref(ReleaseView), Type.Null()]),
          }),
          404: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const p = request.params;
      const service = await getServiceByName(db(), p.service);
      const environment = await getEnvironmentByName(db(), p.environment);
      const [current] = await listReleases(db(), { serviceId: service.id, environmentId: environment.id, limit: 1 });
      const healthy = await lastApplied(db(), service.id, environment.id, { status: ['healthy'] });
      return {
        service: service.name,
        environment: p.environment,
        current: current ? await releaseView(db(), current) : null,
        lastHealthy: healthy ? await releaseView(db(), healthy) : null,
      };
    },
  );
}
