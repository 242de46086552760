import { type Static, Type } from '@sinclair/typebox';
import { invalidInput, type RoleBinding } from '@slipway/core';
import { visibleBindings } from '../../access/visibility.ts';
import { principalOf } from '../../auth/authenticate.ts';
import { callerOf } from '../../auth/authorize.ts';
import { fromQuery } from '../../auth/rules.ts';
import { createRoleBinding, deleteRoleBinding, listRoleBindings } from '../../db/stores/role-bindings.ts';
import { roleBindingView } from '../../views/access.ts';
import { RoleBindingBody, RoleBindingView } from '../schemas/access.ts';
import { authErrors, bearer, ErrorResponse } from '../schemas/common.ts';
import { DnsLabel } from '../schemas/releases.ts';
import type { TypedApp } from '../typed-app.ts';

const Filter = Type.Object(
  {
    user: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    team: Type.Optional(DnsLabel),
    service: Type.Optional(DnsLabel),
  },
  { additionalProperties: false },
);

/** Role bindings: the admin's screen for who may do what, where. */
export async function roleBindingRoutes(app: TypedApp) {
  const db = () => app.deps.database.db;
  const common = { tags: ['access'], security: bearer };

  app.get(
    '/role-bindings',
    {
      // One rule with GET /teams/{name}: a team's bindings are seen by who may read the team.
      config: { authz: { permission: 'team.read', team: fromQuery('team') } },
      schema: {
        ...common,
        summary: 'Lists role bindings: held by a user or team, or scoped to a team or service',
        description:
          'Admins see every binding. Others see their own, those held by or given over a team they are in or ' +
          'hold a role over, and those over a service they may read; with `team`, that team must be one of those ' +
          '(else 403, as for GET /teams/{name}).',
        operationId: 'listRoleBindings',
        querystring: Filter,
        response: {
          200: Type.Object({ items: Type.Array(Type.Ref(RoleBindingView)) }),
          400: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const subject = q.user ? { kind: 'user' as const, name: q.user } : undefined;
      const items = await listRoleBindings(db(), {
        ...(subject ? { subject } : {}),
        ...(q.team ? { team: q.team } : {}),
        ...(q.service ? { service: q.service } : {}),
      });
      return { items: (await visibleBindings(db(), await callerOf(request), items)).map(roleBindingView) };
    },
  );

  app.post(
    '/role-bindings',
    {
      config: { authz: 'admin' },
      schema: {
        ...common,
        summary: 'Gives a user or a team a role, globally or over a team or a service',
        operationId: 'createRoleBinding',
        body: RoleBindingBody,
        response: {
          201: Type.Object({ binding: Type.Ref(RoleBindingView) }),
          400: Type.Ref(ErrorResponse),
          409: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const binding = await createRoleBinding(db(), toBinding(body), principalOf(request).username);
      return reply.status(201).send({ binding: roleBindingView(binding) });
    },
  );

  app.delete(
    '/role-bindings/:id',
    {
      config: { authz: 'admin' },
      schema: {
        ...common,
        summary: 'Removes a role binding (never the last global admin binding of a user)',
        operationId: 'deleteRoleBinding',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 204: Type.Null(), 404: Type.Ref(ErrorResponse), 409: Type.Ref(ErrorResponse), ...authErrors },
      },
    },
    async (request, reply) => {
      await deleteRoleBinding(db(), request.params.id);
      return reply.status(204).send(null);
    },
  );
}

/** The body's flat scope `{ kind, team?, service? }` as core's tagged scope. */
function toBinding(body: Static<typeof RoleBindingBody>): RoleBinding {
  const { scope } = body;
  const named = (key: 'team' | 'service') => {
    const value = scope[key];
    if (!value) throw invalidInput(`A ${key} scope names its ${key}`, [{ path: `/scope/${key}`, message: 'required' }]);
    return value;
  };
  const tagged: RoleBinding['scope'] =
    scope.kind === 'team'
      ? { kind: 'team', team: named('team') }
      : scope.kind === 'service'
        ? { kind: 'service', service: named('service') }
        : { kind: 'global' };
  return { role: body.role, subject: body.subject, scope: tagged, environmentTypes: body.environmentTypes };
}
