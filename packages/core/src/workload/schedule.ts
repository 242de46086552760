/**
 * Checks a CronJob schedule the way Kubernetes parses it (robfig/cron's standard parser): five
 * fields, or one of the `@hourly`-style macros. We check here so a typo is a 400 on the field
 * the developer wrote, not an apply error from the cluster after the release has started.
 */
const macros = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

interface FieldRule {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const fields: readonly FieldRule[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: months },
  // 7 is Sunday too, as in Vixie cron.
  { name: 'day of week', min: 0, max: 7, names: days },
];

/** Undefined when the schedule is valid, else what is wrong with it. */
export function scheduleProblem(schedule: string): string | undefined {
  const text = schedule.trim();
  if (/^(CRON_)?TZ=/.test(text))
    return 'a time zone inside the schedule is refused by Kubernetes; use slipway.dev/time-zone';
  if (text.startsWith('@')) {
    if (text.startsWith('@every ')) return '"@every" is not supported by Kubernetes CronJobs';
    return macros.has(text) ? undefined : `"${text}" is not a schedule macro; use one of ${[...macros].join(', ')}`;
  }
  const parts = text.split(/\s+/);
  if (parts.length !== 5)
    return `a schedule has 5 fields (minute hour day-of-month month day-of-week), "${text}" has ${parts.length}`;
  for (const [i, rule] of fields.entries()) {
    const problem = fieldProblem(parts[i] ?? '', rule, i >= 2);
    if (problem) return problem;
  }
  return undefined;
}

function fieldProblem(field: string, rule: FieldRule, allowsQuestion: boolean): string | undefined {
  for (const item of field.split(',')) {
    if (allowsQuestion && item === '?') continue;
    const [range = '', step, extra] = item.split('/');
    if (extra !== undefined || (step !== undefined && !/^[1-9]\d*$/.test(step)))
      return `"${item}" in the ${rule.name} field has a bad step; write e.g. */5`;
    if (range === '*') continue;
    const [from, to, more] = range.split('-');
    const a = value(from, rule);
    const b = to === undefined ? a : value(to, rule);
    if (more !== undefined || a === undefined || b === undefined || a > b)
      return `"${item}" is not a valid ${rule.name} (${rule.min}–${rule.max}${rule.names ? ` or ${rule.names[0]}…${rule.names.at(-1)}` : ''})`;
  }
  return undefined;
}

function value(text: string | undefined, rule: FieldRule): number | undefined {
  if (text === undefined || text === '') return undefined;
  const named = rule.names?.indexOf(text.toLowerCase()) ?? -1;
  if (named !== -1) return named + (rule.min === 1 ? 1 : 0);
  if (!/^\d{1,2}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= rule.min && n <= rule.max ? n : undefined;
}
