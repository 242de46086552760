import { SlipwayError } from '../../api/client';

export interface FieldIssue {
  path: string;
  message: string;
}

/** The issues of a failed request (a SlipwayError's fields), else none. */
export function issuesOf(error: unknown): FieldIssue[] {
  return error instanceof SlipwayError ? (error.fields ?? []) : [];
}

/**
 * The problem to show at a field: one reported at its path, or inside it (an item of a list,
 * `/parameters/tags/2`, is shown at the list). Objects show only their own (`within` false),
 * since their fields show theirs.
 */
export function problemAt(issues: readonly FieldIssue[], path: string, within = true): string | undefined {
  const exact = issues.find((i) => i.path === path);
  if (exact || !within) return exact?.message;
  const inner = issues.find((i) => i.path.startsWith(`${path}/`));
  return inner && `${inner.path.slice(path.length + 1).replace(/\//g, ' › ')}: ${inner.message}`;
}

/** A DOM id for a field path: `/parameters/db/size` → `param-db-size`. */
export function fieldId(path: string): string {
  return `param${path.replace(/^\/parameters/, '').replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}
