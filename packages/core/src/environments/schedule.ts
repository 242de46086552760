import { Cron } from 'croner';
import { type FieldIssue, invalidInput } from '../errors/index.ts';

/**
 * When an environment sleeps: at `pause` its workloads scale to zero, at `resume` they come
 * back. Both are 5-field cron expressions read in `timezone` (IANA), so "20:00 on weekdays"
 * means 20:00 where the team is, summer and winter.
 */
export interface PauseSchedule {
  pause: string;
  resume: string;
  timezone: string;
}

export type ScheduledState = 'paused' | 'running';

export interface ScheduledStatus {
  state: ScheduledState;
  /** When the schedule last switched to `state`; null when it did not within the look-back. */
  since: Date | null;
  /** The nearest upcoming firing of either expression. */
  next: { state: ScheduledState; at: Date } | null;
}

/**
 * How far back a firing still decides the state. A week covers every weekly pattern; the
 * extra day leaves room for a week that a DST change made an hour longer.
 */
export const pauseLookBackMs = 8 * 24 * 60 * 60 * 1000;

const cronFields = 'minute hour day-of-month month day-of-week';

export function validatePauseSchedule(s: PauseSchedule, basePath = '/schedule'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const key of ['pause', 'resume'] as const) {
    const problem = cronProblem(s[key]);
    if (problem) issues.push({ path: `${basePath}/${key}`, message: problem });
  }
  if (issues.length === 0 && s.pause.trim() === s.resume.trim()) {
    issues.push({ path: `${basePath}/resume`, message: 'must differ from pause, or the two fire at the same time' });
  }
  const zoneProblem = timeZoneProblem(s.timezone);
  if (zoneProblem) issues.push({ path: `${basePath}/timezone`, message: zoneProblem });
  return issues;
}

function cronProblem(pattern: unknown): string | undefined {
  if (typeof pattern !== 'string') return 'must be a cron expression (a string)';
  // Checked here rather than left to croner, which would also take nicknames (`@daily`)
  // and 6- or 7-field patterns with seconds and years.
  if (pattern.trim().split(/\s+/).length !== 5) {
    return `must be a cron expression of 5 fields (${cronFields}), e.g. "0 20 * * 1-5"; got "${pattern}"`;
  }
  try {
    new Cron(pattern, { mode: '5-part' });
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^CronPattern:\s*/, '') : String(error);
    return `is not a valid cron expression: ${reason}`;
  }
}

/** Asks Intl, which knows the same zone database croner converts with. */
function timeZoneProblem(zone: unknown): string | undefined {
  const hint = 'an IANA time zone such as "Europe/Paris" or "UTC"';
  if (typeof zone !== 'string' || zone.trim() === '') return `must be ${hint}`;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return undefined;
  } catch {
    return `"${zone}" is not a known time zone; use ${hint}`;
  }
}

/**
 * The state the schedule wants at `now`: the one of whichever expression fired last, at or
 * before `now`. When both fire at the same instant, running wins: keeping an environment up
 * by mistake costs less than taking it down by mistake.
 */
export function scheduledState(s: PauseSchedule, now: Date): ScheduledStatus {
  const issues = validatePauseSchedule(s);
  if (issues.length > 0) throw invalidInput('The pause schedule is not valid', issues);
  const pause = new Cron(s.pause, { mode: '5-part', timezone: s.timezone });
  const resume = new Cron(s.resume, { mode: '5-part', timezone: s.timezone });
  const last = later(lastFiring(pause, now), lastFiring(resume, now));
  const current =
    last && now.getTime() - last.at.getTime() <= pauseLookBackMs
      ? { state: last.state, since: last.at }
      : { state: 'running' as const, since: null };
  return { ...current, next: earlier(pause.nextRun(now), resume.nextRun(now)) };
}

/** croner leaves out a run exactly at the reference; a firing at `now` has happened. */
function lastFiring(cron: Cron, now: Date): Date | null {
  return cron.previousRuns(1, new Date(now.getTime() + 1))[0] ?? null;
}

function later(pause: Date | null, resume: Date | null): { state: ScheduledState; at: Date } | null {
  if (pause && (!resume || pause > resume)) return { state: 'paused', at: pause };
  return resume ? { state: 'running', at: resume } : null;
}

function earlier(pause: Date | null, resume: Date | null): { state: ScheduledState; at: Date } | null {
  if (pause && (!resume || pause < resume)) return { state: 'paused', at: pause };
  return resume ? { state: 'running', at: resume } : null;
}
