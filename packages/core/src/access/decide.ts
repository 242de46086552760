import type { RoleBinding } from './bindings.ts';
import { atLeast, higherRole, type Role } from './roles.ts';

/**
 * Authorization decisions, pure: who the caller is (their teams and the bindings that name
 * them or their teams) against the facts of what they touch. The server gathers the facts;
 * this decides, and says why in words a person can act on.
 */
export interface Caller {
  username: string;
  teams: readonly string[];
  /** Bindings naming the user or one of their teams. */
  bindings: readonly RoleBinding[];
}

export interface ServiceFacts {
  name: string;
  /** Null: the platform's; only global bindings reach it. */
  ownerTeam: string | null;
}

export interface EnvironmentFacts {
  name: string;
  type: string;
  /** Null: a shared environment, the platform's. */
  ownerTeam: string | null;
  access: EnvironmentAccess;
}

/** What an environment type asks: the least role to deploy to, and to approve releases for, its environments. */
export interface EnvironmentAccess {
  deploy: Role;
  approve: Role;
}

export type Decision = { allowed: true } | { allowed: false; reason: string };

const allow: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, reason });

/** A global admin binding valid for every environment type: the platform's administrators. */
export function isAdmin(caller: Caller): boolean {
  return caller.bindings.some((b) => b.role === 'admin' && b.scope.kind === 'global' && !b.environmentTypes.length);
}

/** Anyone holding any role somewhere: a member of the platform, who may read its settings. */
export function isMember(caller: Caller): boolean {
  return caller.bindings.length > 0;
}

/**
 * The caller's highest role over a service. With `environmentType`, only bindings valid for
 * that type count; with `anyType`, bindings restricted to some types count too (reading a
 * service does not depend on where it runs); otherwise only unrestricted bindings count.
 */
export function roleOnService(
  caller: Caller,
  service: ServiceFacts,
  environmentType?: string,
  anyType = false,
): Role | null {
  return highest(caller, environmentType, anyType, (scope) => {
    if (scope.kind === 'global') return true;
    if (scope.kind === 'service') return scope.service === service.name;
    return service.ownerTeam !== null && scope.team === service.ownerTeam;
  });
}

/** The caller's highest role over a team's services and environments. */
export function roleOnTeam(caller: Caller, team: string, environmentType?: string, anyType = false): Role | null {
  return highest(
    caller,
    environmentType,
    anyType,
    (scope) => scope.kind === 'global' || (scope.kind === 'team' && scope.team === team),
  );
}

function highest(
  caller: Caller,
  environmentType: string | undefined,
  anyType: boolean,
  covers: (scope: RoleBinding['scope']) => boolean,
): Role | null {
  let role: Role | null = null;
  for (const binding of caller.bindings) {
    if (!covers(binding.scope)) continue;
    const types = binding.environmentTypes;
    const fits = anyType || types.length === 0 || (environmentType !== undefined && types.includes(environmentType));
    if (fits) role = higherRole(role, binding.role);
  }
  return role;
}

export function canReadService(caller: Caller, service: ServiceFacts): Decision {
  if (atLeast(roleOnService(caller, service, undefined, true), 'viewer')) return allow;
  return deny(`${caller.username} has no role on service ${service.name}${owned(service.ownerTeam)}`);
}

/**
 * Deploying (also promoting into, rolling back in, or setting secrets for) an environment:
 * the role the environment's type asks for, over the service, valid for that type; and the
 * environment must be shared, the service team's own, or one the caller develops in.
 */
export function canDeploy(caller: Caller, service: ServiceFacts, environment: EnvironmentFacts): Decision {
  const needed = environment.access.deploy;
  const held = roleOnService(caller, service, environment.type);
  if (!atLeast(held, needed)) {
    return deny(
      `Deploying ${service.name} to ${environment.name} (type ${environment.type}) needs the ${needed} role ` +
        `on the service${owned(service.ownerTeam)}; ${caller.username} has ${held ?? 'none'} there`,
    );
  }
  const envTeam = environment.ownerTeam;
  if (envTeam === null || envTeam === service.ownerTeam) return allow;
  if (atLeast(roleOnTeam(caller, envTeam, environment.type), 'developer')) return allow;
  return deny(`Environment ${environment.name} belongs to team ${envTeam}, where ${caller.username} is no developer`);
}

