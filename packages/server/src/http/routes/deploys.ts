import { Type } from '@sinclair/typebox';
import { parseScore, type ScoreWorkload, scoreLimits } from '@slipway/core';
import type { FastifyRequest } from 'fastify';
import { ownerFor } from '../../access/facts.ts';
import { principalOf } from '../../auth/authenticate.ts';
import { callerOf } from '../../auth/authorize.ts';
import type { ObjectRule } from '../../auth/rules.ts';
import { fromBody } from '../../auth/rules.ts';
import { releaseView } from '../../views/releases.ts';
import { setAuditTarget } from '../audit.ts';
import { authErrors, bearer, ErrorResponse } from '../schemas/common.ts';
import { DeployAccepted, DnsLabel } from '../schemas/releases.ts';
import type { TypedApp } from '../typed-app.ts';

const DeployBody = Type.Object(
  {
    environment: DnsLabel,
    workload: Type.Union(
      [Type.String({ minLength: 1, maxLength: scoreLimits.document }), Type.Object({}, { additionalProperties: true })],
      {
        description:
          'The Score file (score.dev/v1b1), as YAML or JSON text or as a JSON object; either form is held to the ' +
          'same limits per field (see "Limits" at the top of this reference)',
      },
    ),
    service: Type.Optional(DnsLabel),
    owner: Type.Optional({
      ...DnsLabel,
      description:
        'The team that owns the service if this is its first deploy; left out, your only team. Ignored afterwards',
    }),
    image: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: scoreLimits.image,
        description: "Overrides the image of containers whose image is '.' (or of the only container)",
      }),
    ),
    commit: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    commitTime: Type.Optional(
      Type.String({
        format: 'date-time',
        description:
          'When the commit was made (RFC 3339, e.g. from `git show -s --format=%cI`): the start of the lead time ' +
          'for changes (docs/analytics.md)',
      }),
    ),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    autoRollback: Type.Optional(
      Type.Boolean({ default: true, description: 'Roll back to the last healthy release if this one fails' }),
    ),
    files: Type.Optional(
      Type.Record(Type.String(), Type.String({ maxLength: scoreLimits.fileContent }), {
        description: 'Contents of the files the Score file names by `source`, keyed by that path',
      }),
    ),
  },
  { additionalProperties: false },
);

declare module 'fastify' {
  interface FastifyRequest {
    /** A deploy's Score file, parsed once per request: by the authorization rule or the handler. */
    score?: ScoreWorkload;
  }
}

/** The Score file of a deploy request, parsed (and checked) the first time it is asked for. */
function scoreOf(request: FastifyRequest): ScoreWorkload {
  request.score ??= parseScore(workloadOf(request));
  return request.score;
}

/** The body's `workload`, read on the untyped request an authorization rule gets (validation has run). */
function workloadOf(request: FastifyRequest): unknown {
  const body = request.body;
  return typeof body === 'object' && body !== null && 'workload' in body ? body.workload : undefined;
}

/**
 * Deploying needs the environment type's deploy role over the service. The service is the
 * one the body names, else the Score file's `metadata.name`: a file that cannot be read is
 * answered as the handler would (400, with the field), before anything else happens.
 */
const deployRule: ObjectRule = {
  permission: 'service.deploy',
  service: (request: FastifyRequest) => fromBody('service')(request) ?? scoreOf(request).metadata.name,
  environment: fromBody('environment'),
  owner: fromBody('owner'),
};

export async function deployRoutes(app: TypedApp) {
  app.post(
    '/deploys',
    {
      config: { authz: deployRule },
      schema: {
        tags: ['deploys'],
        summary: 'Deploys a Score workload to an environment',
        description:
          'Validates the Score file, provisions its resources, renders and dry-runs the objects with the API server, ' +
          'then stores an immutable release and returns at once (202); follow it at /releases/{id}. Any mistake is ' +
          'answered with 400 and the path of the offending field, and nothing is stored or applied.',
        operationId: 'createDeploy',
        security: bearer,
        body: DeployBody,
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
      const body = request.body;
      const owner = ownerFor(await callerOf(request), body.owner);
      setAuditTarget(request, 'environments', body.environment);
      const { release, warnings } = await app.deps.platform.deployments.deploy(
        { ...body, workload: scoreOf(request), owner },
        principalOf(request).username,
      );
      const view = await releaseView(app.deps.database.db, release);
      setAuditTarget(request, 'environments', body.environment, 'services', view.service);
      return reply.status(202).send({ release: view, warnings });
    },
  );
}
