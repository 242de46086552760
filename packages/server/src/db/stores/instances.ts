/**
 * The registry of running Slipway servers. Replicas sharing one PostgreSQL register here at
 * start-up and stamp a heartbeat periodically, so each can tell which others are alive.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { slipwayVersion } from '@slipway/core';
import type { Kysely } from 'kysely';
import type { Schema, ServerInstanceRow } from '../schema.ts';

/** How often a running server stamps its heartbeat. */
export const heartbeatIntervalMs = 15_000;
/**
 * An instance whose heartbeat is older than this (four missed beats) is taken for gone, and
 * what it held (template runs) for interrupted.
 */
export const instanceStaleAfterMs = 4 * heartbeatIntervalMs;

export interface ServerInstanceRecord {
  id: string;
  hostname: string;
  version: string;
  startedAt: Date;
  heartbeatAt: Date;
}

export interface NewServerInstance {
  id: string;
  hostname: string;
  version: string;
}

/**
 * Records a starting instance: by default this process, under a fresh id. An instance that
 * registers again under the same id starts afresh.
 */
export async function registerInstance(
  db: Kysely<Schema>,
  instance: Partial<NewServerInstance> = {},
  now: Date = new Date(),
): Promise<ServerInstanceRecord> {
  const values = {
    id: instance.id ?? randomUUID(),
    hostname: instance.hostname ?? hostname(),
    version: instance.version ?? slipwayVersion,
    started_at: now,
    heartbeat_at: now,
  };
  const row = await db
    .insertInto('server_instances')
    .values(values)
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toInstance(row);
}

/** Stamps the heartbeat; null if the instance is not registered (register it again). */
export async function heartbeat(
  db: Kysely<Schema>,
  id: string,
  now: Date = new Date(),
): Promise<ServerInstanceRecord | null> {
  const row = await db
    .updateTable('server_instances')
    .set({ heartbeat_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? toInstance(row) : null;
}

/** Registered instances, oldest first; with `aliveSince`, only those that beat since then. */
export async function listInstances(
  db: Kysely<Schema>,
  options: { aliveSince?: Date } = {},
): Promise<ServerInstanceRecord[]> {
  let query = db.selectFrom('server_instances').selectAll();
  if (options.aliveSince) query = query.where('heartbeat_at', '>=', options.aliveSince);
  const rows = await query.orderBy('started_at').orderBy('id').execute();
  return rows.map(toInstance);
}

/** Removes an instance, on orderly shutdown. Returns whether it was registered. */
export async function deregisterInstance(db: Kysely<Schema>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('server_instances').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

function toInstance(row: ServerInstanceRow): ServerInstanceRecord {
  return {
    id: row.id,
    hostname: row.hostname,
    version: row.version,
    startedAt: row.started_at,
    heartbeatAt: row.heartbeat_at,
  };
}
