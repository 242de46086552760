/**
 * Roles, from least to most: each includes what the ones before it may do.
 * - viewer: reads services, releases, environments of its scope.
 * - developer: deploys and rolls back where the environment type lets developers, manages
 *   its team's environments and environment-specific secrets.
 * - maintainer: also approves, deploys where only maintainers may (production by default),
 *   sets service-wide secrets and manages the team's members.
 * - admin: everything, including the platform's settings, bindings and the audit log.
 */
export const roles = ['viewer', 'developer', 'maintainer', 'admin'] as const;
export type Role = (typeof roles)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

export function roleRank(role: Role): number {
  return roles.indexOf(role);
}

export function atLeast(held: Role | null, needed: Role): boolean {
  return held !== null && roleRank(held) >= roleRank(needed);
}

/** The higher of two roles; null counts as no role. */
export function higherRole(a: Role | null, b: Role | null): Role | null {
  if (a === null) return b;
  if (b === null) return a;
  return roleRank(a) >= roleRank(b) ? a : b;
}
