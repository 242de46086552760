/**
 * What a field of the template form is given: its props, and the form's context. Apart from
 * SchemaField, which picks the control for a schema, so that the controls it renders (the
 * pickers) can use them without importing SchemaField back.
 */
import { createContext } from 'react';
import type { FieldIssue } from './problems';
import type { JsonSchema } from './schema';

export interface FieldProps {
  name: string;
  schema: JsonSchema;
  path: string;
  required: boolean;
  value: unknown;
  onChange: (value: unknown) => void;
}

/** What every field of the form needs besides its own schema: the problems, and the teams. */
export const FormContext = createContext<{ issues: readonly FieldIssue[]; teams: readonly string[] }>({
  issues: [],
  teams: [],
});
