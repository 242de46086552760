import { SlipwayError } from '../../../api/client';

/** The problems the API found in fields other than the form's own (e.g. inside a Score file). */
export function otherProblems(error: unknown, own: readonly string[]): string | undefined {
  if (!(error instanceof SlipwayError) || !error.fields) return undefined;
  const rest = error.fields.filter((f) => !own.includes(f.path));
  if (rest.length === 0) return undefined;
  return rest.map((f) => `${f.path || 'the file'}: ${f.message}`).join('; ');
}
