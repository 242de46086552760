import type { Caller } from '@slipway/core';
import { ChangeCache, watchChanges } from '../db/change-cache.ts';
import type { Database } from '../db/database.ts';
import type { ApiTokenRecord } from '../db/stores/api-tokens.ts';
import type { UserRecord } from '../db/stores/users.ts';

/**
 * Who a token belongs to and what its user may do, remembered between requests: without it
 * every API call costs three queries (token, teams, role bindings) before any work, which on
 * the embedded database is most of a request's time (bench/api.ts).
 *
 * An entry is dropped, on every replica, as soon as any of the tables it was read from
 * changes: this process sees its own writes as they are sent (db/table-writes.ts); other
 * replicas hear them from PostgreSQL triggers (migration 0025) over LISTEN/NOTIFY, and clear
 * everything after a reconnect, since messages may have been lost meanwhile. `ttlMs` bounds
 * how long an entry may live regardless; 0 turns the cache off. Token expiry is checked on
 * every use, so an expired token is refused at once.
 */
export const authTables = ['api_tokens', 'users', 'teams', 'team_members', 'role_bindings'] as const;
/** The channel replicas tell each other on (written by the triggers of migration 0025). */
export const authChannel = 'slipway_auth';

export interface VerifiedToken {
  token: ApiTokenRecord;
  user: UserRecord;
}

/** Entries per map: far above the tokens and users a company has, bounded all the same. */
const maxEntries = 10_000;

export class AuthCache {
  readonly #tokens: ChangeCache<VerifiedToken | null>;
  readonly #callers: ChangeCache<Caller>;

  constructor(ttlMs: number) {
    // A failed lookup is not remembered: a token created a moment later must work at once.
    this.#tokens = new ChangeCache({ ttlMs, maxEntries, keep: (found) => found !== null });
    this.#callers = new ChangeCache({ ttlMs, maxEntries });
  }

  /** The token (by the hash of its secret) from memory, or read with `load` and remembered. */
  token(hash: string, now: number, load: () => Promise<VerifiedToken | null>): Promise<VerifiedToken | null> {
    return this.#tokens.get(hash, now, load);
  }

  /** The user's teams and role bindings from memory, or read with `load` and remembered. */
  caller(userId: string, now: number, load: () => Promise<Caller>): Promise<Caller> {
    return this.#callers.get(userId, now, load);
  }

  invalidate(): void {
    this.#tokens.invalidate();
    this.#callers.invalidate();
  }
}

/** A cache dropped whenever the auth tables change, here or on another replica. */
export async function watchedAuthCache(
  database: Database,
  ttlMs: number,
): Promise<{ cache: AuthCache; close(): Promise<void> }> {
  const cache = new AuthCache(ttlMs);
  const close = await watchChanges(
    database,
    { tables: authTables, ignoredColumns: ['last_used_at'], channel: authChannel },
    () => cache.invalidate(),
  );
  return { cache, close };
}
