import { type FieldIssue, invalidInput } from '../errors/index.ts';
import { isRole, type Role, roles } from './roles.ts';

/**
 * A role binding: a role given to a user or a team, over the whole platform, one team's
 * services and environments, or one service; optionally only for some environment types
 * (e.g. developers of team A may deploy to `development` and `preview`).
 */
export interface RoleBinding {
  role: Role;
  subject: { kind: 'user' | 'team'; name: string };
  scope: { kind: 'global' } | { kind: 'team'; team: string } | { kind: 'service'; service: string };
  /** Empty: every environment type. */
  environmentTypes: string[];
}

const dnsLabel = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const username = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/;

/** Checks a binding's fields, naming each bad one by its path in the request body. */
export function validateRoleBinding(binding: RoleBinding): RoleBinding {
  const issues: FieldIssue[] = [];
  if (!isRole(binding.role)) issues.push({ path: '/role', message: `must be one of: ${roles.join(', ')}` });
  const { subject, scope } = binding;
  const subjectPattern = subject.kind === 'user' ? username : dnsLabel;
  if (!subjectPattern.test(subject.name)) {
    issues.push({ path: '/subject/name', message: `not a valid ${subject.kind} name` });
  }
  if (scope.kind === 'team' && !dnsLabel.test(scope.team))
    issues.push({ path: '/scope/team', message: 'not a valid team name' });
  if (scope.kind === 'service' && !dnsLabel.test(scope.service))
    issues.push({ path: '/scope/service', message: 'not a valid service name' });
  binding.environmentTypes.forEach((type, i) => {
    if (!dnsLabel.test(type)) issues.push({ path: `/environmentTypes/${i}`, message: 'not a valid type name' });
  });
  if (binding.role === 'admin' && scope.kind !== 'global') {
    issues.push({ path: '/role', message: 'admin is a platform role: bind it with a global scope' });
  }
  if (issues.length > 0) throw invalidInput('The role binding is not valid', issues);
  return { ...binding, environmentTypes: [...new Set(binding.environmentTypes)].sort() };
}

/** A short human form: `developer of team payments on development, preview`. */
export function describeScope(binding: Pick<RoleBinding, 'scope' | 'environmentTypes'>): string {
  const { scope } = binding;
  const where =
    scope.kind === 'global' ? 'everything' : scope.kind === 'team' ? `team ${scope.team}` : `service ${scope.service}`;
  return binding.environmentTypes.length ? `${where} on ${binding.environmentTypes.join(', ')}` : where;
}
