import type { ReactNode } from 'react';
import type { JsonSchema } from './schema';

/**
 * What a field says about itself under the input: its description and `ui:help`, and the
 * rules the server will check (format, pattern, lengths, bounds) in words.
 */
export function helpLines(schema: JsonSchema): ReactNode[] {
  const lines: ReactNode[] = [];
  if (schema.description) lines.push(schema.description);
  if (schema['ui:help']) lines.push(schema['ui:help']);
  if (schema.format) lines.push(`Format: ${schema.format}.`);
  if (schema.pattern)
    lines.push(
      <>
        Must match <code>{schema.pattern}</code>
      </>,
    );
  const { minLength: min, maxLength: max } = schema;
  if (min !== undefined && max !== undefined) lines.push(`${min}–${max} characters.`);
  else if (max !== undefined) lines.push(`At most ${max} characters.`);
  else if (min !== undefined && min > 1) lines.push(`At least ${min} characters.`);
  if (schema.minimum !== undefined && schema.maximum !== undefined)
    lines.push(`From ${schema.minimum} to ${schema.maximum}.`);
  else if (schema.minimum !== undefined) lines.push(`At least ${schema.minimum}.`);
  else if (schema.maximum !== undefined) lines.push(`At most ${schema.maximum}.`);
  return lines;
}

/** The ids a control is described by: its help and its problem, when it has them. */
export function describedBy(id: string, help: readonly unknown[], problem: string | undefined): string | undefined {
  const ids = [help.length ? `${id}-help` : '', problem ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function RequiredMark({ required }: { required: boolean }) {
  if (!required) return null;
  return (
    <span className="required-mark" aria-hidden="true" title="required">
      {' '}
      *
    </span>
  );
}

export function FieldHelp({ id, lines }: { id: string; lines: readonly ReactNode[] }) {
  if (!lines.length) return null;
  return (
    <div className="field-help" id={`${id}-help`}>
      {lines.map((line, i) => (
        // The lines are fixed for a schema, so their position is a stable key.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <div key={i}>{line}</div>
      ))}
    </div>
  );
}

export function FieldError({ id, problem }: { id: string; problem: string | undefined }) {
  if (!problem) return null;
  return (
    <div className="field-error" id={`${id}-error`}>
      {problem}
    </div>
  );
}

/** A label above its control, with help and the problem (if any) below. */
export function FieldFrame({
  id,
  label,
  required,
  help,
  problem,
  children,
}: {
  id: string;
  label: string;
  required: boolean;
  help: readonly ReactNode[];
  problem: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className="field" data-field={id}>
      <label htmlFor={id}>
        {label}
        <RequiredMark required={required} />
      </label>
      {children}
      <FieldHelp id={id} lines={help} />
      <FieldError id={id} problem={problem} />
    </div>
  );
}
