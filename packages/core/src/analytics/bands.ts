/**
 * The performance levels of the DORA report — the 2023 Accelerate State of DevOps Report
 * (Google Cloud / DORA), the last that published four levels with elite. Its table describes
 * each level by ranges that leave gaps and overlap (low and medium share "between once per week
 * and once per month"), so the thresholds below close them the way docs/analytics.md states:
 * each band ends where the next better one begins, a month is 30 days.
 *
 *                       elite            high               medium             low
 *   deploys             ≥ 1 a day        ≥ 1 a week         ≥ 1 a month        fewer
 *   lead time (median)  < 1 day          ≤ 1 week           ≤ 1 month          longer
 *   change failure      ≤ 5 %            ≤ 10 %             ≤ 15 %             more
 *   restore (median)    < 1 hour         < 1 day            ≤ 1 week           longer
 */

export type DoraBand = 'elite' | 'high' | 'medium' | 'low';

const hour = 3600;
const day = 24 * hour;

/** Deployments per day → band. */
export function deploymentFrequencyBand(perDay: number | null): DoraBand | null {
  if (perDay === null) return null;
  if (perDay >= 1) return 'elite';
  if (perDay >= 1 / 7) return 'high';
  if (perDay >= 1 / 30) return 'medium';
  return 'low';
}

/** Median lead time in seconds → band. */
export function leadTimeBand(seconds: number | null): DoraBand | null {
  if (seconds === null) return null;
  if (seconds < day) return 'elite';
  if (seconds <= 7 * day) return 'high';
  if (seconds <= 30 * day) return 'medium';
  return 'low';
}

/** Change failure rate (0…1) → band. */
export function changeFailureRateBand(rate: number | null): DoraBand | null {
  if (rate === null) return null;
  if (rate <= 0.05) return 'elite';
  if (rate <= 0.1) return 'high';
  if (rate <= 0.15) return 'medium';
  return 'low';
}

/** Median time to restore in seconds → band. */
export function timeToRestoreBand(seconds: number | null): DoraBand | null {
  if (seconds === null) return null;
  if (seconds < hour) return 'elite';
  if (seconds < day) return 'high';
  if (seconds <= 7 * day) return 'medium';
  return 'low';
}
