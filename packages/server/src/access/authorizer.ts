/**
 * Applies a route's rule to its caller. Each permission gathers the facts it needs and hands
 * them to core's decisions. An object the request names that does not exist is judged as the
 * platform's (no owner): only global roles reach it, so probing for names tells a team member
 * no more than a refusal would; those callers then see the route's own 404.
 */
import {
  type Caller,
  canActForTeam,
  canApprove,
  canDeploy,
  canManageEnvironment,
  canManageService,
  canReadEnvironment,
  canReadService,
  canReadTeam,
  type Decision,
  type EnvironmentFacts,
  isAdmin,
  isMember,
  type ServiceFacts,
} from '@slipway/core';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { AuthzRule, ObjectRule } from '../auth/rules.ts';
import type { Schema } from '../db/schema.ts';
import { environmentFacts, ownerFor, proposedEnvironmentFacts, releaseFacts, serviceFacts } from './facts.ts';

const allowed: Decision = { allowed: true };

export async function decide(db: Kysely<Schema>, caller: Caller, rule: AuthzRule, request: FastifyRequest) {
  if (rule === 'self') return allowed;
  if (rule === 'platform.read') {
    return isMember(caller) ? allowed : refuse(`${caller.username} holds no role yet; ask an admin for one`);
  }
  if (rule === 'admin') return isAdmin(caller) ? allowed : refuse('Only admins may do this');
  return decideObject(db, caller, rule, request);
}

async function decideObject(db: Kysely<Schema>, caller: Caller, rule: ObjectRule, request: FastifyRequest) {
  const targets = await resolveTargets(db, caller, rule, request);
  const { service, environment } = targets;
  switch (rule.permission) {
    case 'service.read':
      return service ? canReadService(caller, service) : adminOnly(caller);
    case 'service.deploy':
      if (!service) return adminOnly(caller);
      // Without an environment the change reaches every environment: a maintainer's.
      return environment ? canDeploy(caller, service, environment) : canManageService(caller, service);
    case 'service.approve':
      return service && environment ? canApprove(caller, service, environment) : adminOnly(caller);
    case 'service.manage':
      return service ? canManageService(caller, service) : adminOnly(caller);
    case 'service.create':
      return canActForTeam(caller, ownerFor(caller, rule.team?.(request)), 'developer', 'Creating a service');
    case 'environment.read':
      return environment ? canReadEnvironment(caller, environment) : adminOnly(caller);
    case 'environment.manage':
      return environment ? canManageEnvironment(caller, environment) : adminOnly(caller);
    case 'team.read': {
      const team = rule.team?.(request);
      if (team) return canReadTeam(caller, team);
      return isMember(caller) ? allowed : refuse(`${caller.username} holds no role yet; ask an admin for one`);
    }
    case 'team.manage': {
      const team = rule.team?.(request);
      return team ? canActForTeam(caller, team, 'maintainer', `Changing team ${team}`) : adminOnly(caller);
    }
  }
}

interface Targets {
  service?: ServiceFacts;
  environment?: EnvironmentFacts;
}

async function resolveTargets(
  db: Kysely<Schema>,
  caller: Caller,
  rule: ObjectRule,
  request: FastifyRequest,
): Promise<Targets> {
  const releaseId = rule.release?.(request);
  if (releaseId) return (await releaseFacts(db, releaseId)) ?? {};
  const targets: Targets = {};
  const serviceName = rule.service?.(request);
  if (serviceName) {
    // A service not created yet is judged by the owner it would get.
    targets.service = (await serviceFacts(db, serviceName)) ?? {
      name: serviceName,
      ownerTeam: rule.owner ? ownerFor(caller, rule.owner(request)) : null,
    };
  }
  const proposed = await rule.newEnvironment?.(request);
  if (proposed) {
    const ownerTeam = ownerFor(caller, rule.owner?.(request));
    targets.environment = await proposedEnvironmentFacts(db, { ...proposed, ownerTeam });
  } else {
    const environmentName = rule.environment?.(request);
    if (environmentName) targets.environment = (await environmentFacts(db, environmentName)) ?? undefined;
  }
  return targets;
}

function adminOnly(caller: Caller): Decision {
  return isAdmin(caller) ? allowed : refuse('Only admins may act on what this request names');
}

function refuse(reason: string): Decision {
  return { allowed: false, reason };
}
