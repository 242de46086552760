import type { FieldIssue } from '../errors/slipway-error.ts';
import { SlipwayError } from '../errors/slipway-error.ts';
import { type CelProgram, compileCel } from './compile.ts';
import type { CelContext } from './context.ts';

export const celSeverities = ['enforce', 'warn', 'audit'] as const;
export type CelSeverity = (typeof celSeverities)[number];

/**
 * A policy written in CEL. `expression` must be true for a release to pass (as in Kubernetes
 * ValidatingAdmissionPolicy). `messageExpression` may return a string, or a map
 * `{message, path}` naming the offending field.
 */
export interface CelPolicy {
  name: string;
  expression: string;
  messageExpression?: string;
  /** enforce blocks the deploy, warn lets it through with a warning, audit only records. */
  severity: CelSeverity;
  /** The fix, in plain words, shown with every violation (e.g. "pin the image to a version"). */
  remedy?: string;
  /** Where the policy applies; an absent or empty list means everywhere. */
  match?: { environmentTypes?: string[]; teams?: string[]; services?: string[] };
}

export interface CompiledCelPolicy {
  policy: CelPolicy;
  expression: CelProgram;
  message: CelProgram | null;
}

export interface CelViolation {
  policy: string;
  severity: CelSeverity;
  message: string;
  /** JSON Pointer to the offending field when the message expression names one. */
  path?: string;
  /** The policy's fix, when it has one. */
  remedy?: string;
}

const namePattern = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Validates and compiles policies (compile on save); one error lists every bad field. */
export function compileCelPolicies(policies: readonly CelPolicy[], pointer = ''): CompiledCelPolicy[] {
  const issues: FieldIssue[] = [];
  const compiled: CompiledCelPolicy[] = [];
  const seen = new Set<string>();
  policies.forEach((policy, i) => {
    const one = checkPolicy(policy, `${pointer}/${i}`, issues);
    if (typeof policy.name === 'string' && seen.has(policy.name)) {
      issues.push({ path: `${pointer}/${i}/name`, message: `duplicate policy name ${policy.name}` });
    }
    seen.add(policy.name);
    if (one) compiled.push(one);
  });
  throwIssues(issues);
  return compiled;
}

/** One policy, its fields addressed from `pointer` (`` for a policy that is the whole request body). */
export function compileCelPolicy(policy: CelPolicy, pointer = ''): CompiledCelPolicy {
  const issues: FieldIssue[] = [];
  const compiled = checkPolicy(policy, pointer, issues);
  throwIssues(issues);
  return compiled as CompiledCelPolicy;
}

function throwIssues(issues: FieldIssue[]): void {
  if (issues.length === 0) return;
  throw new SlipwayError('invalid_input', `${issues.length} problem(s) in CEL policies: ${issues[0]?.message}`, {
    fields: issues,
    hint: 'See docs/cel.md for the expression language and the variables it can use.',
  });
}

function checkPolicy(policy: CelPolicy, at: string, issues: FieldIssue[]): CompiledCelPolicy | null {
  const before = issues.length;
  if (typeof policy.name !== 'string' || !namePattern.test(policy.name)) {
    issues.push({ path: `${at}/name`, message: 'must be a DNS label, e.g. no-latest-tag' });
  }
  if (!celSeverities.includes(policy.severity)) {
    issues.push({ path: `${at}/severity`, message: `must be one of ${celSeverities.join(', ')}` });
  }
  if (policy.remedy !== undefined && typeof policy.remedy !== 'string') {
    issues.push({ path: `${at}/remedy`, message: 'must be text' });
  }
  const expression = compileField(policy.expression, `${at}/expression`, ['bool'], issues);
  const message =
    policy.messageExpression === undefined
      ? null
      : compileField(policy.messageExpression, `${at}/messageExpression`, ['string', 'map'], issues);
  return issues.length === before && expression ? { policy, expression, message } : null;
}

