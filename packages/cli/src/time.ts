/**
 * Lengths of time and instants as people type them on the command line (`30m`, `7d`, `now`,
 * an ISO date), and as the CLI prints them back.
 */
import { InvalidArgumentError } from 'commander';

const unitSeconds: Record<string, number> = { d: 86_400, h: 3600, m: 60, s: 1 };

/** The longest time-to-live the server accepts: a year. */
export const maxTtlSeconds = 31_536_000;

/** `1d12h`, `30m`, `90s` in seconds; undefined when the text is not such a duration. */
function spanSeconds(text: string): number | undefined {
  if (!/^(\d+[dhms])+$/.test(text)) return undefined;
  return [...text.matchAll(/(\d+)([dhms])/g)].reduce(
    (sum, [, n, unit]) => sum + Number(n) * (unitSeconds[unit ?? 's'] ?? 0),
    0,
  );
}

/**
 * Commander parser for a time-to-live: `30m`, `2h`, `7d`, `1d12h`, or `0` for never. Returns
 * seconds. A bare number other than 0 is refused: `7` could mean seconds or days.
 */
export function parseTtl(value: string): number {
  const text = value.trim().toLowerCase();
  if (text === '0' || text === 'never') return 0;
  const seconds = spanSeconds(text);
  if (seconds === undefined || seconds <= 0) {
    throw new InvalidArgumentError(
      /^\d+$/.test(text)
        ? `Give it a unit: ${text}m, ${text}h or ${text}d (0 means never).`
        : 'It must be a duration such as 30m, 2h or 7d, or 0 for never.',
    );
  }
  if (seconds > maxTtlSeconds) throw new InvalidArgumentError('It can be a year (365d) at most.');
  return seconds;
}

/** A length of time, e.g. `7d`, `1d12h`, `45m`, `90s`. */
export function formatSeconds(total: number): string {
  let rest = Math.max(0, Math.round(total));
  if (rest === 0) return '0s';
  const parts: string[] = [];
  for (const [unit, size] of Object.entries(unitSeconds)) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  // Two units say enough: `6d23h`, not `6d23h59m58s`.
  return parts.slice(0, 2).join('');
}

/** How long until an ISO time: `in 6d23h`, or `now` once it has passed. */
export function formatUntil(iso: string, now = Date.now()): string {
  const seconds = (Date.parse(iso) - now) / 1000;
  return seconds <= 0 ? 'now' : `in ${formatSeconds(seconds < 60 ? seconds : Math.round(seconds / 60) * 60)}`;
}

/**
 * Commander parser for an instant: `now`, or an ISO 8601 date or date-time
 * (`2026-12-24`, `2026-12-24T18:00:00Z`, `2026-12-24T18:00+01:00`). Returns it as an ISO string.
 */
export function parseInstant(value: string): string {
  const text = value.trim();
  if (text.toLowerCase() === 'now') return new Date().toISOString();
  const ms = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.test(text)
    ? Date.parse(text.replace(' ', 'T'))
    : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new InvalidArgumentError('It must be now, or a date and time such as 2026-12-24T18:00:00Z.');
  }
  return new Date(ms).toISOString();
}

/**
 * An instant or a length of time after `start`, for `--until`: `2026-12-27`, `2h`, `3d`. Returns
 * the instant, or the seconds after start when it was a duration (resolved by the caller).
 */
export function parseInstantOrSpan(value: string): { at: string } | { seconds: number } {
  const seconds = spanSeconds(value.trim().toLowerCase());
  if (seconds !== undefined && seconds > 0) return { seconds };
  try {
    return { at: parseInstant(value) };
  } catch {
    throw new InvalidArgumentError(
      'It must be a date and time such as 2026-12-27T08:00:00Z, or a duration such as 2h or 3d.',
    );
  }
}
