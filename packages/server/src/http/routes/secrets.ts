import { type Static, Type } from '@sinclair/typebox';
import { secretNameMaxLength, secretNamePattern, secretValueMaxBytes } from '@slipway/core';
import type { FastifyRequest } from 'fastify';
import { principalOf } from '../../auth/authenticate.ts';
import { fromBody, fromParams, fromQuery, type ObjectRule } from '../../auth/rules.ts';
import type { SecretVariableMeta } from '../../db/stores/secret-variables.ts';
import { setAuditTarget } from '../audit.ts';
import { authErrors, bearer, ErrorResponse } from '../schemas/common.ts';
import { DnsLabel } from '../schemas/releases.ts';
import type { TypedApp } from '../typed-app.ts';

const SecretName = Type.String({
  minLength: 1,
  maxLength: secretNameMaxLength,
  pattern: secretNamePattern.source,
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholder as Score files write it
  description: 'Letters, digits and _, not starting with a digit; read in Score files as ${secrets.NAME}',
});
const Params = Type.Object({ service: DnsLabel, name: SecretName });
const SecretBody = Type.Object(
  {
    value: Type.String({
      minLength: 1,
      // In characters here; the service checks the limit in bytes of UTF-8.
      maxLength: secretValueMaxBytes,
      description: `The value, at most ${secretValueMaxBytes} bytes of UTF-8. Write-only: never returned.`,
    }),
    environment: Type.Optional({
      ...DnsLabel,
      description: 'Set it for this environment only; left out: for every environment without its own value',
    }),
  },
  { additionalProperties: false },
);
const EnvironmentQuery = Type.Object(
  {
    environment: Type.Optional({
      ...DnsLabel,
      description: "The environment's own value; left out: the service-wide value",
    }),
  },
  { additionalProperties: false },
);
const SecretVariableView = Type.Object(
  {
    name: Type.String(),
    environment: Type.Union([Type.String(), Type.Null()], {
      description: 'The environment it is set for; null: every environment without its own value',
    }),
    version: Type.Integer({ description: 'Counts the writes of this value' }),
    createdBy: Type.String(),
    updatedBy: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'SecretVariableView', description: 'A secret variable without its value: values are never returned' },
);

type KeyParams = Static<typeof Params>;
const serviceOf = fromParams('service');

/**
 * The writes name the environment they act in: the authorizer treats service.deploy without
 * an environment (a service-wide value, which every environment reads) as needing the
 * service's maintainer role.
 */
const writeRule = (environment: (r: FastifyRequest) => string | undefined): ObjectRule => ({
  permission: 'service.deploy',
  service: serviceOf,
  environment,
});

/**
 * Secret variables per service and environment: write-only values that Score files read as
 * `${secrets.NAME}`. Values are sealed on arrival and never come back: every answer holds
 * metadata only. The audit log records each write without its body.
 */
export async function secretRoutes(app: TypedApp) {
  const secrets = () => app.deps.platform.secrets;
  const common = { tags: ['secrets'], security: bearer };
  app.addSchema(SecretVariableView);

  app.get(
    '/services/:service/secrets',
    {
      schema: {
        ...common,
        summary: "Lists a service's secret variables: names, scopes and versions, never values",
        operationId: 'listSecretVariables',
        params: Type.Object({ service: DnsLabel }),
        response: {
          200: Type.Object({ items: Type.Array(Type.Ref(SecretVariableView)) }),
          404: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
      config: { authz: { permission: 'service.read', service: serviceOf } },
    },
    async (request) => ({ items: (await secrets().list(request.params.service)).map(view) }),
  );

  app.put(
    '/services/:service/secrets/:name',
    {
      schema: {
        ...common,
        summary: 'Sets a secret variable for a service, or for one of its environments',
        description:
          'Creates the value (201) or replaces it (200), sealed at rest. It takes effect on the next deploy ' +
          'of the service to the environments that read it.',
        operationId: 'setSecretVariable',
        params: Params,
        body: SecretBody,
        response: {
          200: Type.Object({ secret: Type.Ref(SecretVariableView) }),
          201: Type.Object({ secret: Type.Ref(SecretVariableView) }),
          400: Type.Ref(ErrorResponse),
          404: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
      config: { authz: writeRule(fromBody('environment')) },
    },
    async (request, reply) => {
      const p = request.params;
      const body = request.body;
      setAuditTarget(request, ...auditTarget(p, body.environment));
      const { created, variable } = await secrets().set(
        { service: p.service, name: p.name, environment: body.environment },
        body.value,
        principalOf(request).username,
      );
      return reply.status(created ? 201 : 200).send({ secret: view(variable) });
    },
  );

  app.delete(
    '/services/:service/secrets/:name',
    {
      schema: {
        ...common,
        summary: 'Deletes a secret variable',
        description:
          "Later deploys read the service-wide value instead (for an environment's own), or are refused when " +
          'there is none; running workloads keep the value until their next deploy.',
        operationId: 'deleteSecretVariable',
        params: Params,
        querystring: EnvironmentQuery,
        response: { 204: Type.Null(), 400: Type.Ref(ErrorResponse), 404: Type.Ref(ErrorResponse), ...authErrors },
      },
      config: { authz: writeRule(fromQuery('environment')) },
    },
    async (request, reply) => {
      const p = request.params;
      const { environment } = request.query;
      setAuditTarget(request, ...auditTarget(p, environment));
      await secrets().remove({ service: p.service, name: p.name, environment });
      return reply.status(204).send(null);
    },
  );
}

/** `services/shop/secrets/DB_PASSWORD`, or `…/environments/prod/secrets/…` for an environment's own. */
function auditTarget(p: KeyParams, environment: string | undefined): string[] {
  return environment
    ? ['services', p.service, 'environments', environment, 'secrets', p.name]
    : ['services', p.service, 'secrets', p.name];
}

function view(v: SecretVariableMeta) {
  return {
    name: v.name,
    environment: v.environment,
    version: v.version,
    createdBy: v.createdBy,
    updatedBy: v.updatedBy,
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
  };
}
