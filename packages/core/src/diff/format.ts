/** Compact text of a release diff, as the CLI prints it. */

import type { ReleaseDiff } from './release-diff.ts';
import type { FieldChange, ObjectSummary } from './types.ts';

export interface FormatDiffOptions {
  /** Show `namespace/name` rather than `name`. Default false. */
  namespaces?: boolean;
  /** Longest value shown before it is cut with `…`. Default 80. */
  maxValueLength?: number;
}

/**
 * One line per field change (`~ Deployment web  /spec/replicas: 2 → 3`), one per added or
 * removed object (`+ Ingress web`, `- Service old`), then a summary line.
 */
export function formatDiff(diff: ReleaseDiff, options: FormatDiffOptions = {}): string {
  const max = options.maxValueLength ?? 80;
  const label = (o: ObjectSummary): string =>
    `${o.kind} ${options.namespaces && o.namespace ? `${o.namespace}/${o.name}` : o.name}`;
  const lines: string[] = [];
  for (const o of diff.changed) {
    for (const c of o.changes) lines.push(`~ ${label(o)}  ${c.path}: ${describe(c, max)}`);
  }
  for (const o of diff.added) lines.push(`+ ${label(o)}`);
  for (const o of diff.removed) lines.push(`- ${label(o)}`);
  const counts = `${diff.changed.length} changed, ${diff.added.length} added, ${diff.removed.length} removed, ${diff.unchanged} unchanged`;
  lines.push(lines.length === 0 ? `No changes (${diff.unchanged} unchanged)` : counts);
  if (diff.hidden > 0) lines.push(`${hiddenChanges(diff.hidden)} of Slipway's release and version labels not shown`);
  return lines.join('\n');
}

const hiddenChanges = (n: number) => (n === 1 ? '1 change' : `${n} changes`);

function describe(c: FieldChange, max: number): string {
  if (c.op === 'add') return `+ ${show(c.to, max)}`;
  if (c.op === 'remove') return `- ${show(c.from, max)}`;
  return `${show(c.from, max)} → ${show(c.to, max)}`;
}

function show(value: unknown, max: number): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const flat = text.replace(/\s*\n\s*/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
