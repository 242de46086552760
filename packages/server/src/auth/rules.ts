import type { FastifyRequest } from 'fastify';

/**
 * What a route asks of its caller, declared on the route as `config: { authz: RULE }`.
 * A route that is neither public nor carries a rule is refused to everyone: deny by default.
 *
 * - `self`: any signed-in user; the handler only ever touches the caller's own objects.
 * - `platform.read`: any user holding at least one role binding (reads of platform settings).
 * - `admin`: an admin bound globally.
 * - an object rule: the permission on the service and/or environment the request names.
 */
export type AuthzRule = 'self' | 'platform.read' | 'admin' | ObjectRule;

export type ObjectPermission =
  /** Read a service, its releases, status and secret metadata (viewer). */
  | 'service.read'
  /** Deploy, promote or roll back into an environment (the environment type's deploy role). */
  | 'service.deploy'
  /** Approve or reject a release into an environment (the environment type's approve role). */
  | 'service.approve'
  /** Change a service itself: owner, service-wide secrets (maintainer). */
  | 'service.manage'
  /** Read an environment (shared ones: any bound user; team ones: viewer of the team). */
  | 'environment.read'
  /** Change, pause, resume or delete an environment (shared ones: admin). */
  | 'environment.manage'
  /** Create a service owned by a team (developer of the team; without a team: admin). */
  | 'service.create'
  /** Change a team's members (maintainer of the team). */
  | 'team.manage'
  /**
   * See a team's members and role bindings (its members, roles over it, admins). Without a
   * team named, a list of bindings for anyone with a role, which the handler filters by the
   * same rule (`canReadBinding`).
   */
  | 'team.read';

export interface ObjectRule {
  permission: ObjectPermission;
  /** The service's name, read from the request (params, query or body); validation has run. */
  service?: (request: FastifyRequest) => string | undefined;
  /** The environment's name, read from the request. */
  environment?: (request: FastifyRequest) => string | undefined;
  /** A release id: its service and environment are the targets. */
  release?: (request: FastifyRequest) => string | undefined;
  /** A team's name (team.read, team.manage, service.create). */
  team?: (request: FastifyRequest) => string | undefined;
  /**
   * For a request that may create what it names (a deploy of a new service, a new
   * environment): the owner team it asks for; left out, the caller's only team if they have one.
   */
  owner?: (request: FastifyRequest) => string | undefined;
  /** For a request that creates an environment: its name and type (environment.manage). */
  newEnvironment?: (
    request: FastifyRequest,
  ) => Promise<ProposedEnvironment | undefined> | ProposedEnvironment | undefined;
}

export interface ProposedEnvironment {
  name: string;
  type: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    authz?: AuthzRule;
  }
}

/** Reads a string a rule needs from the request's path parameters, query or body. */
export const fromParams = (key: string) => (request: FastifyRequest) => stringField(request.params, key);
export const fromQuery = (key: string) => (request: FastifyRequest) => stringField(request.query, key);
export const fromBody = (key: string) => (request: FastifyRequest) => stringField(request.body, key);

function stringField(source: unknown, key: string): string | undefined {
  if (typeof source !== 'object' || source === null) return undefined;
  const value = (source as Record<string, unknown>)[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
