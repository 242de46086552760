import { Type } from '@sinclair/typebox';
import { invalidInput, maxChecks, policyNames, withCheckDefaults } from '@slipway/core';
import {
  deleteEnvironmentType,
  getEnvironmentType,
  listEnvironmentTypes,
  putEnvironmentType,
} from '../../db/stores/environment-types.ts';
import { authErrors, bearer, ErrorResponse, RoleName } from '../schemas/common.ts';
import { DnsLabel } from '../schemas/releases.ts';
import { VerificationCheck } from '../schemas/verification.ts';
import type { TypedApp } from '../typed-app.ts';

const Quantity = Type.String({ pattern: '^[0-9]+(\\.[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti)?$', maxLength: 32 });
const Amounts = Type.Object(
  { cpu: Type.Optional(Quantity), memory: Type.Optional(Quantity) },
  { additionalProperties: false },
);

const TypeBody = Type.Object(
  {
    description: Type.String({ maxLength: 500, default: '' }),
    defaults: Type.Object(
      {
        replicas: Type.Integer({ minimum: 0, maximum: 1000 }),
        progressDeadlineSeconds: Type.Integer({ minimum: 5, maximum: 86_400 }),
        resources: Type.Optional(
          Type.Object(
            { requests: Type.Optional(Amounts), limits: Type.Optional(Amounts) },
            { additionalProperties: false },
          ),
        ),
        autoscaling: Type.Optional(
          Type.Object(
            {
              minReplicas: Type.Integer({ minimum: 1, maximum: 1000 }),
              maxReplicas: Type.Integer({ minimum: 1, maximum: 1000 }),
              targetCPUUtilizationPercentage: Type.Integer({ minimum: 1, maximum: 100 }),
            },
            { additionalProperties: false },
          ),
        ),
        disruptionBudget: Type.Optional(
          Type.Object(
            {
              minAvailable: Type.Optional(
                Type.Union([Type.Integer({ minimum: 0 }), Type.String({ pattern: '^[0-9]{1,3}%$' })]),
              ),
              maxUnavailable: Type.Optional(
                Type.Union([Type.Integer({ minimum: 0 }), Type.String({ pattern: '^[0-9]{1,3}%$' })]),
              ),
            },
            { additionalProperties: false },
          ),
        ),
      },
      { additionalProperties: false },
    ),
    quota: Type.Optional(
      // Keys checked by propertyNames: a key pattern of Record does not reach the OpenAPI document.
      Type.Record(Type.String(), Quantity, {
        propertyNames: { pattern: '^[a-z.]+(/[a-z0-9.-]+)?$', maxLength: 100 },
        description: 'ResourceQuota hard limits of each namespace, e.g. {"requests.cpu": "4", "pods": "50"}',
      }),
    ),
    limits: Type.Optional(
      Type.Object(
        { defaultRequest: Type.Optional(Amounts), default: Type.Optional(Amounts), max: Type.Optional(Amounts) },
        { additionalProperties: false, description: 'LimitRange of each container' },
      ),
    ),
    provisioners: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), { description: 'Provisioner ids allowed; all when left out' }),
    ),
    policies: Type.Array(Type.String({ minLength: 1 }), {
      default: [],
      description: 'Built-in policies that releases must pass',
    }),
    requiresApproval: Type.Boolean({ default: false, description: 'Releases need approval by a second person' }),
    approvalTtlSeconds: Type.Integer({ minimum: 60, maximum: 2_592_000, default: 86_400 }),
    ttlSeconds: Type.Union([Type.Integer({ minimum: 60, maximum: 31_536_000 }), Type.Null()], {
      default: null,
      description: 'Environments of this type are deleted after this long (ephemeral)',
    }),
    metrics: Type.Optional(
      Type.Object(
        {
          signals: Type.Optional(
            Type.Record(Type.String(), Type.String({ minLength: 1, maxLength: 4000 }), {
              description:
                'PromQL replacing the default query of a signal (requestRate, errorRatio, latencyP50, latencyP95, ' +
                'latencyP99, cpu, memory, restarts); placeholders $namespace, $service, $environment, $pods, $rate',
            }),
          ),
        },
        { additionalProperties: false, description: "How services' metrics are read (docs/metrics.md)" },
      ),
    ),
    verification: Type.Optional(
      Type.Object(
        {
          // Optional in the document: a default alone still makes a property required there.
          checks: Type.Optional(Type.Array(VerificationCheck, { maxItems: maxChecks, default: [] })),
          requireVerifiedPromotions: Type.Optional(
            Type.Boolean({
              default: false,
              description: 'Promotions into environments of this type take only releases that passed verification',
            }),
          ),
        },
        {
          additionalProperties: false,
          description:
            'Metric checks every release must pass once its rollout is Healthy; a failed check fails the release ' +
            'and rolls it back (docs/metrics.md)',
        },
      ),
    ),
    access: Type.Optional(
      Type.Object(
        {
          deploy: Type.Optional(RoleName),
          approve: Type.Optional(RoleName),
        },
        {
          additionalProperties: false,
          description:
            'The least roles to deploy to, and to approve releases for, environments of this type ' +
            '(default: developer deploys, maintainer approves)',
        },
      ),
    ),
  },
  { additionalProperties: false },
);

