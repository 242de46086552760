import type { FieldIssue } from '../errors/index.ts';
import {
  type CheckSample,
  type CheckVerdict,
  checkDefaults,
  checkIssues,
  checkVerdict,
  type VerificationCheck,
} from './checks.ts';

/**
 * Metric-gated rollouts as an environment type declares them: the checks every release of its
 * environments must pass once its rollout is Healthy, and whether a promotion into them needs
 * the promoted release to have passed its own verification where it came from.
 */
export interface VerificationSettings {
  checks: VerificationCheck[];
  /** Promotions into environments of this type take only releases that passed verification. */
  requireVerifiedPromotions?: boolean;
}

/** A check as written: everything but the name, query and condition has a default. */
export type VerificationCheckInput = Pick<VerificationCheck, 'name' | 'query' | 'condition'> &
  Partial<Omit<VerificationCheck, 'name' | 'query' | 'condition'>>;

export const maxChecks = 10;

/** A check with its defaults filled in. */
export function withCheckDefaults(input: VerificationCheckInput): VerificationCheck {
  return { ...checkDefaults, ...input };
}

/** The problems of a type's verification settings, each at its path under `at`. */
export function verificationIssues(checks: readonly VerificationCheck[], at: string): FieldIssue[] {
  const issues = checks.flatMap((check, i) => checkIssues(check, `${at}/${i}`));
  const seen = new Set<string>();
  for (const [i, check] of checks.entries()) {
    if (seen.has(check.name)) issues.push({ path: `${at}/${i}/name`, message: `${check.name} is named twice` });
    seen.add(check.name);
  }
  if (checks.length > maxChecks) issues.push({ path: at, message: `at most ${maxChecks} checks` });
  return issues;
}

/**
 * A release's verification as stored with it, so a restart resumes where it was: the checks
 * as they were when it began (a type changed meanwhile does not move the goalposts), when the
 * rollout was Healthy, and every sample taken so far.
 */
export interface Verification {
  /** When the checks began (ms since the epoch): the rollout was Healthy then. */
  startedAt: number;
  checks: VerificationCheck[];
  /** Per check name, oldest first. */
  samples: Record<string, CheckSample[]>;
}

export type VerificationState = 'running' | 'passed' | 'failed';

export interface VerificationVerdict {
  state: VerificationState;
  /** One line for the release's message. */
  message: string;
  checks: Array<CheckVerdict & { name: string }>;
  /** When the next sample of any check is due (ms), while running. */
  nextAt: number | null;
  /** When the last check ends (ms). */
  deadline: number;
}

/** Series kept per sample: a query answering thousands of them must not bloat the release. */
const maxValuesKept = 10;

export function startVerification(checks: readonly VerificationCheck[], at: number): Verification {
  return { startedAt: at, checks: [...checks], samples: Object.fromEntries(checks.map((c) => [c.name, []])) };
}

/**
 * Where a release's verification stands at `now`: failed as soon as one check failed (the
 * first to fail names it), passed when every check passed, else running.
 */
export function verificationVerdict(verification: Verification, now: number): VerificationVerdict {
  const checks = verification.checks.map((check) => ({
    name: check.name,
    ...checkVerdict(check, verification.samples[check.name] ?? [], verification.startedAt, now),
  }));
  const deadline = Math.max(...verification.checks.map((c) => verification.startedAt + c.durationSeconds * 1000));
  const failed = checks.findIndex((c) => c.state === 'failed');
  if (failed >= 0) {
    const check = verification.checks[failed] as VerificationCheck;
    const verdict = checks[failed] as CheckVerdict;
    return {
      state: 'failed',
      message: `Verification failed: check ${check.name} (${check.query}): ${verdict.reason}`,
      checks,
      nextAt: null,
      deadline,
    };
  }
  const running = checks.filter((c) => c.state === 'running');
  if (running.length === 0) {
    const passed = checks.map((c) => `${c.name}: ${c.reason}`).join('; ');
    return { state: 'passed', message: `Verified: ${passed}`, checks, nextAt: null, deadline };
  }
  const nextAt = Math.min(...running.map((c) => c.nextAt as number));
  const progress = running.map((c) => `${c.name}: ${c.reason}`).join('; ');
  return {
    state: 'running',
    message: `Verifying until ${new Date(deadline).toISOString()}: ${progress}`,
    checks,
    nextAt,
    deadline,
  };
}

/** The checks whose next sample is due at `now`. */
export function dueChecks(verification: Verification, now: number): VerificationCheck[] {
  return verification.checks.filter((check) => {
    const verdict = checkVerdict(check, verification.samples[check.name] ?? [], verification.startedAt, now);
    return verdict.state === 'running' && verdict.nextAt !== null && verdict.nextAt <= now;
  });
}

/** The verification with new samples added (few values kept per sample; the outcome saw them all). */
export function withSamples(
  verification: Verification,
  taken: ReadonlyArray<{ check: string; sample: CheckSample }>,
): Verification {
  const samples = { ...verification.samples };
  for (const { check, sample } of taken) {
    const kept = { ...sample, values: sample.values.slice(0, maxValuesKept) };
    samples[check] = [...(samples[check] ?? []), kept];
  }
  return { ...verification, samples };
}
