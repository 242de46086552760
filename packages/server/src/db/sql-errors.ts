/**
 * Recognises PostgreSQL errors by SQLSTATE. node-postgres and PGlite both expose `code` and
 * `constraint` on their errors, so the stores can map them to SlipwayErrors the same way.
 */
interface SqlError {
  code?: unknown;
  constraint?: unknown;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return matches(error, '23505', constraint);
}

export function isForeignKeyViolation(error: unknown, constraint?: string): boolean {
  return matches(error, '23503', constraint);
}

function matches(error: unknown, code: string, constraint: string | undefined): boolean {
  const e = error as SqlError | null;
  return e?.code === code && (constraint === undefined || e.constraint === constraint);
}
