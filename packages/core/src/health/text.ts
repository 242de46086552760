/** Small wording helpers, so every message reads like a sentence and not like a log line. */

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "45s", "3m", "1h 5m": how long something has lasted, at the precision a person cares about. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  const m = Math.floor((s % 3600) / 60);
  return m ? `${Math.floor(s / 3600)}h ${m}m` : `${Math.floor(s / 3600)}h`;
}

/** Keeps messages quoted from the cluster to one readable line. */
export function clip(text: string, max = 300): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/** Joins sentence parts, dropping empty ones. */
export const sentence = (...parts: Array<string | undefined | false>): string =>
  parts.filter((p): p is string => !!p).join(' ');
