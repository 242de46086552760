/**
 * The pool Kysely draws PostgreSQL connections from, with one difference: when the server
 * cannot be reached or a connection breaks mid-query (PostgreSQL restarted, the network), the
 * error becomes SlipwayError `unavailable` naming the database, so every route answers 503
 * "The database is unavailable" instead of an internal error, without each store knowing.
 * Statement errors (a unique violation, a bad query) pass through untouched: the stores
 * recognise them by SQLSTATE.
 */
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';
import { type PostgresTarget, unavailableDatabase } from './postgres-target.ts';
import { isConnectionLoss } from './sql-errors.ts';

export function guardedPool(pool: pg.Pool, target: PostgresTarget): PostgresPool {
  const translate = (error: unknown): never => {
    throw isConnectionLoss(error) ? unavailableDatabase(target, error) : error;
  };
  return {
    connect: async () => guardedClient(await pool.connect().catch(translate), translate),
    end: () => pool.end(),
  };
}

function guardedClient(client: pg.PoolClient, translate: (error: unknown) => never): PostgresPoolClient {
  function query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  function query(sqlOrCursor: string | object, parameters?: ReadonlyArray<unknown>): unknown {
    // A cursor (streamed rows) is returned as is: its reads fail with the driver's error.
    if (typeof sqlOrCursor !== 'string') return client.query(sqlOrCursor as pg.Submittable);
    return client.query(sqlOrCursor, parameters ? [...parameters] : []).catch(translate);
  }
  return { query, release: () => client.release() };
}
