import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import { SlipwayError } from '../../../api/client';

/**
 * A labelled form field with its help and its problem (from the API's field paths). The first
 * child, the control, is marked aria-invalid and described by both.
 */
export function Field({
  id,
  label,
  help,
  problem,
  children,
}: {
  id: string;
  label: string;
  help?: string;
  problem?: string | undefined;
  children: ReactNode;
}) {
  const described = [help ? `${id}-help` : null, problem ? `${id}-problem` : null].filter(Boolean).join(' ');
  const [control, ...rest] = Children.toArray(children);
  const marked = isValidElement(control)
    ? cloneElement(control as ReactElement<Record<string, unknown>>, {
        'aria-invalid': problem ? true : undefined,
        'aria-describedby': described || undefined,
      })
    : control;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {marked}
      {rest}
      {help && (
        <div className="field-help" id={`${id}-help`}>
          {help}
        </div>
      )}
      {problem && (
        <div className="field-error" id={`${id}-problem`}>
          {problem}
        </div>
      )}
    </div>
  );
}

/** The problems the API found in fields other than the form's own (e.g. inside a Score file). */
export function otherProblems(error: unknown, own: readonly string[]): string | undefined {
  if (!(error instanceof SlipwayError) || !error.fields) return undefined;
  const rest = error.fields.filter((f) => !own.includes(f.path));
  if (rest.length === 0) return undefined;
  return rest.map((f) => `${f.path || 'the file'}: ${f.message}`).join('; ');
}
