import type { FieldIssue } from '../errors/index.ts';

/**
 * Secret variables: values a team sets per service (and optionally per environment) that
 * Score files read as `${secrets.NAME}`. The rules for names and values live here so the
 * server, the CLI and the portal refuse the same things with the same words.
 */
export const secretNamePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const secretNameMaxLength = 128;
/** The largest value, in bytes of UTF-8: the same order as a Kubernetes Secret's comfortable size. */
export const secretValueMaxBytes = 64 * 1024;

/** What is wrong with a secret variable's name, or undefined when it is valid. */
export function secretNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'must not be empty';
  if (name.length > secretNameMaxLength) return `must be at most ${secretNameMaxLength} characters`;
  if (!secretNamePattern.test(name)) {
    return 'must be letters, digits and "_", and not start with a digit (like an environment variable)';
  }
  return undefined;
}

/**
 * What is wrong with a value, or undefined when it is valid. The value itself never appears
 * in the answer: only its size.
 */
export function secretValueProblem(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty';
  const bytes = new TextEncoder().encode(value).length;
  if (bytes > secretValueMaxBytes)
    return `is ${bytes} bytes; the most a secret variable holds is ${secretValueMaxBytes}`;
  return undefined;
}

/** Both checks as field issues, at the given paths. */
export function secretVariableIssues(
  input: { name: string; value?: string },
  paths: { name: string; value: string },
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const nameProblem = secretNameProblem(input.name);
  if (nameProblem) issues.push({ path: paths.name, message: nameProblem });
  const valueProblem = input.value === undefined ? undefined : secretValueProblem(input.value);
  if (valueProblem) issues.push({ path: paths.value, message: valueProblem });
  return issues;
}
