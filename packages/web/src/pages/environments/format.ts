/** Durations and settings of environments in words. */

/** 7200 → "2 hours", 86400 → "1 day", 0 → "never". */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || seconds === 0) return 'never';
  const units: Array<[string, number]> = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (seconds >= size && seconds % size === 0) {
      const n = seconds / size;
      return `${n} ${unit}${n === 1 ? '' : 's'}`;
    }
  }
  return `${seconds} seconds`;
}

/** The lifetimes the create form offers; the type's own stays the default. */
export const ttlChoices = [2 * 3_600, 8 * 3_600, 86_400, 3 * 86_400, 7 * 86_400, 30 * 86_400];

/**
 * Nested settings as rows: `{resources: {limits: {cpu: "1"}}}` → `resources.limits.cpu = 1`,
 * so defaults and overrides can be compared key by key.
 */
export function flatten(value: unknown, prefix = ''): Array<[string, string]> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) return [[prefix, '{}']];
    return entries.flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
  }
  return [[prefix, Array.isArray(value) ? value.join(', ') : String(value)]];
}

export interface PreviewOrigin {
  kind: 'preview';
  repository: string;
  number: number;
  url?: string;
  headSha?: string;
  base?: string;
  source?: string;
}

export type Origin = { kind: 'clone'; from: string } | PreviewOrigin | { kind: string };

export function originOf(origin: Record<string, unknown> | null): Origin | null {
  if (!origin || typeof origin.kind !== 'string') return null;
  return origin as unknown as Origin;
}

export function isPreview(origin: Origin | null): origin is PreviewOrigin {
  return origin?.kind === 'preview';
}

export function isClone(origin: Origin | null): origin is { kind: 'clone'; from: string } {
  return origin?.kind === 'clone';
}

/** The browser's time zone, the natural default for a schedule typed in local hours. */
export function localTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
