import { Type } from '@sinclair/typebox';
import { notFound } from '@slipway/core';
import { fromParams } from '../../auth/rules.ts';
import { listRoleBindings } from '../../db/stores/role-bindings.ts';
import {
  addMember,
  createTeam,
  deleteTeam,
  getTeam,
  listMembers,
  listTeams,
  removeMember,
} from '../../db/stores/teams.ts';
import { getUserByUsername } from '../../db/stores/users.ts';
import { roleBindingView, teamView } from '../../views/access.ts';
import { RoleBindingView, TeamView, Username } from '../schemas/access.ts';
import { authErrors, bearer, ErrorResponse } from '../schemas/common.ts';
import { DnsLabel } from '../schemas/releases.ts';
import type { TypedApp } from '../typed-app.ts';

const Name = Type.Object({ name: DnsLabel });
const Member = Type.Object({ name: DnsLabel, username: Username });
const MemberView = Type.Object({
  username: Type.String(),
  displayName: Type.Union([Type.String(), Type.Null()]),
  source: Type.String(),
});
const TeamDetail = Type.Object({
  team: Type.Ref(TeamView),
  members: Type.Array(MemberView),
  bindings: Type.Array(Type.Ref(RoleBindingView), { description: 'Roles held by the team, and roles over it' }),
});
const errors = { 400: Type.Ref(ErrorResponse), 404: Type.Ref(ErrorResponse), ...authErrors };

/** Teams: they own services and environments; roles are bound to them. */
export async function teamRoutes(app: TypedApp) {
  const db = () => app.deps.database.db;
  const common = { tags: ['access'], security: bearer };

  app.get(
    '/teams',
    {
      config: { authz: 'platform.read' },
      schema: {
        ...common,
        summary: 'Lists teams',
        operationId: 'listTeams',
        response: { 200: Type.Object({ items: Type.Array(Type.Ref(TeamView)) }), ...authErrors },
      },
    },
    async () => ({ items: (await listTeams(db())).map(teamView) }),
  );

  app.post(
    '/teams',
    {
      config: { authz: 'admin' },
      schema: {
        ...common,
        summary: 'Creates a team',
        operationId: 'createTeam',
        body: Type.Object(
          { name: DnsLabel, displayName: Type.Optional(Type.String({ maxLength: 200 })) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ team: Type.Ref(TeamView) }), 409: Type.Ref(ErrorResponse), ...errors },
      },
    },
    async (request, reply) => {
      const body = request.body;
      return reply.status(201).send({ team: teamView(await createTeam(db(), body)) });
    },
  );

  app.get(
    '/teams/:name',
    {
      // Who is in a team and what it may do is for its members, those with a role over it and
      // admins; the list above tells everyone else the team's name. The same rule as GET /role-bindings.
      config: { authz: { permission: 'team.read', team: fromParams('name') } },
      schema: {
        ...common,
        summary: 'One team, its members and its role bindings',
        description: 'For members of the team, anyone holding a role over it, and admins; others get 403.',
        operationId: 'getTeam',
        params: Name,
        response: { 200: TeamDetail, ...errors },
      },
    },
    async (request) => {
      const { name } = request.params;
      const team = await getTeam(db(), name);
      if (!team) throw notFound(`Team ${name}`, 'slipway team list shows the teams there are');
      const held = await listRoleBindings(db(), { subject: { kind: 'team', name } });
      const over = await listRoleBindings(db(), { team: name });
      const bindings = [...held, ...over.filter((b) => !held.some((h) => h.id === b.id))];
      return { team: teamView(team), members: await listMembers(db(), name), bindings: bindings.map(roleBindingView) };
    },
  );

  app.delete(
    '/teams/:name',
    {
      config: { authz: 'admin' },
      schema: {
        ...common,
        summary: 'Deletes a team that owns nothing (its memberships and bindings go with it)',
        operationId: 'deleteTeam',
        params: Name,
        response: { 204: Type.Null(), 409: Type.Ref(ErrorResponse), ...errors },
      },
    },
    async (request, reply) => {
      await deleteTeam(db(), request.params.name);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/teams/:name/members/:username',
    {
      config: { authz: { permission: 'team.manage', team: fromParams('name') } },
      schema: {
        ...common,
        summary: "Adds a member to a team (the team's maintainers and admins)",
        operationId: 'addTeamMember',
        params: Member,
        response: { 200: Type.Object({ members: Type.Array(MemberView) }), ...errors },
      },
    },
    async (request) => {
      const { name, username } = request.params;
      const { userId } = await teamAndUser(name, username);
      await addMember(db(), name, userId);
      return { members: await listMembers(db(), name) };
    },
  );

  app.delete(
    '/teams/:name/members/:username',
    {
      config: { authz: { permission: 'team.manage', team: fromParams('name') } },
      schema: {
        ...common,
        summary: 'Removes a member from a team',
        operationId: 'removeTeamMember',
        params: Member,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const { name, username } = request.params;
      const { userId } = await teamAndUser(name, username);
      if (!(await removeMember(db(), name, userId))) throw notFound(`${username} in team ${name}`);
      return reply.status(204).send(null);
    },
  );

  async function teamAndUser(team: string, username: string) {
    if (!(await getTeam(db(), team))) throw notFound(`Team ${team}`);
    const user = await getUserByUsername(db(), username);
    if (!user) throw notFound(`User ${username}`, 'Users appear when they first sign in, or an admin creates them');
    return { userId: user.id };
  }
}
