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

// SQLSTATEs that mean the connection, not the statement, failed: class 08 (connection
// exception), the server shutting down or restarting (57P01–57P03), no connection slot left.
const connectionStates = /^(08...|57P0[123]|53300)$/;
// What node-postgres and Node say when the socket fails, before or during a query.
const connectionMessages =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed)/;
const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * Whether a database error says the server could not be reached or the connection broke
 * (PostgreSQL stopped or restarting, the network), as opposed to a refused statement: the
 * former is worth an "unavailable, try again" answer, the latter is a bug or a conflict.
 */
export function isConnectionLoss(error: unknown): boolean {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.every(isConnectionLoss);
  const code = (error as SqlError | null)?.code;
  if (typeof code === 'string' && (connectionStates.test(code) || socketCodes.has(code))) return true;
  return error instanceof Error && connectionMessages.test(error.message);
}
