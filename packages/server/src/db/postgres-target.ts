/**
 * Describes a PostgreSQL URL for error messages: where it points, never what it authenticates
 * with. Every message about a connection goes through here so the password cannot leak.
 */
import { SlipwayError } from '@slipway/core';

export interface PostgresTarget {
  /** `host:port`, for messages. */
  address: string;
  /** Strings that must never appear in a message (the password, raw and URL-encoded). */
  secrets: string[];
}

export function describePostgresUrl(url: string): PostgresTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not echoing the URL: it may hold a password.
    throw new SlipwayError('invalid_config', 'The PostgreSQL URL is not a valid URL', {
      hint: 'Expected postgres://USER:PASSWORD@HOST:PORT/DATABASE',
    });
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new SlipwayError(
      'invalid_config',
      `The PostgreSQL URL must start with postgres://, not ${parsed.protocol}//`,
    );
  }
  // A unix socket directory comes as ?host=/path when the URL has no host part.
  const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
  const secrets = [parsed.password, safeDecode(parsed.password)].filter((s) => s.length > 0);
  return { address: `${host}:${parsed.port || '5432'}`, secrets };
}

/** The error for a server we could not connect or log in to. */
export function unreachable(target: PostgresTarget, error: unknown): SlipwayError {
  const reason = redact(reasonOf(error), target.secrets);
  // The driver's error stays out of `cause`: it may carry connection parameters.
  return new SlipwayError('unavailable', `Cannot reach PostgreSQL at ${target.address}: ${reason}`, {
    hint: hintFor(codeOf(error), target.address),
  });
}

/**
 * The error for a query that could not run because the server went away (stopped, restarting,
 * the network): answered 503, and the next request tries a fresh connection.
 */
export function unavailableDatabase(target: PostgresTarget, error: unknown): SlipwayError {
  const reason = redact(reasonOf(error), target.secrets);
  return new SlipwayError('unavailable', `The database is unavailable: PostgreSQL at ${target.address}: ${reason}`, {
    hint: 'Try again shortly: Slipway reconnects by itself once PostgreSQL answers (/readyz shows when). If it persists, check that PostgreSQL is running and reachable.',
  });
}

function hintFor(code: string | undefined, address: string): string {
  switch (code) {
    case '28P01':
    case '28000':
      return 'Check the user name and password in the database URL.';
    case '3D000':
      return 'The database does not exist: create it, or fix the database name in the URL.';
    default:
      return `Check that PostgreSQL is running and accepts connections at ${address}. For local development, \`testbed/postgres.sh start\` runs one.`;
  }
}

function reasonOf(error: unknown): string {
  // Node reports a refused dual-stack connect (localhost → ::1 and 127.0.0.1) as an
  // AggregateError with an empty message; its inner errors say what happened.
  if (error instanceof AggregateError && !error.message) {
    return [...new Set(error.errors.map(reasonOf))].join('; ');
  }
  if (error instanceof Error) return error.message || codeOf(error) || error.name;
  return String(error);
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function redact(text: string, secrets: string[]): string {
  return secrets.reduce((t, s) => t.replaceAll(s, '***'), text);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
