/**
 * API tokens: long-lived secrets for the CLI and automation. The secret is shown once, when
 * the token is created; the database keeps only its sha256, so a leaked backup or a read-only
 * SQL session yields nothing that signs in. A random 238-bit secret needs no slow hash or salt.
 */
import { createHash, randomInt } from 'node:crypto';
import { alreadyExists, type FieldIssue, invalidInput, notFound } from '@slipway/core';
import type { Kysely, Selectable } from 'kysely';
import type { ApiTokensTable, Schema } from '../schema.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../sql-errors.ts';
import { isUuid } from './ids.ts';
import { toUser, type UserRecord } from './users.ts';

/** Marks a string as a Slipway token, so secret scanners and people can recognise one. */
export const tokenMarker = 'slw_';
const secretLength = 40;
const prefixLength = 8;
const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const secretPattern = new RegExp(`^${tokenMarker}[0-9A-Za-z]{${secretLength}}$`);
const maxNameLength = 100;

export interface ApiTokenRecord {
  id: string;
  userId: string;
  name: string;
  /** The first characters after `slw_`: enough to recognise a token, useless to sign in with. */
  prefix: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface NewApiToken {
  userId: string;
  name: string;
  scopes: string[];
  expiresAt?: Date | null;
}

// Every column but token_hash: the hash never leaves this module.
const recordColumns = [
  'id',
  'user_id',
  'name',
  'prefix',
  'scopes',
  'created_at',
  'expires_at',
  'last_used_at',
  'revoked_at',
] as const;
type TokenRow = Pick<Selectable<ApiTokensTable>, (typeof recordColumns)[number]>;

/** Creates a token; the returned `secret` is the only copy there will ever be. */
export async function createToken(
  db: Kysely<Schema>,
  input: NewApiToken,
): Promise<{ token: ApiTokenRecord; secret: string }> {
  validateNewToken(input);
  if (!isUuid(input.userId)) throw notFound(`User ${input.userId}`);
  const secret = generateSecret();
  try {
    const row = await db
      .insertInto('api_tokens')
      .values({
        user_id: input.userId,
        name: input.name,
        scopes: [...input.scopes],
        token_hash: hashSecret(secret),
        prefix: secret.slice(tokenMarker.length, tokenMarker.length + prefixLength),
        expires_at: input.expiresAt ?? null,
      })
      .returning(recordColumns)
      .executeTakeFirstOrThrow();
    return { token: toToken(row), secret };
  } catch (error) {
    throw insertError(error, input);
  }
}

/** How stale `last_used_at` may get: stamping it on every request would make each read a write. */
export const lastUsedResolutionMs = 60_000;

/**
 * The token and its user if `secret` is a live token at `now`, otherwise null (unknown,
 * revoked or expired alike, so a caller cannot tell which). One indexed read serves the
 * common case; the use is recorded at most once a minute per token.
 */
export async function verifyToken(
  db: Kysely<Schema>,
  secret: string,
  now: Date = new Date(),
): Promise<{ token: ApiTokenRecord; user: UserRecord } | null> {
  const found = await findLiveToken(db, secret, now);
  if (found) await markTokenUsed(db, found.token, now);
  return found;
}

/** The read behind verifyToken, without recording the use (auth/auth-cache.ts remembers it). */
export async function findLiveToken(
  db: Kysely<Schema>,
  secret: string,
  now: Date,
): Promise<{ token: ApiTokenRecord; user: UserRecord } | null> {
  if (!secretPattern.test(secret)) return null;
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(recordColumns.map((c) => `t.${c}` as const))
    .select(['u.username', 'u.display_name', 'u.created_at as user_created_at'])
    .where('t.token_hash', '=', hashSecret(secret))
    .where('t.revoked_at', 'is', null)
    .where('u.disabled_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', now)]))
    .executeTakeFirst();
  if (!row) return null;
  const user = toUser({
    id: row.user_id,
    username: row.username,
    display_name: row.display_name,
    created_at: row.user_created_at,
  });
  return { token: toToken(row), user };
}

/** Stamps `last_used_at` when it is older than its resolution; updates `token` to match. */
export async function markTokenUsed(db: Kysely<Schema>, token: ApiTokenRecord, now: Date): Promise<void> {
  if (token.lastUsedAt && now.getTime() - token.lastUsedAt.getTime() < lastUsedResolutionMs) return;
  token.lastUsedAt = now;
  // Guarded by revoked_at, so a token revoked meanwhile is never marked as used.
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('id', '=', token.id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** One token by id, or null. With `userId`, only that user's token: object-level access. */
export async function getToken(db: Kysely<Schema>, id: string, userId?: string): Promise<ApiTokenRecord | null> {
  if (!isUuid(id) || (userId !== undefined && !isUuid(userId))) return null;
  let query = db.selectFrom('api_tokens').select(recordColumns).where('id', '=', id);
  if (userId !== undefined) query = query.where('user_id', '=', userId);
  const row = await query.executeTakeFirst();
  return row ? toToken(row) : null;
}

/** All of a user's tokens, revoked and expired ones included, oldest first. */
export async function listTokens(db: Kysely<Schema>, userId: string): Promise<ApiTokenRecord[]> {
  if (!isUuid(userId)) return [];
  const rows = await db
    .selectFrom('api_tokens')
    .select(recordColumns)
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('name')
    .execute();
  return rows.map(toToken);
}

/** Revokes a token; revoking it again keeps the first revocation time. */
export async function revokeToken(db: Kysely<Schema>, id: string, now: Date = new Date()): Promise<ApiTokenRecord> {
  const row = isUuid(id)
    ? await db
        .updateTable('api_tokens')
        .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(now)) }))
        .where('id', '=', id)
        .returning(recordColumns)
        .executeTakeFirst()
    : undefined;
  if (!row) throw notFound(`API token ${id}`);
  return toToken(row);
}

/** sha256 of the whole secret, hex: what the database stores and looks tokens up by. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

function generateSecret(): string {
  // randomInt draws without modulo bias, unlike mapping random bytes onto 62 letters.
  let body = '';
  for (let i = 0; i < secretLength; i++) body += base62[randomInt(base62.length)];
  return tokenMarker + body;
}

function validateNewToken(input: NewApiToken): void {
  const issues: FieldIssue[] = [];
  if (input.name.trim() === '') issues.push({ path: '/name', message: 'must not be empty' });
  if (input.name.length > maxNameLength) issues.push({ path: '/name', message: `at most ${maxNameLength} characters` });
  input.scopes.forEach((scope, i) => {
    if (scope.trim() === '') issues.push({ path: `/scopes/${i}`, message: 'must not be empty' });
  });
  if (input.expiresAt && Number.isNaN(input.expiresAt.getTime())) {
    issues.push({ path: '/expiresAt', message: 'not a valid date' });
  }
  if (issues.length > 0) throw invalidInput('The API token is not valid', issues);
}

function insertError(error: unknown, input: NewApiToken): unknown {
  if (isUniqueViolation(error, 'api_tokens_user_id_name_key')) {
    return alreadyExists(
      `An active API token named "${input.name}" already exists for this user`,
      'Choose another name, or revoke the existing token first.',
    );
  }
  if (isForeignKeyViolation(error)) return notFound(`User ${input.userId}`);
  return error;
}

function toToken(row: TokenRow): ApiTokenRecord {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