/** Changing a service in every environment at once (owner, service-wide secrets): a maintainer's. */
export function canManageService(caller: Caller, service: ServiceFacts): Decision {
  const held = roleOnService(caller, service);
  if (atLeast(held, 'maintainer')) return allow;
  return deny(
    `Changing service ${service.name} in every environment needs the maintainer role on it${owned(service.ownerTeam)}; ` +
      `${caller.username} has ${held ?? 'none'}`,
  );
}

/** Approving or rejecting a release: the type's approve role over the service, for that type. */
export function canApprove(caller: Caller, service: ServiceFacts, environment: EnvironmentFacts): Decision {
  const needed = environment.access.approve;
  const held = roleOnService(caller, service, environment.type);
  if (atLeast(held, needed)) return allow;
  return deny(
    `Approving releases of ${service.name} to ${environment.name} needs the ${needed} role on the service; ` +
      `${caller.username} has ${held ?? 'none'} there`,
  );
}

/** Shared environments are visible to every member; a team's, to the team's viewers. */
export function canReadEnvironment(
  caller: Caller,
  environment: Pick<EnvironmentFacts, 'name' | 'ownerTeam'>,
): Decision {
  const team = environment.ownerTeam;
  if (team === null ? isMember(caller) : atLeast(roleOnTeam(caller, team, undefined, true), 'viewer')) return allow;
  return deny(`${caller.username} has no role on environment ${environment.name}${owned(team)}`);
}

/**
 * Creating, changing, pausing, resuming or deleting an environment. Shared ones are the
 * platform's (admins); a team's need a developer of the team, or the type's deploy role if higher.
 */
export function canManageEnvironment(caller: Caller, environment: EnvironmentFacts): Decision {
  const team = environment.ownerTeam;
  if (team === null) {
    if (isAdmin(caller)) return allow;
    return deny(`Environment ${environment.name} is shared: only admins manage it; give it an owner team instead`);
  }
  const needed = higherRole('developer', environment.access.deploy) as Role;
  const held = roleOnTeam(caller, team, environment.type);
  if (atLeast(held, needed)) return allow;
  return deny(
    `Managing environment ${environment.name} of team ${team} needs the ${needed} role on the team for type ` +
      `${environment.type}; ${caller.username} has ${held ?? 'none'}`,
  );
}

/**
 * Seeing who is in a team and which roles it holds and gives: its members, anyone with a role
 * over it (a viewer of the team's services sees who runs them), and global roles. Everyone
 * else with a role learns only that the team exists, from the list of teams.
 */
export function canReadTeam(caller: Caller, team: string): Decision {
  if (caller.teams.includes(team) || atLeast(roleOnTeam(caller, team, undefined, true), 'viewer')) return allow;
  return deny(`${caller.username} is not in team ${team} and has no role over it; only its name is visible`);
}

/**
 * One role binding, under the same rule as the team it concerns: the caller's own, those held
 * by or given over a team the caller may read (`canReadTeam`), those over a service the caller
 * may read; the rest (other people's global roles, say) only admins see.
 */
export function canReadBinding(caller: Caller, binding: RoleBinding, service?: ServiceFacts): boolean {
  if (isAdmin(caller)) return true;
  const { subject, scope } = binding;
  if (subject.kind === 'user' && subject.name === caller.username) return true;
  if (subject.kind === 'team' && canReadTeam(caller, subject.name).allowed) return true;
  if (scope.kind === 'team') return canReadTeam(caller, scope.team).allowed;
  if (scope.kind === 'service') return service !== undefined && canReadService(caller, service).allowed;
  return false;
}

/** Creating a service owned by a team, or changing a team's members: a developer, or a maintainer. */
export function canActForTeam(caller: Caller, team: string | null, needed: Role, what: string): Decision {
  if (team === null) {
    if (isAdmin(caller)) return allow;
    return deny(`${what} without an owner team is for admins; name the team that owns it`);
  }
  const held = roleOnTeam(caller, team);
  if (atLeast(held, needed)) return allow;
  return deny(`${what} needs the ${needed} role on team ${team}; ${caller.username} has ${held ?? 'none'}`);
}

function owned(team: string | null): string {
  return team === null ? ' (a platform service, reached only by global roles)' : ` (owned by team ${team})`;
}