const TypeView = Type.Object({ name: Type.String(), ...TypeBody.properties }, { $id: 'EnvironmentTypeView' });
/** The body as sent: a field with a default may be left out, so the document must not require it. */
const TypeInput = {
  ...TypeBody,
  required: (TypeBody.required ?? []).filter(
    (key) => !('default' in TypeBody.properties[key as keyof typeof TypeBody.properties]),
  ),
};
const Name = Type.Object({ name: DnsLabel });

/** Environment types, the platform engineers' guardrails: defaults, quota, policies, approvals, TTL. */
export async function environmentTypeRoutes(app: TypedApp) {
  const db = () => app.deps.database.db;
  const common = { tags: ['environment types'], security: bearer };
  app.addSchema(TypeView);

  app.get(
    '/environment-types',
    {
      config: { authz: 'platform.read' },
      schema: {
        ...common,
        summary: 'Lists environment types',
        operationId: 'listEnvironmentTypes',
        response: {
          200: Type.Object({ items: Type.Array(Type.Ref(TypeView)), policies: Type.Array(Type.String()) }),
          ...authErrors,
        },
      },
    },
    async () => ({ items: await listEnvironmentTypes(db()), policies: policyNames() }),
  );

  app.get(
    '/environment-types/:name',
    {
      config: { authz: 'platform.read' },
      schema: {
        ...common,
        summary: 'One environment type',
        operationId: 'getEnvironmentType',
        params: Name,
        response: { 200: Type.Object({ type: Type.Ref(TypeView) }), 404: Type.Ref(ErrorResponse), ...authErrors },
      },
    },
    async (request) => ({ type: await getEnvironmentType(db(), request.params.name) }),
  );

  app.put(
    '/environment-types/:name',
    {
      config: { authz: 'admin' },
      schema: {
        ...common,
        summary: 'Creates or replaces an environment type (environments of the type follow at once)',
        operationId: 'putEnvironmentType',
        params: Name,
        body: TypeInput,
        response: {
          200: Type.Object({
            type: Type.Ref(TypeView),
            environments: Type.Array(Type.String(), {
              description: 'Environments whose quota and limits were updated',
            }),
          }),
          400: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const body = request.body;
      const unknown = body.policies.filter((p) => !policyNames().includes(p));
      if (unknown.length) {
        throw invalidInput(
          `Unknown policies: ${unknown.join(', ')}`,
          body.policies.flatMap((p, i) =>
            unknown.includes(p) ? [{ path: `/policies/${i}`, message: `not one of: ${policyNames().join(', ')}` }] : [],
          ),
        );
      }
      const auto = body.defaults.autoscaling;
      if (auto && auto.maxReplicas < auto.minReplicas) {
        throw invalidInput('maxReplicas is below minReplicas', [
          { path: '/defaults/autoscaling/maxReplicas', message: `must be at least ${auto.minReplicas}` },
        ]);
      }
      await app.deps.platform.metrics.checkOverrides(body.metrics?.signals);
      const { verification: written, ...rest } = body;
      const verification = written && { ...written, checks: (written.checks ?? []).map(withCheckDefaults) };
      if (verification) await app.deps.platform.metrics.checkVerification(verification.checks);
      const type = await putEnvironmentType(db(), {
        ...rest,
        ...(verification ? { verification } : {}),
        name: request.params.name,
      });
      const environments = await app.deps.platform.environments.applyType(type);
      return { type, environments };
    },
  );

  app.delete(
    '/environment-types/:name',
    {
      config: { authz: 'admin' },
      schema: {
        ...common,
        summary: 'Deletes an environment type no live environment uses',
        operationId: 'deleteEnvironmentType',
        params: Name,
        response: { 204: Type.Null(), 404: Type.Ref(ErrorResponse), 409: Type.Ref(ErrorResponse), ...authErrors },
      },
    },
    async (request, reply) => {
      await deleteEnvironmentType(db(), request.params.name);
      return reply.status(204).send(null);
    },
  );
}
