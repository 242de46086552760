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
}

const namePattern = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Validates and compiles policies (compile on save); one error lists every bad field. */
export function compileCelPolicies(policies: readonly CelPolicy[], pointer = ''): CompiledCelPolicy[] {
  const issues: FieldIssue[] = [];
  const compiled: CompiledCelPolicy[] = [];
  const seen = new Set<string>();
  policies.forEach((policy, i) => {
    const at = `${pointer}/${i}`;
    const before = issues.length;
    if (typeof policy.name !== 'string' || !namePattern.test(policy.name)) {
      issues.push({ path: `${at}/name`, message: 'must be a DNS label, e.g. no-latest-tag' });
    } else if (seen.has(policy.name)) {
      issues.push({ path: `${at}/name`, message: `duplicate policy name ${policy.name}` });
    }
    seen.add(policy.name);
    if (!celSeverities.includes(policy.severity)) {
      issues.push({ path: `${at}/severity`, message: `must be one of ${celSeverities.join(', ')}` });
    }
    const expression = compileField(policy.expression, `${at}/expression`, ['bool'], issues);
    const message =
      policy.messageExpression === undefined
        ? null
        : compileField(policy.messageExpression, `${at}/messageExpression`, ['string', 'map'], issues);
    if (issues.length === before && expression) compiled.push({ policy, expression, message });
  });
  if (issues.length > 0) {
    throw new SlipwayError('invalid_input', `${issues.length} problem(s) in CEL policies: ${issues[0]?.message}`, {
      fields: issues,
      hint: 'See docs/cel.md for the expression language and the variables it can use.',
    });
  }
  return compiled;
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
  const base = { policy: policy.name, severity: policy.severity };
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
