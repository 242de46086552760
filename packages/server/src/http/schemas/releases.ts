import { Type } from '@sinclair/typebox';

const statuses = ['queued', 'applying', 'progressing', 'healthy', 'degraded', 'failed', 'superseded'];
const nullableDate = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

export const ReleaseView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    service: Type.String(),
    environment: Type.String(),
    number: Type.Integer({ description: 'Counts up per service and environment' }),
    status: Type.Union(statuses.map((s) => Type.Literal(s))),
    message: Type.String(),
    contentHash: Type.String({ description: 'sha256 of the rendered objects' }),
    image: Type.Union([Type.String(), Type.Null()]),
    commit: Type.Union([Type.String(), Type.Null()]),
    createdBy: Type.String(),
    reason: Type.Union([Type.String(), Type.Null()]),
    rollbackOf: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    autoRollback: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
    startedAt: nullableDate,
    finishedAt: nullableDate,
    health: Type.Union([
      Type.Object(
        {},
        {
          additionalProperties: true,
          description: 'The rollout verdict: status, message, resources, pod failures with fixes, progress',
        },
      ),
      Type.Null(),
    ]),
  },
  { $id: 'ReleaseView' },
);

export const EnvironmentView = Type.Object(
  {
    name: Type.String(),
    type: Type.String(),
    namespace: Type.String(),
    domain: Type.Optional(Type.String()),
    routeKind: Type.Union([Type.Literal('Ingress'), Type.Literal('HTTPRoute')]),
    defaults: Type.Object({}, { additionalProperties: true }),
  },
  { $id: 'EnvironmentView' },
);

/** DNS label: what Kubernetes accepts for names of namespaces, services, environments. */
export const DnsLabel = Type.String({ minLength: 1, maxLength: 63, pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' });
