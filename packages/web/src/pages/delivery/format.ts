/** The DORA figures in words, as `slipway dora` prints them (packages/cli/src/commands/dora.ts). */
import type { DoraBand, DoraFigures } from './queries';

const units: Array<[string, number]> = [
  ['d', 86_400],
  ['h', 3_600],
  ['m', 60],
  ['s', 1],
];

/** 93600 → `1d2h`: two units say enough. */
export function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  let rest = Math.max(0, Math.round(seconds));
  if (rest === 0) return '0s';
  const parts: string[] = [];
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.slice(0, 2).join('');
}

/** One decimal at most: 54.5, 2.6, 3. */
export function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** Per day from one a day up, else per week: `2.5/day`, `0.4/week`. */
export function frequency(f: DoraFigures): string {
  if (f.deploymentsPerDay === null) return '—';
  if (f.deploymentsPerDay >= 1) return `${round(f.deploymentsPerDay)}/day`;
  return `${round(f.deploymentsPerDay * 7)}/week`;
}

export function percent(rate: number | null): string {
  return rate === null ? '—' : `${round(rate * 100)}%`;
}

export const bandWords: Record<DoraBand, string> = {
  elite: 'Elite',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** True when nothing at all was deployed or restored in the window: the page says so instead. */
export function isEmpty(f: DoraFigures): boolean {
  return f.changeFailure.changes === 0 && f.timeToRestore.restored === 0 && f.timeToRestore.open === 0;
}

/** `40% (2 of 5)`: the rate with what it counts. */
export function failureWords(f: DoraFigures): string {
  const c = f.changeFailure;
  return c.rate === null ? '—' : `${percent(c.rate)} (${c.failed} of ${c.changes})`;
}

/** `2d13h (1 open)`: the median with the outages still on. */
export function restoreWords(f: DoraFigures): string {
  const open = f.timeToRestore.open > 0 ? ` (${f.timeToRestore.open} open)` : '';
  return `${duration(f.timeToRestore.medianSeconds)}${open}`;
}
