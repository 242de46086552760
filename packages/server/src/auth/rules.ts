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
  | 'environment.manage';

export interface ObjectRule {
  permission: ObjectPermission;
  /** The service's name, read from the request (params, query or body); validation has run. */
  service?: (request: FastifyRequest) => string | undefined;
  /** The environment's name, read from the request. */
  environment?: (request: FastifyRequest) => string | undefined;
  /** A release id: its service and environment are the targets. */
  release?: (request: FastifyRequest) => string | undefined;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    authz?: AuthzRule;
  }
}
