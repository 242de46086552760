import type { FieldIssue } from '../errors/index.ts';
import type { VerificationCheck } from './checks.ts';
import { verificationIssues } from './verification.ts';

/**
 * A check a service declares for its own releases, beside those of the environment types it
 * runs in: its team knows which of its signals say a release is good (the queue it drains, the
 * p99 of its checkout call). It applies in environments of every type, or only of the types it
 * names (production alone, say).
 */
export interface ServiceCheck extends VerificationCheck {
  /** The environment types whose environments verify it; left out, all of them. */
  environmentTypes?: string[];
}

/**
 * The problems of a service's checks as written, each at its path under `at`: those of any
 * check, and types named twice or an empty list (which would apply nowhere: leave it out for
 * everywhere). Whether the types exist is the server's to say.
 */
export function serviceCheckIssues(checks: readonly ServiceCheck[], at: string): FieldIssue[] {
  const issues = verificationIssues(checks, at);
  for (const [i, check] of checks.entries()) {
    const types = check.environmentTypes;
    if (types === undefined) continue;
    const path = `${at}/${i}/environmentTypes`;
    if (types.length === 0)
      issues.push({ path, message: 'names no type: leave it out to verify in every environment' });
    for (const [j, type] of types.entries()) {
      if (types.indexOf(type) !== j) issues.push({ path: `${path}/${j}`, message: `${type} is named twice` });
    }
  }
  return issues;
}

/** Whether a service's check is verified in environments of `type`. */
export function appliesIn(check: ServiceCheck, type: string): boolean {
  return check.environmentTypes?.includes(type) ?? true;
}

/**
 * The checks a release in an environment of `type` must pass: the type's first, then the
 * service's that apply there. A service adds checks, it cannot loosen the platform's: one named
 * like a check of the type is left out (saving such a check is refused; this covers a type
 * that gained the name later).
 */
export function releaseChecks(
  typeChecks: readonly VerificationCheck[],
  serviceChecks: readonly ServiceCheck[],
  type: string,
): VerificationCheck[] {
  const taken = new Set(typeChecks.map((c) => c.name));
  const own = serviceChecks
    .filter((check) => appliesIn(check, type) && !taken.has(check.name))
    .map(({ environmentTypes: _types, ...check }) => ({ ...check, origin: 'service' as const }));
  return [...typeChecks.map((check) => ({ ...check, origin: 'environment-type' as const })), ...own];
}

/**
 * The problems of a service's checks against the types as they are: a type that does not
 * exist, or a check named like one of a type it applies in (it would never run there).
 */
export function serviceChecksAgainstTypes(
  checks: readonly ServiceCheck[],
  types: ReadonlyArray<{ name: string; checks: readonly VerificationCheck[] }>,
  at: string,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const known = new Set(types.map((t) => t.name));
  for (const [i, check] of checks.entries()) {
    for (const [j, type] of (check.environmentTypes ?? []).entries()) {
      if (!known.has(type))
        issues.push({ path: `${at}/${i}/environmentTypes/${j}`, message: `no environment type ${type}` });
    }
    const clash = types.find((t) => appliesIn(check, t.name) && t.checks.some((c) => c.name === check.name));
    if (clash) {
      issues.push({
        path: `${at}/${i}/name`,
        message: `environment type ${clash.name} has a check named ${check.name} already: name this one differently`,
      });
    }
  }
  return issues;
}
