import { assertFieldPath } from './filter.ts';

/**
 * Backstage's `fields` parameter: only these dotted paths of each document
 * (`metadata.name,kind`); comma-separated, possibly repeated.
 */
export function parseFields(params: readonly string[] | undefined): string[][] | undefined {
  const fields = (params ?? [])
    .flatMap((p) => p.split(','))
    .map((f) => f.trim())
    .filter((f) => f !== '');
  if (fields.length === 0) return undefined;
  return fields.map((f) => assertFieldPath(f, '/fields').split('.'));
}

/** Only the given fields of an entity (all of it without `fields`); a missing entity (null) stays null. */
export function project(entity: Record<string, unknown>, fields: string[][] | undefined): Record<string, unknown>;
export function project(
  entity: Record<string, unknown> | null,
  fields: string[][] | undefined,
): Record<string, unknown> | null;
export function project(entity: Record<string, unknown> | null, fields: string[][] | undefined) {
  if (!entity || !fields) return entity;
  const out: Record<string, unknown> = {};
  for (const path of fields) {
    let from: unknown = entity;
    for (const key of path)
      from = typeof from === 'object' && from !== null ? (from as Record<string, unknown>)[key] : undefined;
    if (from === undefined) continue;
    let to = out;
    for (const key of path.slice(0, -1)) {
      to[key] ??= {};
      to = to[key] as Record<string, unknown>;
    }
    to[path[path.length - 1] as string] = from;
  }
  return out;
}
