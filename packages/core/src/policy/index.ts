import { invalidInput, type SlipwayError } from '../errors/index.ts';
import { builtinPolicies } from './builtin.ts';
import type { PolicyDefinition, PolicyInput, PolicyViolation } from './types.ts';

export { builtinPolicies } from './builtin.ts';
export type { PolicyDefinition, PolicyInput, PolicyViolation } from './types.ts';

/** Names of the built-in policies, sorted. */
export function policyNames(): string[] {
  return builtinPolicies.map((p) => p.name).sort();
}

const byName = (name: string): PolicyDefinition | undefined => builtinPolicies.find((p) => p.name === name);

/**
 * Runs the named policies over one release and returns every violation, policy by policy in the
 * order named (a name given twice runs once). Throws `invalid_input` for a name that is not a policy.
 */
export function evaluatePolicies(names: readonly string[], input: PolicyInput): PolicyViolation[] {
  const unique = [...new Set(names)];
  const unknown = unique.filter((n) => !byName(n));
  if (unknown.length) {
    const known = policyNames().join(', ');
    const listed = unknown.map((n) => `"${n}"`).join(', ');
    throw invalidInput(
      `Unknown ${unknown.length === 1 ? 'policy' : 'policies'} ${listed}; the policies are: ${known}`,
      [],
      `An environment type names its policies; use the names: ${known}`,
    );
  }
  const seen = new Set<string>();
  return unique.flatMap((name) =>
    (byName(name) as PolicyDefinition).check(input).filter((v) => {
      const key = `${v.policy}\n${v.path}\n${v.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
  );
}

/** The error that refuses a release which breaks the policies of its environment. */
export function policyError(environment: string, violations: PolicyViolation[]): SlipwayError {
  const n = violations.length;
  const broken = [...new Set(violations.map((v) => v.policy))];
  const remedies = broken.flatMap((name) => {
    const remedy = byName(name)?.remedy;
    return remedy ? [`${name}: ${remedy}`] : [];
  });
  const fix = remedies.length ? `To deploy, ${remedies.join('; ')}. ` : '';
  return invalidInput(
    `${n} policy violation${n === 1 ? '' : 's'} in environment ${environment}`,
    violations.map((v) => ({ path: v.path, message: `${v.policy}: ${v.message}` })),
    `${fix}A platform engineer sets these policies on the environment type of ${environment}.`,
  );
}
