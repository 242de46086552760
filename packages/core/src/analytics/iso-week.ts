/**
 * ISO 8601 weeks in UTC: a week starts on Monday at 00:00 UTC and belongs to the year of its
 * Thursday, so 2026-12-31 (a Thursday) is in 2026-W53 and 2027-01-01 too.
 */

const dayMs = 86_400_000;
const weekMs = 7 * dayMs;

/** Monday 00:00 UTC of the ISO week holding `at`. */
export function isoWeekStart(at: Date): Date {
  const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const daysSinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
  return new Date(midnight - daysSinceMonday * dayMs);
}

/** The ISO week of `at` as `YYYY-Www`, e.g. `2026-W49`. */
export function isoWeekLabel(at: Date): string {
  const thursday = isoWeekStart(at).getTime() + 3 * dayMs;
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / weekMs);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The start of every ISO week that overlaps [from, to), oldest first. */
export function isoWeekStarts(from: Date, to: Date): Date[] {
  const starts: Date[] = [];
  for (let t = isoWeekStart(from).getTime(); t < to.getTime(); t += weekMs) starts.push(new Date(t));
  return starts;
}

/**
 * The last `weeks` ISO weeks up to the one holding `now` (which is still running): from the
 * Monday `weeks - 1` weeks before this week's, to next Monday.
 */
export function lastIsoWeeks(now: Date, weeks: number): { from: Date; to: Date } {
  const thisWeek = isoWeekStart(now).getTime();
  return { from: new Date(thisWeek - (weeks - 1) * weekMs), to: new Date(thisWeek + weekMs) };
}

export const isoWeekMs = weekMs;
