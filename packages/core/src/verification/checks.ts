import type { FieldIssue } from '../errors/index.ts';
import { signalVariableNames } from '../metrics/signals.ts';

/**
 * A metric check that verifies a release after its rollout is Healthy, as platform engineers
 * write it on an environment type or a service: a PromQL query (the placeholders of
 * metrics/signals.ts), the condition its value must meet, how often it is sampled, for how
 * long, and how many failed samples are tolerated. E.g. "error ratio < 1 % over 5 m, sampled
 * every 30 s, 10 m long, no failure tolerated".
 */
export interface VerificationCheck {
  /** A short name, unique among the checks that apply: shown with its verdict. */
  name: string;
  query: string;
  condition: Condition;
  /** Seconds between samples. */
  intervalSeconds: number;
  /** How long the check runs after the rollout is Healthy. */
  durationSeconds: number;
  /** Failed samples tolerated; one more fails the release at once. */
  failureLimit: number;
  /**
   * What the check becomes at its deadline when too few samples could be decided (Prometheus
   * unreachable, or no series): `fail` (the default: an unverified release is not a good one)
   * or `pass`.
   */
  inconclusive: 'fail' | 'pass';
  /**
   * Who declared it, for people reading a release: its environment type (the platform's
   * guardrail) or its service. Releases verified before services had checks carry none: the type.
   */
  origin?: CheckOrigin;
}

export type CheckOrigin = 'environment-type' | 'service';

export type Comparison = '<' | '<=' | '>' | '>=' | '==' | '!=';
export const comparisons: readonly Comparison[] = ['<', '<=', '>', '>=', '==', '!='];

export interface Condition {
  op: Comparison;
  threshold: number;
}

export const checkDefaults = {
  intervalSeconds: 30,
  durationSeconds: 600,
  failureLimit: 0,
  inconclusive: 'fail',
} as const;

const limits = { minInterval: 10, maxInterval: 3_600, maxDuration: 86_400 };
/** Samples are stored with the release (so a restart resumes): this bounds the row. */
const maxSamples = 1_000;

/** The problems of one check as written, each at its path under `at`. */
export function checkIssues(check: VerificationCheck, at: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(check.name)) {
    issues.push({ path: `${at}/name`, message: 'must be a DNS label: lower-case letters, digits and dashes' });
  }
  for (const [, used] of check.query.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)) {
    if (!(signalVariableNames as readonly string[]).includes(used ?? '')) {
      issues.push({ path: `${at}/query`, message: `$${used} is not a placeholder` });
    }
  }
  if (!comparisons.includes(check.condition.op)) {
    issues.push({ path: `${at}/condition/op`, message: `must be one of ${comparisons.join(' ')}` });
  }
  if (!Number.isFinite(check.condition.threshold)) {
    issues.push({ path: `${at}/condition/threshold`, message: 'must be a number' });
  }
  const { intervalSeconds: interval, durationSeconds: duration } = check;
  if (!(interval >= limits.minInterval && interval <= limits.maxInterval)) {
    issues.push({ path: `${at}/intervalSeconds`, message: `must be ${limits.minInterval} … ${limits.maxInterval}` });
  }
  if (!(duration >= interval && duration <= limits.maxDuration)) {
    issues.push({
      path: `${at}/durationSeconds`,
      message: `must be at least the interval and at most ${limits.maxDuration}`,
    });
  }
  if (Number.isFinite(interval) && interval > 0 && expectedSamples(check) > maxSamples) {
    issues.push({
      path: `${at}/durationSeconds`,
      message: `makes ${expectedSamples(check)} samples, at most ${maxSamples}: sample less often or for less long`,
    });
  }
  if (!(Number.isInteger(check.failureLimit) && check.failureLimit >= 0)) {
    issues.push({ path: `${at}/failureLimit`, message: 'must be a whole number, 0 or more' });
  }
  return issues;
}

/** Whether a value meets a condition; NaN meets none (a ratio of nothing proves nothing). */
export function meets(value: number, condition: Condition): boolean {
  if (Number.isNaN(value)) return false;
  const t = condition.threshold;
  switch (condition.op) {
    case '<':
      return value < t;
    case '<=':
      return value <= t;
    case '>':
      return value > t;
    case '>=':
      return value >= t;
    case '==':
      return value === t;
    case '!=':
      return value !== t;
  }
}

/** How one sample of a check went. */
export type SampleOutcome = 'pass' | 'fail' | 'no_data' | 'unknown';

export interface CheckSample {
  /** When it was taken (ms since the epoch). */
  at: number;
  outcome: SampleOutcome;
  /** The values seen, one per series (empty for no_data and unknown). */
  values: number[];
  /** Why it is unknown (Prometheus's error), or empty. */
  message: string;
}

