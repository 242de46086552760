import { Type } from '@sinclair/typebox';
import { accessOf, builtinPolicies } from '@slipway/core';
import { listCelPolicies } from '../../db/stores/cel-policies.ts';
import { listEnvironmentTypes } from '../../db/stores/environment-types.ts';
import { currentFreezes } from '../../db/stores/freezes.ts';
import { authErrors, bearer, RoleName } from '../schemas/common.ts';
import type { TypedApp } from '../typed-app.ts';
import { celPolicyView, celPolicyViewFields } from './cel-policies.ts';

const PolicyView = Type.Object(
  {
    name: Type.String(),
    description: Type.String({ description: 'What it requires of every release' }),
    remedy: Type.String({ description: 'What to do about a violation' }),
    environmentTypes: Type.Array(Type.String(), { description: 'The environment types that enforce it' }),
  },
  { $id: 'PolicyView' },
);

const TypeGuardrails = Type.Object({
  name: Type.String(),
  policies: Type.Array(Type.String()),
  requiresApproval: Type.Boolean({ description: 'Releases wait for a second person' }),
  approvalTtlSeconds: Type.Integer({ description: 'How long a release waits for approval before it expires' }),
  ttlSeconds: Type.Union([Type.Integer(), Type.Null()], { description: 'Environments are deleted after this long' }),
  access: Type.Object(
    { deploy: RoleName, approve: RoleName },
    { description: 'The least roles to deploy and to approve (defaults filled in)' },
  ),
  quota: Type.Boolean({ description: 'Whether its namespaces get a ResourceQuota' }),
});

const FreezeInForce = Type.Object({
  name: Type.String(),
  mode: Type.String({ description: 'block refuses deploys; warn lets them through with a warning' }),
  reason: Type.String(),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  active: Type.Boolean({ description: 'Started already (else it is scheduled)' }),
  environmentTypes: Type.Array(Type.String()),
  environments: Type.Array(Type.String()),
});

/**
 * The guardrails every way into an environment passes (see deploy/guardrails.ts): deploy
 * freezes, then the policies, approvals and roles of the environment's type, and the CEL policies.
 * Read only: built-in policies are fixed; CEL policies, environment types and freezes are changed
 * through their own routes.
 */
export async function policyRoutes(app: TypedApp) {
  const db = () => app.deps.database.db;
  app.addSchema(PolicyView);

  app.get(
    '/policies',
    {
      config: { authz: 'platform.read' },
      schema: {
        tags: ['policies'],
        security: bearer,
        summary: 'The policies releases are checked against, and the guardrails in force per environment type',
        operationId: 'listPolicies',
        response: {
          200: Type.Object({
            items: Type.Array(Type.Ref(PolicyView), {
              description: 'Every built-in policy, in the order they are documented',
            }),
            celPolicies: Type.Array(Type.Object(celPolicyViewFields), {
              description:
                'The policies platform engineers wrote in CEL, by name (checked in every environment they match)',
            }),
            environmentTypes: Type.Array(TypeGuardrails),
            freezes: Type.Array(FreezeInForce, { description: 'Deploy freezes that have not ended, soonest first' }),
          }),
          ...authErrors,
        },
      },
    },
    async () => {
      const now = app.deps.platform.now();
      const types = await listEnvironmentTypes(db());
      const freezes = await currentFreezes(db(), now);
      const cel = await listCelPolicies(db());
      return {
        celPolicies: cel.map(celPolicyView),
        items: builtinPolicies.map((p) => ({
          name: p.name,
          description: p.description,
          remedy: p.remedy ?? '',
          environmentTypes: types.filter((t) => t.policies.includes(p.name)).map((t) => t.name),
        })),
        environmentTypes: types.map((t) => ({
          name: t.name,
          policies: t.policies,
          requiresApproval: t.requiresApproval,
          approvalTtlSeconds: t.approvalTtlSeconds,
          ttlSeconds: t.ttlSeconds,
          access: accessOf(t),
          quota: Object.keys(t.quota ?? {}).length > 0,
        })),
        freezes: freezes.map((f) => ({
          name: f.name,
          mode: f.mode,
          reason: f.reason,
          startsAt: f.startsAt.toISOString(),
          endsAt: f.endsAt.toISOString(),
          active: f.startsAt <= now,
          environmentTypes: f.environmentTypes,
          environments: f.environments,
        })),
      };
    },
  );
}
