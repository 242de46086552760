/**
 * Small pieces the admin sections share: a section's failure in words (a 403 says whose
 * permission it needs), and durations in words.
 */
import { SlipwayError } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';

/** Why a section could not load; a refusal is said as such, with the API's own reason. */
export function SectionError({ error, what }: { error: unknown; what: string }) {
  const refused = error instanceof SlipwayError && error.status === 403;
  return <ErrorNotice error={error} title={refused ? `You may not see ${what}` : `Could not load ${what}`} />;
}

/** Whether an error is the API's refusal (403), for sections that then hide their actions. */
export function isForbidden(error: unknown): boolean {
  return error instanceof SlipwayError && error.status === 403;
}

const spans: [number, string][] = [
  [86_400, 'day'],
  [3_600, 'hour'],
  [60, 'minute'],
  [1, 'second'],
];

/** 86400 → "1 day", 5400 → "1 hour 30 minutes". */
export function duration(seconds: number): string {
  if (seconds <= 0) return '0 seconds';
  const parts: string[] = [];
  let rest = seconds;
  for (const [size, unit] of spans) {
    const n = Math.floor(rest / size);
    if (n > 0 && parts.length < 2) parts.push(`${n} ${unit}${n === 1 ? '' : 's'}`);
    rest -= n * size;
  }
  return parts.join(' ');
}

/** A list in words: "a, b and c", or `none` when empty. */
export function listWords(items: readonly string[], none = 'none'): string {
  if (items.length === 0) return none;
  if (items.length === 1) return items[0] as string;
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