/**
 * One sample from what the query answered: `unknown` when Prometheus did not answer (never a
 * failure: the service may be fine), `no_data` without series, `fail` when any series misses
 * the condition (NaN included), else `pass`.
 */
export function sampleOf(
  at: number,
  answer: { values: number[] } | { error: string },
  condition: Condition,
): CheckSample {
  if ('error' in answer) return { at, outcome: 'unknown', values: [], message: answer.error };
  if (answer.values.length === 0) return { at, outcome: 'no_data', values: [], message: '' };
  const outcome = answer.values.every((v) => meets(v, condition)) ? 'pass' : 'fail';
  return { at, outcome, values: answer.values, message: '' };
}

export type CheckState = 'running' | 'passed' | 'failed';

export interface CheckVerdict {
  state: CheckState;
  /** One sentence: why it passed or failed, or how far it is. */
  reason: string;
  counts: Record<SampleOutcome, number>;
  /** When the next sample is due (ms), while running. */
  nextAt: number | null;
}

/**
 * Where a check stands after `samples`, for a release Healthy since `startedAt`, at `now`:
 * failed as soon as failures exceed the limit; once the deadline's sample is taken (or an
 * interval after the deadline without it) passed when at least half the
 * expected samples were decided (passed or failed) and failures stayed within the limit, else
 * what `inconclusive` says; running until then.
 */
export function checkVerdict(
  check: VerificationCheck,
  samples: readonly CheckSample[],
  startedAt: number,
  now: number,
): CheckVerdict {
  const counts: Record<SampleOutcome, number> = { pass: 0, fail: 0, no_data: 0, unknown: 0 };
  for (const s of samples) counts[s.outcome]++;
  const deadline = startedAt + check.durationSeconds * 1000;
  const condition = `${check.condition.op} ${check.condition.threshold}`;
  if (counts.fail > check.failureLimit) {
    const last = samples.filter((s) => s.outcome === 'fail').at(-1);
    return {
      state: 'failed',
      reason: `${counts.fail} samples missed ${condition} (limit ${check.failureLimit}); the last saw ${formatValues(last?.values ?? [])}`,
      counts,
      nextAt: null,
    };
  }
  if (awaitsSample(check, samples, deadline, now)) {
    const interval = check.intervalSeconds * 1000;
    const nextAt = Math.min(deadline, (samples.at(-1)?.at ?? startedAt - interval) + interval);
    const taken = `${samples.length} of ${expectedSamples(check)} samples taken`;
    return { state: 'running', reason: `${taken}${lastUndecided(samples.at(-1))}`, counts, nextAt };
  }
  const decided = counts.pass + counts.fail;
  const needed = Math.ceil(expectedSamples(check) / 2);
  if (decided >= needed) {
    return {
      state: 'passed',
      reason: `${counts.pass} samples met ${condition}, ${counts.fail} missed it`,
      counts,
      nextAt: null,
    };
  }
  const why = `only ${decided} of ${needed} samples needed could be decided (${counts.unknown} unknown: Prometheus did not answer; ${counts.no_data} without data)`;
  return {
    state: check.inconclusive === 'pass' ? 'passed' : 'failed',
    reason: `${why}; inconclusive checks ${check.inconclusive === 'pass' ? 'pass' : 'fail'}`,
    counts,
    nextAt: null,
  };
}

/**
 * Whether a check still waits for a sample: before its deadline, and at it for the deadline's
 * own sample — unless that is an interval late (a server down across the deadline): the check
 * is decided with what it has.
 */
function awaitsSample(check: VerificationCheck, samples: readonly CheckSample[], deadline: number, now: number) {
  if (now < deadline) return true;
  const finalTaken = (samples.at(-1)?.at ?? Number.NEGATIVE_INFINITY) >= deadline;
  return !finalTaken && now < deadline + check.intervalSeconds * 1000;
}

/** Samples a check takes: one every interval from the start, the deadline's included. */
export function expectedSamples(check: Pick<VerificationCheck, 'intervalSeconds' | 'durationSeconds'>): number {
  return Math.floor(check.durationSeconds / check.intervalSeconds) + 1;
}

/** Says so while the newest sample could not be decided: unknown is never taken for failed. */
function lastUndecided(last: CheckSample | undefined): string {
  if (last?.outcome === 'unknown') return `; the last is unknown: Prometheus did not answer (${last.message})`;
  if (last?.outcome === 'no_data') return '; the last returned no series';
  return '';
}

function formatValues(values: readonly number[]): string {
  return values.length === 0 ? 'nothing' : values.map((v) => String(Number(v.toPrecision(4)))).join(', ');
}
