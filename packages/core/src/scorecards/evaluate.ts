import type { CelContext } from '../cel/context.ts';
import type { CompiledScorecard } from './spec.ts';

export type RuleStatus = 'pass' | 'fail' | 'error';

/** How one rule went for one service. */
export interface RuleOutcome {
  id: string;
  title: string;
  level: string;
  weight: number;
  status: RuleStatus;
  /** For `error`: what went wrong while evaluating (the rule counts as failed). */
  message?: string;
  remedy: string;
}

export interface ScorecardOutcome {
  scorecard: string;
  /** The highest level reached, or null when even the lowest one is not. */
  level: string | null;
  /** Weighted share of passing rules, 0 to 100, rounded to a whole number. */
  score: number;
  rules: RuleOutcome[];
}

/**
 * Evaluates every rule against one service's context. An expression that fails at run time, or
 * returns something other than a bool, is a failed rule carrying the message: never a throw.
 */
export function evaluateScorecard(compiled: CompiledScorecard, context: CelContext): ScorecardOutcome {
  const rules = compiled.spec.rules.map((rule, i): RuleOutcome => {
    const base = { id: rule.id, title: rule.title, level: rule.level, weight: rule.weight, remedy: rule.remedy };
    const program = compiled.programs[i];
    if (!program) return { ...base, status: 'error', message: 'rule was not compiled' };
    const result = program.evaluate(context);
    if (!result.ok) return { ...base, status: 'error', message: result.error };
    if (typeof result.value !== 'boolean')
      return { ...base, status: 'error', message: `expression returned ${describe(result.value)}, expected bool` };
    return { ...base, status: result.value ? 'pass' : 'fail' };
  });
  return {
    scorecard: compiled.spec.name,
    level: achievedLevel(compiled.spec.levels, rules),
    score: weightedScore(rules),
    rules,
  };
}

/** The highest level whose rules, and the rules of every level below, all pass. */
export function achievedLevel(levels: readonly string[], rules: readonly Pick<RuleOutcome, 'level' | 'status'>[]) {
  let reached: string | null = null;
  for (const level of levels) {
    if (rules.some((r) => r.level === level && r.status !== 'pass')) break;
    reached = level;
  }
  return reached;
}

export function weightedScore(rules: readonly Pick<RuleOutcome, 'weight' | 'status'>[]): number {
  const total = rules.reduce((sum, r) => sum + r.weight, 0);
  if (total === 0) return 0;
  const passed = rules.reduce((sum, r) => sum + (r.status === 'pass' ? r.weight : 0), 0);
  return Math.round((passed / total) * 100);
}

/** Whether `to` is a lower level than `from` (null, no level, is below all). */
export function isLevelDrop(levels: readonly string[], from: string | null, to: string | null): boolean {
  return levels.indexOf(to ?? '') < levels.indexOf(from ?? '');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a map' : typeof value;
}
