/**
 * The arithmetic of charted metrics: how finely a time range is sampled, what a series sums
 * up to, how a release changed it, and the terminal's sparklines. Values may be NaN (Prometheus
 * answers NaN for 0/0, e.g. an error ratio without requests): they are gaps, never zeros.
 */

/** A point of a series: milliseconds since the epoch and the value. */
export interface Point {
  time: number;
  value: number;
}

/** The points a chart of any range gets, about: enough for a wide chart, few for Prometheus. */
export const pointsPerRange = 120;
const minStepSeconds = 5;
/** Under a minute, rate() sees too few scrapes (Prometheus's usual interval is 15–30 s). */
const minRateSeconds = 60;

/** Seconds between points for a range of `seconds`, a whole number of at least 5. */
export function stepFor(seconds: number): number {
  return Math.max(minStepSeconds, Math.ceil(seconds / pointsPerRange));
}

/** The `$rate` window for a step: at least a minute, and never shorter than the step (no gaps). */
export function rateWindowFor(stepSeconds: number): string {
  return `${Math.max(minRateSeconds, stepSeconds)}s`;
}

export interface SeriesSummary {
  /** The newest value that is a number. */
  last: number | null;
  mean: number | null;
  min: number | null;
  max: number | null;
}

export function summarize(points: readonly Point[]): SeriesSummary {
  const values = points.map((p) => p.value).filter(Number.isFinite);
  if (values.length === 0) return { last: null, mean: null, min: null, max: null };
  return {
    last: values[values.length - 1] ?? null,
    mean: values.reduce((a, b) => a + b, 0) / values.length,
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

export interface ReleaseComparison {
  /** Mean since the release (its time to the range's end). */
  after: number | null;
  /** Mean over as long a span before it (cut at the range's start). */
  before: number | null;
  /** after / before − 1; null when either is missing or before is 0. */
  change: number | null;
}

/**
 * "Since this release vs before": the mean of the points from `at` on against the mean of the
 * points in an equally long span just before `at`, so a release an hour old is compared with
 * the hour before it, not with a quiet night.
 */
export function compareAround(points: readonly Point[], at: number): ReleaseComparison {
  const last = points.at(-1)?.time;
  if (last === undefined || last < at) return { after: null, before: null, change: null };
  const span = last - at;
  const after = mean(points.filter((p) => p.time >= at));
  const before = mean(points.filter((p) => p.time < at && p.time >= at - Math.max(span, 1)));
  const change = after !== null && before !== null && before !== 0 ? after / before - 1 : null;
  return { after, before, change };
}

function mean(points: readonly Point[]): number | null {
  const values = points.map((p) => p.value).filter(Number.isFinite);
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

const bars = '▁▂▃▄▅▆▇█';

/**
 * A sparkline of `width` characters: each the mean of its share of the points, scaled from the
 * series' minimum to its maximum; a share with no number is a space. A flat series (float noise
 * aside) is all `▁`.
 */
export function sparkline(points: readonly Point[], width = 24): string {
  if (points.length === 0 || width <= 0) return '';
  const count = Math.min(width, points.length);
  const share = (i: number) => Math.floor((i * points.length) / count);
  const cells = Array.from({ length: count }, (_, i) => mean(points.slice(share(i), share(i + 1))));
  const numbers = cells.filter((c): c is number => c !== null);
  const low = Math.min(...numbers);
  const high = Math.max(...numbers);
  // Differences in the last digits (10 and 9.9999999999999) are float noise, not a trend.
  const flat = high - low <= 1e-9 * Math.max(Math.abs(high), Math.abs(low));
  return cells
    .map((c) => {
      if (c === null) return ' ';
      const level = flat ? 0 : Math.round(((c - low) / (high - low)) * (bars.length - 1));
      return bars[level];
    })
    .join('');
}
