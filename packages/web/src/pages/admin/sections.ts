import type { Session } from '../../api/session';

/**
 * The admin area's sections and who may use them, mirroring the API's rules: tokens are every
 * signed-in user's own; platform settings are read by anyone holding a role (platform.read);
 * users, role bindings and the audit log are for global admins.
 */
export type Need = 'signed-in' | 'member' | 'admin';

export interface Section {
  path: string;
  label: string;
  need: Need;
}

export const sections: readonly Section[] = [
  { path: 'clusters', label: 'Clusters', need: 'member' },
  { path: 'environment-types', label: 'Environment types', need: 'member' },
  { path: 'provisioners', label: 'Provisioners', need: 'member' },
  { path: 'policies', label: 'Policies', need: 'member' },
  { path: 'access', label: 'Access', need: 'admin' },
  { path: 'tokens', label: 'API tokens', need: 'signed-in' },
  { path: 'audit', label: 'Audit log', need: 'admin' },
];

export function mayUse(access: Session['access'], need: Need): boolean {
  if (need === 'signed-in') return true;
  if (access.admin) return true;
  return need === 'member' && access.roles.length > 0;
}

export function visibleSections(access: Session['access']): Section[] {
  return sections.filter((s) => mayUse(access, s.need));
}
