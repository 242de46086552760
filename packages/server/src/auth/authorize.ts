import { type Caller, SlipwayError } from '@slipway/core';
import type { FastifyRequest } from 'fastify';
import { decide } from '../access/authorizer.ts';
import { loadCaller } from '../access/facts.ts';
import { principalOf } from './authenticate.ts';
import type { AuthzRule } from './rules.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller's teams and bindings, read once per request. */
    caller?: Caller;
  }
}

/**
 * Authorizes every request in two steps. Rules about the caller alone (self, platform.read,
 * admin) are checked before the body is validated, so a caller without the right learns
 * nothing about what the route accepts; rules about objects need the validated request, and
 * are checked just before the handler. A route without a rule is refused to everyone, so
 * forgetting one fails closed (and the authorization matrix test names it).
 */
export async function authorizeCaller(request: FastifyRequest) {
  const config = request.routeOptions.config;
  if (config?.public || request.is404) return;
  const rule = config?.authz;
  if (typeof rule === 'object') return;
  if (!rule) {
    throw new SlipwayError('forbidden', `${request.method} ${request.routeOptions.url} has no authorization rule`, {
      hint: 'This is a bug in Slipway: every route must declare who may call it.',
    });
  }
  return check(request, rule);
}

export async function authorizeObjects(request: FastifyRequest) {
  const config = request.routeOptions.config;
  if (config?.public || request.is404 || typeof config?.authz !== 'object') return;
  return check(request, config.authz);
}

async function check(request: FastifyRequest, rule: AuthzRule) {
  // The caller's own objects need no teams or bindings: skip the two queries.
  if (rule === 'self') return;
  const caller = await callerOf(request);
  const decision = await decide(request.server.deps.database.db, caller, rule, request);
  if (!decision.allowed) {
    throw new SlipwayError('forbidden', decision.reason, {
      hint: 'Ask an admin or a maintainer of the team for a role binding: slipway role list shows yours.',
    });
  }
}

/** The authenticated caller's teams and bindings, loaded once per request. */
export async function callerOf(request: FastifyRequest): Promise<Caller> {
  if (!request.caller) {
    const principal = principalOf(request);
    const { authCache, deps } = request.server;
    request.caller = await authCache.caller(principal.userId, deps.platform.now().getTime(), () =>
      loadCaller(deps.database.db, principal),
    );
  }
  return request.caller;
}

/** A second check inside a handler, for requests that touch two objects (a clone reads its source). */
export async function authorizeAlso(request: FastifyRequest, rule: AuthzRule): Promise<void> {
  const decision = await decide(request.server.deps.database.db, await callerOf(request), rule, request);
  if (!decision.allowed) throw new SlipwayError('forbidden', decision.reason);
}
