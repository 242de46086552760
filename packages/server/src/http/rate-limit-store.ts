/**
 * A store for @fastify/rate-limit that counts in the database (db/stores/rate-limits.ts), so
 * the replicas behind one Service share every limit instead of each allowing the whole
 * budget. One statement per limited request; windows that ended are swept once a minute.
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { countRequest, readRequestCount, sweepRateLimits } from '../db/stores/rate-limits.ts';
import type { Clock } from '../util/clock.ts';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

const sweepEveryMs = 60_000;

export interface DatabaseRateLimits {
  /** The class the plugin takes as `store`. */
  Store: FastifyRateLimitStoreCtor;
  /** Deletes ended windows now (the timer does it every minute). */
  sweep(): Promise<number>;
  /** Stops the sweeping timer. */
  close(): void;
}

export function databaseRateLimits(
  db: Kysely<Schema>,
  now: Clock,
  log?: { warn(obj: object, msg?: string): void },
): DatabaseRateLimits {
  class DatabaseStore implements FastifyRateLimitStore {
    /** Keeps the routes apart: each limited route, and each limiter made in code, counts alone. */
    readonly #prefix: string;

    constructor(_options: unknown, prefix = '') {
      this.#prefix = prefix;
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      const at = now();
      countRequest(db, this.#prefix + key, at, timeWindow).then(
        ({ count, expiresAt }) => callback(null, { current: count, ttl: expiresAt.getTime() - at.getTime() }),
        (error: Error) => callback(error),
      );
    }

    read(key: string, callback: Callback): void {
      const at = now();
      readRequestCount(db, this.#prefix + key, at).then(
        (found) =>
          callback(
            null,
            found ? { current: found.count, ttl: found.expiresAt.getTime() - at.getTime() } : { current: 0, ttl: 0 },
          ),
        (error: Error) => callback(error),
      );
    }

    // The plugin passes the route's merged limit options, the route under `routeInfo` (empty
    // for a limiter made in code with createRateLimit, whose keys say what they count).
    child(options: object): FastifyRateLimitStore {
      const route = 'routeInfo' in options ? routeName(options.routeInfo) : '';
      return new DatabaseStore(undefined, this.#prefix + route);
    }
  }

  const sweep = () => sweepRateLimits(db, now());
  const timer = setInterval(() => {
    sweep().catch((error: unknown) => log?.warn({ err: error }, 'could not delete ended rate-limit windows'));
  }, sweepEveryMs);
  timer.unref();
  return { Store: DatabaseStore, sweep, close: () => clearInterval(timer) };
}

function routeName(info: unknown): string {
  if (typeof info !== 'object' || info === null || !('url' in info) || typeof info.url !== 'string') return '';
  const method = 'method' in info ? [info.method].flat().join(',') : '';
  return `${method} ${info.url} `;
}
