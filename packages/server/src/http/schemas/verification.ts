import { Type } from '@sinclair/typebox';
import { checkDefaults, comparisons, maxChecks } from '@slipway/core';
import { DnsLabel } from './releases.ts';

const checkProperties = {
  name: Type.String({ pattern: '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$', examples: ['error-ratio'] }),
  query: Type.String({
    minLength: 1,
    maxLength: 4000,
    description: 'PromQL with the placeholders $namespace, $service, $environment, $pods, $rate',
  }),
  condition: Type.Object(
    {
      op: Type.Union(comparisons.map((c) => Type.Literal(c))),
      threshold: Type.Number(),
    },
    { additionalProperties: false, description: 'What every series of the answer must meet, e.g. < 0.01' },
  ),
  intervalSeconds: Type.Optional(Type.Integer({ minimum: 10, maximum: 3600, default: checkDefaults.intervalSeconds })),
  durationSeconds: Type.Optional(
    Type.Integer({ minimum: 10, maximum: 86_400, default: checkDefaults.durationSeconds }),
  ),
  failureLimit: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 1000,
      default: checkDefaults.failureLimit,
      description: 'Failed samples tolerated',
    }),
  ),
  inconclusive: Type.Optional(
    Type.Union([Type.Literal('fail'), Type.Literal('pass')], {
      default: checkDefaults.inconclusive,
      description: 'What the check becomes when too few samples could be decided (Prometheus unreachable, no series)',
    }),
  ),
};

/** A check as an environment type declares it. */
export const VerificationCheck = Type.Object(checkProperties, { additionalProperties: false });

/** A check as a service declares it: a type's, and where it applies. */
export const ServiceCheck = Type.Object(
  {
    ...checkProperties,
    environmentTypes: Type.Optional(
      Type.Array(DnsLabel, {
        maxItems: 50,
        description: 'The environment types whose environments verify it; left out, all of them',
      }),
    ),
  },
  { additionalProperties: false },
);

export const ServiceChecksBody = Type.Object(
  {
    checks: Type.Array(ServiceCheck, {
      maxItems: maxChecks,
      description: "All of the service's checks, replacing those it had; an empty list removes them",
    }),
  },
  { additionalProperties: false },
);
