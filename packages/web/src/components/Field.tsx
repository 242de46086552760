/**
 * A labelled form field wired for screen readers: the control gets its id, aria-invalid when
 * the API found a problem with it, and is described by its help and that problem.
 */
import type { ReactNode } from 'react';

export interface FieldWiring {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/** A label, the control (given its wiring), a help line and the API's problem with it. */
export function Field({
  id,
  label,
  help,
  problem,
  children,
}: {
  id: string;
  label: ReactNode;
  help?: ReactNode;
  problem?: string | undefined;
  children: (wiring: FieldWiring) => ReactNode;
}) {
  const described = [help ? `${id}-help` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ');
  const wiring: FieldWiring = {
    id,
    ...(problem ? { 'aria-invalid': true as const } : {}),
    ...(described ? { 'aria-describedby': described } : {}),
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(wiring)}
      {help && (
        <div id={`${id}-help`} className="field-help">
          {help}
        </div>
      )}
      {problem && (
        <div id={`${id}-error`} className="field-error">
          {problem}
        </div>
      )}
    </div>
  );
}
