import { type Static, Type } from '@sinclair/typebox';
import { type CelPolicy, compileCelPolicy, invalidInput } from '@slipway/core';
import { principalOf } from '../../auth/authenticate.ts';
import {
  type CelPolicyRecord,
  deleteCelPolicy,
  getCelPolicy,
  listCelPolicies,
  putCelPolicy,
} from '../../db/stores/cel-policies.ts';
import { dryRunCelPolicy } from '../../deploy/cel-policies.ts';
import { authErrors, bearer, ErrorResponse } from '../schemas/common.ts';
import { DnsLabel } from '../schemas/releases.ts';
import type { TypedApp } from '../typed-app.ts';

const Names = (what: string) =>
  Type.Array(Type.String({ minLength: 1, maxLength: 253 }), { maxItems: 100, description: what });

const CelMatch = Type.Object(
  {
    environmentTypes: Type.Optional(Names('Environment types it applies to; empty or absent: all')),
    teams: Type.Optional(Names('Owning teams it applies to; empty or absent: all')),
    services: Type.Optional(Names('Services it applies to; empty or absent: all')),
  },
  { additionalProperties: false, description: 'Where it applies: lists are ORed within, ANDed across' },
);

const CelPolicyFields = {
  expression: Type.String({ minLength: 1, maxLength: 4096, description: 'CEL, true when the release passes' }),
  messageExpression: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 4096,
      description: 'CEL giving the message: a string, or a map {message, path} naming the offending field',
    }),
  ),
  remedy: Type.Optional(Type.String({ maxLength: 1000, description: 'The fix, in plain words' })),
  severity: Type.Union([Type.Literal('enforce'), Type.Literal('warn'), Type.Literal('audit')], {
    description: 'enforce refuses the release; warn lets it through with a warning; audit only records it',
  }),
  match: Type.Optional(CelMatch),
};

const CelPolicyBody = Type.Object(CelPolicyFields, { additionalProperties: false });
const NamedCelPolicy = Type.Object({ name: DnsLabel, ...CelPolicyFields }, { additionalProperties: false });

/** A CEL policy as the API shows it (GET /policies shows the same beside the built-ins). */
export const celPolicyViewFields = {
  name: Type.String(),
  expression: Type.String(),
  messageExpression: Type.Optional(Type.String()),
  remedy: Type.String(),
  severity: Type.String(),
  match: Type.Object({
    environmentTypes: Type.Array(Type.String()),
    teams: Type.Array(Type.String()),
    services: Type.Array(Type.String()),
  }),
  createdBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedBy: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
};
const CelPolicyView = Type.Object(celPolicyViewFields, { $id: 'CelPolicyView' });

const DryRunViolator = Type.Object({
  service: Type.String(),
  environment: Type.String(),
  release: Type.Integer({ description: 'The release number in its environment' }),
  releaseId: Type.String(),
  message: Type.String(),
  path: Type.Optional(Type.String({ description: 'JSON Pointer of the offending field, when the message names it' })),
});

/**
 * Policies written in CEL by platform engineers (docs/cel.md): compiled on save, so a bad
 * expression is a 400 naming the field and line:column; enforced at every deploy and promotion
 * (deploy/cel-policies.ts). A dry run shows which running releases a policy would refuse.
 */
export async function celPolicyRoutes(app: TypedApp) {
  const db = () => app.deps.database.db;
  const common = { tags: ['policies'], security: bearer };
  app.addSchema(CelPolicyView);

  app.get(
    '/policies/cel',
    {
      config: { authz: 'platform.read' },
      schema: {
        ...common,
        summary: 'Lists the CEL policies, by name',
        operationId: 'listCelPolicies',
        response: { 200: Type.Object({ items: Type.Array(Type.Ref(CelPolicyView)) }), ...authErrors },
      },
    },
    async () => ({ items: (await listCelPolicies(db())).map(celPolicyView) }),
  );

  app.put(
    '/policies/cel/:name',
    {
      config: { authz: 'admin' },
      schema: {
        ...common,
        summary: 'Creates or replaces a CEL policy; its expressions are compiled and type-checked first',
        operationId: 'putCelPolicy',
        params: Type.Object({ name: DnsLabel }),
        body: CelPolicyBody,
        response: {
          200: Type.Object({ policy: Type.Ref(CelPolicyView) }),
          201: Type.Object({ policy: Type.Ref(CelPolicyView) }),
          400: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const policy = { name: request.params.name, ...request.body } as CelPolicy;
      compileCelPolicy(policy);
      const now = app.deps.platform.now();
      const { record, created } = await putCelPolicy(db(), policy, principalOf(request).username, now);
      return reply.status(created ? 201 : 200).send({ policy: celPolicyView(record) });
    },
  );

  app.delete(
    '/policies/cel/:name',
    {
      config: { authz: 'admin' },
      schema: {
        ...common,
        summary: 'Removes a CEL policy: releases are no longer checked against it',
        operationId: 'deleteCelPolicy',
        params: Type.Object({ name: DnsLabel }),
        response: { 204: Type.Null(), 404: Type.Ref(ErrorResponse), ...authErrors },
      },
    },
    async (request, reply) => {
      await deleteCelPolicy(db(), request.params.name);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/policies/cel/dry-run',
    {
      config: { authz: 'admin' },
      schema: {
        ...common,
        summary: 'Lists the current releases a CEL policy would refuse, without enforcing it',
        description:
          'Evaluates the policy given in the body (not saved), or the saved one named by `name`, against the current ' +
          'release of every service in every environment (the newest healthy one, else the newest applied).',
        operationId: 'dryRunCelPolicy',
        querystring: Type.Object({ name: Type.Optional(DnsLabel) }),
        body: Type.Object({ policy: Type.Optional(NamedCelPolicy) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            policy: Type.String(),
            evaluated: Type.Integer({ description: 'Current releases the policy applies to' }),
            violators: Type.Array(DryRunViolator),
          }),
          400: Type.Ref(ErrorResponse),
          404: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const policy = await dryRunSubject(request.query.name, request.body.policy);
      const compiled = compileCelPolicy(policy, request.body.policy ? '/policy' : '');
      const { platform } = app.deps;
      const result = await dryRunCelPolicy(db(), platform.keyRing, compiled, platform.now());
      return { policy: policy.name, ...result };
    },
  );

  async function dryRunSubject(name: string | undefined, given: Static<typeof NamedCelPolicy> | undefined) {
    if (given && name) {
      throw invalidInput('Give a policy or the name of a saved one, not both', [
        { path: '/policy', message: 'given with ?name=' },
      ]);
    }
    if (given) return given as CelPolicy;
    if (name) return await getCelPolicy(db(), name);
    throw invalidInput('Give a policy in the body, or the name of a saved one', [
      { path: '/policy', message: 'required without ?name=' },
    ]);
  }
}

export function celPolicyView(p: CelPolicyRecord) {
  return {
    name: p.name,
    expression: p.expression,
    ...(p.messageExpression === undefined ? {} : { messageExpression: p.messageExpression }),
    remedy: p.remedy,
    severity: p.severity,
    match: {
      environmentTypes: p.match?.environmentTypes ?? [],
      teams: p.match?.teams ?? [],
      services: p.match?.services ?? [],
    },
    createdBy: p.createdBy,
    createdAt: p.createdAt.toISOString(),
    updatedBy: p.updatedBy,
    updatedAt: p.updatedAt.toISOString(),
  };
}
