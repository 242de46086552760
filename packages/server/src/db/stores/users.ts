/** Slipway's users. Identity comes from elsewhere (an identity provider, the CLI); this keeps the record. */
import { invalidInput } from '@slipway/core';
import type { Kysely } from 'kysely';
import type { Schema, UserRow } from '../schema.ts';
import { isUuid } from './ids.ts';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string | null;
  createdAt: Date;
}

/**
 * Creates the user, or returns the existing one with that username. A given display name
 * replaces the stored one; an omitted one leaves it as it is.
 */
export async function ensureUser(db: Kysely<Schema>, username: string, displayName?: string): Promise<UserRecord> {
  if (username.trim() === '')
    throw invalidInput('A username must not be empty', [{ path: '/username', message: 'empty' }]);
  const row = await db
    .insertInto('users')
    .values({ username, display_name: displayName ?? null })
    .onConflict((oc) =>
      oc.column('username').doUpdateSet((eb) => ({
        display_name: displayName === undefined ? eb.ref('users.display_name') : eb.ref('excluded.display_name'),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUser(row);
}

export async function getUserById(db: Kysely<Schema>, id: string): Promise<UserRecord | null> {
  if (!isUuid(id)) return null;
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function getUserByUsername(db: Kysely<Schema>, username: string): Promise<UserRecord | null> {
  const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return row ? toUser(row) : null;
}

export function toUser(row: Pick<UserRow, 'id' | 'username' | 'display_name' | 'created_at'>): UserRecord {
  return { id: row.id, username: row.username, displayName: row.display_name, createdAt: row.created_at };
}
