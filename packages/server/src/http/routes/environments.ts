import { Type } from '@sinclair/typebox';
import { defaultsFor, type EnvironmentContext, invalidInput } from '@slipway/core';
import type { FastifyInstance } from 'fastify';
import { listEnvironments, upsertEnvironment } from '../../db/stores/environments.ts';
import { httpRouteApi, RawObjectApi } from '../../kube/raw-object-api.ts';
import { authErrors, bearer, ErrorResponse } from '../schemas/common.ts';
import { DnsLabel, EnvironmentView } from '../schemas/releases.ts';

const EnvironmentBody = Type.Object(
  {
    type: Type.String({
      minLength: 1,
      maxLength: 63,
      description: 'development, staging, production, preview or your own',
    }),
    namespace: Type.Optional(DnsLabel),
    domain: Type.Optional(Type.String({ pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', maxLength: 253 })),
    routeKind: Type.Optional(Type.Union([Type.Literal('Ingress'), Type.Literal('HTTPRoute')])),
    ingressClassName: Type.Optional(Type.String({ minLength: 1 })),
    gateway: Type.Optional(
      Type.Object({ name: DnsLabel, namespace: Type.Optional(DnsLabel) }, { additionalProperties: false }),
    ),
    defaults: Type.Optional(
      Type.Object(
        {
          replicas: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
          progressDeadlineSeconds: Type.Optional(Type.Integer({ minimum: 5, maximum: 86_400 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/**
 * Environments, in their first form: enough to deploy to (a namespace, a type whose defaults
 * shape the rendered objects, a domain for routes). Clusters, approvals, previews, clones and
 * pausing build on this.
 */
export async function environmentRoutes(app: FastifyInstance) {
  app.put(
    '/environments/:name',
    {
      schema: {
        tags: ['environments'],
        summary: 'Creates or updates an environment',
        operationId: 'putEnvironment',
        security: bearer,
        params: Type.Object({ name: DnsLabel }),
        body: EnvironmentBody,
        response: {
          200: Type.Object({ environment: Type.Ref(EnvironmentView) }),
          400: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const { name } = request.params as { name: string };
      const body = request.body as Static;
      const context: EnvironmentContext = {
        name,
        type: body.type,
        namespace: body.namespace ?? `slipway-${name}`.slice(0, 63),
        routeKind: body.routeKind ?? (await defaultRouteKind(app, body)),
        ...(body.domain ? { domain: body.domain } : {}),
        ...(body.ingressClassName ? { ingressClassName: body.ingressClassName } : {}),
        ...(body.gateway ? { gateway: body.gateway } : {}),
        defaults: defaultsFor(body.type, body.defaults ?? {}),
      };
      const environment = await upsertEnvironment(app.deps.database.db, context);
      return { environment: environment.context };
    },
  );

  app.get(
    '/environments',
    {
      schema: {
        tags: ['environments'],
        summary: 'Lists environments',
        operationId: 'listEnvironments',
        security: bearer,
        response: { 200: Type.Object({ items: Type.Array(Type.Ref(EnvironmentView)) }), ...authErrors },
      },
    },
    async () => ({ items: (await listEnvironments(app.deps.database.db)).map((e) => e.context) }),
  );
}

/**
 * Routes become HTTPRoutes when the environment names a Gateway and the cluster serves the
 * Gateway API, Ingresses otherwise. Naming a Gateway on a cluster without the Gateway API is
 * a mistake worth saying at once rather than at the first deploy.
 */
async function defaultRouteKind(app: FastifyInstance, body: Static): Promise<'Ingress' | 'HTTPRoute'> {
  if (!body.gateway) return 'Ingress';
  const kube = app.deps.kube;
  if (kube && (await RawObjectApi.forConfig(kube).serves(httpRouteApi.apiVersion, httpRouteApi.kind)))
    return 'HTTPRoute';
  throw invalidInput(
    'The cluster does not serve the Gateway API, so routes cannot attach to a Gateway',
    [{ path: '/gateway', message: 'HTTPRoute (gateway.networking.k8s.io/v1) is not installed in the cluster' }],
    'Install the Gateway API CRDs and a controller, or leave gateway out to use Ingress.',
  );
}

type Static = {
  type: string;
  namespace?: string;
  domain?: string;
  routeKind?: 'Ingress' | 'HTTPRoute';
  ingressClassName?: string;
  gateway?: { name: string; namespace?: string };
  defaults?: { replicas?: number; progressDeadlineSeconds?: number };
};
