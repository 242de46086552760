import type { Caller } from '@slipway/core';
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

interface Entry<T> {
  value: T;
  storedAt: number;
}

/** Entries per map: far above the tokens and users a company has, bounded all the same. */
const maxEntries = 10_000;

export class AuthCache {
  readonly #ttlMs: number;
  readonly #tokens = new Map<string, Entry<VerifiedToken>>();
  readonly #callers = new Map<string, Entry<Caller>>();
  /** Bumped by every invalidation: a read begun before it must not be stored after it. */
  #generation = 0;

  constructor(ttlMs: number) {
    this.#ttlMs = ttlMs;
  }

  /** The token (by the hash of its secret) from memory, or read with `load` and remembered. */
  token(hash: string, now: number, load: () => Promise<VerifiedToken | null>): Promise<VerifiedToken | null> {
    return this.#through(this.#tokens, hash, now, load);
  }

  /** The user's teams and role bindings from memory, or read with `load` and remembered. */
  caller(userId: string, now: number, load: () => Promise<Caller>): Promise<Caller> {
    return this.#through(this.#callers, userId, now, load) as Promise<Caller>;
  }

  invalidate(): void {
    this.#generation++;
    this.#tokens.clear();
    this.#callers.clear();
  }

  async #through<T>(map: Map<string, Entry<T>>, key: string, now: number, load: () => Promise<T | null>) {
    const hit = map.get(key);
    if (hit && now - hit.storedAt < this.#ttlMs) return hit.value;
    const generation = this.#generation;
    const value = await load();
    // A failed lookup is not remembered: a token created a moment later must work at once.
    if (value !== null && this.#ttlMs > 0 && generation === this.#generation) {
      if (map.size >= maxEntries) map.delete(map.keys().next().value as string);
      map.set(key, { value, storedAt: now });
    }
    return value;
  }
}

/** A cache dropped whenever the auth tables change, here or on another replica. */
export async function watchedAuthCache(
  database: Database,
  ttlMs: number,
): Promise<{ cache: AuthCache; close(): Promise<void> }> {
  const cache = new AuthCache(ttlMs);
  const invalidate = () => cache.invalidate();
  const unwatch = database.writes.watch({ tables: authTables, ignoredColumns: ['last_used_at'], onWrite: invalidate });
  const unsubscribe = database.pubsub ? await database.pubsub.subscribe(authChannel, invalidate, invalidate) : null;
  return {
    cache,
    close: async () => {
      unwatch();
      await unsubscribe?.();
    },
  };
}
