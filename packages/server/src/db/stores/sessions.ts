/**
 * Browser sessions. The cookie holds a random 256-bit secret; the table keeps only its
 * sha256 (like API tokens: a random secret needs no slow hash), so a database dump opens
 * no session. A session ends at its absolute expiry, when it is revoked (sign-out, a
 * password change, the user disabled), or when its user is disabled.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Schema, SessionsTable } from '../schema.ts';
import { hashSecret } from './api-tokens.ts';
import { isUuid } from './ids.ts';
import { toUser, type UserRecord } from './users.ts';

export type SessionMethod = 'password' | 'oidc';

export interface SessionRecord {
  id: string;
  userId: string;
  method: string;
  ip: string;
  userAgent: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export interface NewSession {
  userId: string;
  method: SessionMethod;
  ip?: string;
  userAgent?: string;
  expiresAt: Date;
}

const recordColumns = [
  'id',
  'user_id',
  'method',
  'ip',
  'user_agent',
  'created_at',
  'last_seen_at',
  'expires_at',
  'revoked_at',
] as const;
type SessionRow = Pick<Selectable<SessionsTable>, (typeof recordColumns)[number]>;

/** How stale `last_seen_at` may get: stamping it on every request would make each read a write. */
export const lastSeenResolutionMs = 60_000;
/** Ended sessions are kept this long (for the user's list), then pruned when they sign in again. */
const keepEndedMs = 7 * 86_400_000;
const secretPattern = /^[A-Za-z0-9_-]{43}$/;

/** Opens a session; the returned `secret` goes into the cookie and nowhere else. */
export async function createSession(
  db: Kysely<Schema>,
  input: NewSession,
  now: Date = new Date(),
): Promise<{ session: SessionRecord; secret: string }> {
  const secret = randomBytes(32).toString('base64url');
  const row = await db
    .insertInto('sessions')
    .values({
      secret_hash: hashSecret(secret),
      user_id: input.userId,
      method: input.method,
      ip: (input.ip ?? '').slice(0, 100),
      user_agent: (input.userAgent ?? '').slice(0, 300),
      created_at: now,
      last_seen_at: now,
      expires_at: input.expiresAt,
    })
    .returning(recordColumns)
    .executeTakeFirstOrThrow();
  await pruneEnded(db, input.userId, now);
  return { session: toSession(row), secret };
}

/**
 * The session and its user if `secret` opens a live session at `now`, otherwise null
 * (unknown, expired, revoked, or the user disabled alike). The sighting is recorded at most
 * once a minute.
 */
export async function verifySession(
  db: Kysely<Schema>,
  secret: string,
  now: Date = new Date(),
): Promise<{ session: SessionRecord; user: UserRecord } | null> {
  if (!secretPattern.test(secret)) return null;
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(recordColumns.map((c) => `s.${c}` as const))
    .select(['u.username', 'u.display_name', 'u.created_at as user_created_at'])
    .where('s.secret_hash', '=', hashSecret(secret))
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  const session = toSession(row);
  if (now.getTime() - session.lastSeenAt.getTime() >= lastSeenResolutionMs) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now })
      .where('id', '=', session.id)
      .where('revoked_at', 'is', null)
      .execute();
    session.lastSeenAt = now;
  }
  const user = toUser({
    id: row.user_id,
    username: row.username,
    display_name: row.display_name,
    created_at: row.user_created_at,
  });
  return { session, user };
}

/** A user's live sessions, the most recently used first. */
export async function listSessions(db: Kysely<Schema>, userId: string, now: Date = new Date()) {
  if (!isUuid(userId)) return [];
  const rows = await db
    .selectFrom('sessions')
    .select(recordColumns)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toSession);
}

/** One session by id, only if it is `userId`'s: object-level access. */
export async function getSession(db: Kysely<Schema>, id: string, userId: string): Promise<SessionRecord | null> {
  if (!isUuid(id) || !isUuid(userId)) return null;
  const row = await db
    .selectFrom('sessions')
    .select(recordColumns)
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? toSession(row) : null;
}

/** Revokes one session; revoking it again keeps the first time. False when there is no such session. */
export async function revokeSession(db: Kysely<Schema>, id: string, now: Date = new Date()): Promise<boolean> {
  if (!isUuid(id)) return false;
  const result = await db
    .updateTable('sessions')
    .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(now)) }))
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Revokes every live session of a user, but for `except` (the one making the request). */
export async function revokeUserSessions(
  db: Kysely<Schema>,
  userId: string,
  options: { except?: string | undefined; now?: Date } = {},
): Promise<number> {
  let query = db
    .updateTable('sessions')
    .set({ revoked_at: options.now ?? new Date() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (options.except && isUuid(options.except)) query = query.where('id', '!=', options.except);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

async function pruneEnded(db: Kysely<Schema>, userId: string, now: Date): Promise<void> {
  const before = new Date(now.getTime() - keepEndedMs);
  await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)]))
    .execute();
}

function toSession(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    userId: row.user_id,
    method: row.method,
    ip: row.ip,
    userAgent: row.user_agent,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}