function compileField(source: unknown, path: string, types: string[], issues: FieldIssue[]): CelProgram | null {
  if (typeof source !== 'string') {
    issues.push({ path, message: 'must be a CEL expression (string)' });
    return null;
  }
  const result = compileCel(source, { pointer: path, resultTypes: types });
  if (result.ok) return result.program;
  issues.push(...(result.error.fields ?? []));
  return null;
}

/** Whether a policy applies to this context; match lists are ORed within, ANDed across. */
export function celPolicyApplies(policy: CelPolicy, context: CelContext): boolean {
  const m = policy.match;
  const service = context.workload.metadata.name;
  return (
    within(m?.environmentTypes, context.environment.type) &&
    within(m?.teams, context.facts.owner) &&
    within(m?.services, service)
  );
}

function within(list: string[] | undefined, value: string | null): boolean {
  return !list || list.length === 0 || (value !== null && list.includes(value));
}

/** Evaluates the policies that apply; a runtime error is a violation carrying the error. */
export function evaluateCelPolicies(policies: readonly CompiledCelPolicy[], context: CelContext): CelViolation[] {
  const violations: CelViolation[] = [];
  for (const compiled of policies) {
    if (!celPolicyApplies(compiled.policy, context)) continue;
    const violation = evaluateOne(compiled, context);
    if (violation) violations.push(violation);
  }
  return violations;
}

function evaluateOne(compiled: CompiledCelPolicy, context: CelContext): CelViolation | null {
  const { policy } = compiled;
  const base = { policy: policy.name, severity: policy.severity, ...(policy.remedy ? { remedy: policy.remedy } : {}) };
  const result = compiled.expression.evaluate(context);
  if (!result.ok) return { ...base, message: `policy expression failed: ${result.error}` };
  if (result.value === true) return null;
  if (result.value !== false) {
    return { ...base, message: `policy expression returned ${typeof result.value}, expected bool` };
  }
  return { ...base, ...messageOf(compiled, context) };
}

function messageOf(compiled: CompiledCelPolicy, context: CelContext): { message: string; path?: string } {
  const fallback = `failed: ${compiled.policy.expression}`;
  if (!compiled.message) return { message: fallback };
  const result = compiled.message.evaluate(context);
  if (!result.ok) return { message: `${fallback} (message expression failed: ${result.error})` };
  const value = result.value;
  if (typeof value === 'string') return { message: value };
  if (value && typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string') {
    const { message, path } = value as { message: string; path?: unknown };
    return typeof path === 'string' ? { message, path } : { message };
  }
  return { message: fallback };
}

/**
 * The error that refuses a release breaking enforced CEL policies: one field per violation (its
 * path, or the release as a whole), the policy's name in each message and every fix in the hint.
 */
export function celPolicyError(environment: string, violations: readonly CelViolation[]): SlipwayError {
  const n = violations.length;
  const fixes = [...new Map(violations.filter((v) => v.remedy).map((v) => [v.policy, v.remedy])).entries()];
  const fix = fixes.length ? `To deploy, ${fixes.map(([name, remedy]) => `${name}: ${remedy}`).join('; ')}. ` : '';
  return new SlipwayError(
    'policy_violation',
    `${n} policy violation${n === 1 ? '' : 's'} in environment ${environment}: ${violations
      .map((v) => `${v.policy}: ${v.message}`)
      .join('; ')}`,
    {
      fields: violations.map((v) => ({ path: v.path ?? '', message: `${v.policy}: ${v.message}` })),
      hint: `${fix}A platform engineer manages these policies: slipway policy list.`,
    },
  );
}

/** One line per violation, for warnings: `policy: message (at /path)`. */
export function celViolationLine(v: CelViolation): string {
  return `policy ${v.policy}: ${v.message}${v.path ? ` (at ${v.path})` : ''}${v.remedy ? `; fix: ${v.remedy}` : ''}`;
}
