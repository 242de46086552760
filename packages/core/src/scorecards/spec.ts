import type { CelProgram } from '../cel/compile.ts';
import { compileCel } from '../cel/compile.ts';
import type { FieldIssue } from '../errors/slipway-error.ts';
import { SlipwayError } from '../errors/slipway-error.ts';

/**
 * A scorecard: rules about a service, written in CEL, grouped into ordered levels (e.g.
 * bronze < silver < gold). A service reaches a level when every rule of that level and of every
 * level below it passes; its score is the weighted share of rules that pass (docs/scorecards.md).
 */
export interface ScorecardSpec {
  name: string;
  title: string;
  description: string;
  /** Lowest first: a service reaches a level only with every lower one. */
  levels: string[];
  rules: ScorecardRule[];
}

export interface ScorecardRule {
  id: string;
  title: string;
  /** One of the scorecard's levels. */
  level: string;
  /** Relative weight in the score; 1 by default. */
  weight: number;
  /** A CEL expression of type bool over the service's context (docs/cel.md). */
  expression: string;
  /** What to do when the rule fails, in plain words. */
  remedy: string;
}

export interface CompiledScorecard {
  spec: ScorecardSpec;
  /** The programs of `spec.rules`, in the same order. */
  programs: CelProgram[];
}

const namePattern = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const maxRules = 100;

/**
 * Validates a scorecard as written (parsed YAML or a request body) and compiles every rule.
 * One error lists every problem, each at its JSON Pointer; a CEL problem says line:column.
 */
export function compileScorecard(input: unknown): CompiledScorecard {
  const issues: FieldIssue[] = [];
  const spec = readSpec(input, issues);
  const programs: CelProgram[] = [];
  if (spec) {
    const ids = new Set<string>();
    spec.rules.forEach((rule, i) => {
      const program = checkRule(rule, `/rules/${i}`, spec.levels, ids, issues);
      if (program) programs.push(program);
    });
  }
  if (!spec || issues.length > 0) {
    throw new SlipwayError('invalid_input', `${issues.length} problem(s) in the scorecard: ${issues[0]?.message}`, {
      fields: issues,
      hint: 'See docs/scorecards.md for the format and docs/cel.md for the expressions.',
    });
  }
  return { spec, programs };
}

function readSpec(input: unknown, issues: FieldIssue[]): ScorecardSpec | null {
  if (!isObject(input)) {
    issues.push({ path: '', message: 'a scorecard is an object with name, levels and rules' });
    return null;
  }
  const name = input.name;
  if (typeof name !== 'string' || !namePattern.test(name))
    issues.push({ path: '/name', message: 'must be a DNS label, e.g. production-readiness' });
  const levels = readLevels(input.levels, issues);
  if (!Array.isArray(input.rules) || input.rules.length === 0 || input.rules.length > maxRules) {
    issues.push({ path: '/rules', message: `must be a list of 1 to ${maxRules} rules` });
    return null;
  }
  return {
    name: String(name),
    title: optionalText(input.title, '/title', issues) || String(name),
    description: optionalText(input.description, '/description', issues),
    levels,
    rules: input.rules.map((rule) => normaliseRule(rule)),
  };
}

function readLevels(value: unknown, issues: FieldIssue[]): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    issues.push({ path: '/levels', message: 'must list the levels, lowest first, e.g. [bronze, silver, gold]' });
    return [];
  }
  const levels: string[] = [];
  value.forEach((level, i) => {
    if (typeof level !== 'string' || !namePattern.test(level))
      issues.push({ path: `/levels/${i}`, message: 'must be a DNS label, e.g. silver' });
    else if (levels.includes(level)) issues.push({ path: `/levels/${i}`, message: `duplicate level ${level}` });
    else levels.push(level);
  });
  return levels;
}

/** Fills the defaults; what is still wrong is reported by checkRule with its path. */
function normaliseRule(rule: unknown): ScorecardRule {
  const r = isObject(rule) ? rule : {};
  return {
    id: r.id as string,
    title: (r.title ?? r.id) as string,
    level: r.level as string,
    weight: (r.weight ?? 1) as number,
    expression: r.expression as string,
    remedy: (r.remedy ?? '') as string,
  };
}

function checkRule(
  rule: ScorecardRule,
  at: string,
  levels: readonly string[],
  ids: Set<string>,
  issues: FieldIssue[],
): CelProgram | null {
  if (typeof rule.id !== 'string' || !namePattern.test(rule.id))
    issues.push({ path: `${at}/id`, message: 'must be a DNS label, e.g. has-owner' });
  else if (ids.has(rule.id)) issues.push({ path: `${at}/id`, message: `duplicate rule id ${rule.id}` });
  ids.add(rule.id);
  if (typeof rule.title !== 'string') issues.push({ path: `${at}/title`, message: 'must be a string' });
  if (typeof rule.remedy !== 'string') issues.push({ path: `${at}/remedy`, message: 'must be a string' });
  if (!levels.includes(rule.level))
    issues.push({ path: `${at}/level`, message: `must be one of the levels: ${levels.join(', ') || '(none)'}` });
  if (typeof rule.weight !== 'number' || !Number.isFinite(rule.weight) || rule.weight <= 0 || rule.weight > 1000)
    issues.push({ path: `${at}/weight`, message: 'must be a number above 0, at most 1000' });
  if (typeof rule.expression !== 'string') {
    issues.push({ path: `${at}/expression`, message: 'must be a CEL expression (string)' });
    return null;
  }
  const compiled = compileCel(rule.expression, { pointer: `${at}/expression`, resultTypes: ['bool'] });
  if (compiled.ok) return compiled.program;
  issues.push(...(compiled.error.fields ?? []));
  return null;
}

function optionalText(value: unknown, path: string, issues: FieldIssue[]): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  issues.push({ path, message: 'must be a string' });
  return '';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
