/**
 * Users as accounts: how each signs in (a local password, an OIDC identity, or only tokens),
 * their e-mail and whether they are disabled. The password hash is read only by
 * `passwordOf` and never leaves this module in a record.
 */
import { alreadyExists, notFound } from '@slipway/core';
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Schema, UsersTable } from '../schema.ts';
import { isUniqueViolation } from '../sql-errors.ts';
import { isUuid } from './ids.ts';
import { toUser, type UserRecord } from './users.ts';

/** What a username may look like when an account is made through the API. */
export const usernamePattern = '^[A-Za-z0-9][A-Za-z0-9._@-]*$';
export const usernameMaxLength = 100;

export interface UserAccount extends UserRecord {
  email: string | null;
  hasPassword: boolean;
  /** The OpenID Provider the account signs in through, if any. */
  oidcIssuer: string | null;
  disabledAt: Date | null;
}

export interface NewAccount {
  username: string;
  displayName?: string | null | undefined;
  email?: string | null | undefined;
  passwordHash?: string | null | undefined;
  oidc?: { issuer: string; subject: string } | undefined;
}

export interface AccountChanges {
  displayName?: string | null | undefined;
  email?: string | null | undefined;
  passwordHash?: string | undefined;
  disabled?: boolean | undefined;
}

type UserRow = Selectable<UsersTable>;

export async function listAccounts(db: Kysely<Schema>): Promise<UserAccount[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map(toAccount);
}

export async function getAccount(db: Kysely<Schema>, username: string): Promise<UserAccount | null> {
  const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return row ? toAccount(row) : null;
}

export async function getAccountById(db: Kysely<Schema>, id: string): Promise<UserAccount | null> {
  if (!isUuid(id)) return null;
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toAccount(row) : null;
}

/** Creates an account; a taken username (or OIDC identity) is a conflict. */
export async function createAccount(db: Kysely<Schema>, input: NewAccount): Promise<UserAccount> {
  try {
    const row = await db
      .insertInto('users')
      .values({
        username: input.username,
        display_name: input.displayName ?? null,
        email: input.email ?? null,
        password_hash: input.passwordHash ?? null,
        oidc_issuer: input.oidc?.issuer ?? null,
        oidc_subject: input.oidc?.subject ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toAccount(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists(`A user named "${input.username}" already exists`);
    throw error;
  }
}

/**
 * Changes an account. Disabling it also revokes its browser sessions in the same
 * transaction (its tokens stop verifying by themselves: verification skips disabled users).
 */
export async function updateAccount(
  db: Kysely<Schema>,
  username: string,
  changes: AccountChanges,
  now: Date = new Date(),
): Promise<UserAccount> {
  return db.transaction().execute(async (tx) => {
    // The username set to itself: an empty change still has a column to set.
    const set: Updateable<UsersTable> = { username };
    if (changes.displayName !== undefined) set.display_name = changes.displayName;
    if (changes.email !== undefined) set.email = changes.email;
    if (changes.passwordHash !== undefined) set.password_hash = changes.passwordHash;
    if (changes.disabled === false) set.disabled_at = null;
    let query = tx.updateTable('users').set(set).where('username', '=', username);
    if (changes.disabled === true) {
      query = query.set((eb) => ({ disabled_at: eb.fn.coalesce('disabled_at', eb.val(now)) }));
    }
    const row = await query.returningAll().executeTakeFirst();
    if (!row) throw notFound(`User ${username}`);
    if (changes.disabled === true) {
      await tx
        .updateTable('sessions')
        .set({ revoked_at: now })
        .where('user_id', '=', row.id)
        .where('revoked_at', 'is', null)
        .execute();
    }
    return toAccount(row);
  });
}

/** The user and their password hash, for checking a sign-in; null for an unknown username. */
export async function passwordOf(
  db: Kysely<Schema>,
  username: string,
): Promise<{ user: UserRecord; hash: string | null; disabled: boolean } | null> {
  const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  if (!row) return null;
  return { user: toUser(row), hash: row.password_hash, disabled: row.disabled_at !== null };
}

/** The current hash of a user by id (for changing one's own password). */
export async function passwordHashOf(db: Kysely<Schema>, userId: string): Promise<string | null> {
  if (!isUuid(userId)) return null;
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
  return row?.password_hash ?? null;
}

/**
 * Sets a password hash. With `onlyIfNone`, only a user without one gets it: of replicas
 * racing to give the first admin a password, exactly one wins (true).
 */
export async function setPasswordHash(
  db: Kysely<Schema>,
  userId: string,
  hash: string,
  options: { onlyIfNone?: boolean } = {},
): Promise<boolean> {
  let query = db.updateTable('users').set({ password_hash: hash }).where('id', '=', userId);
  if (options.onlyIfNone) query = query.where('password_hash', 'is', null);
  const result = await query.executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The account signed in through this provider with this subject, if any. */
export async function findByOidcIdentity(
  db: Kysely<Schema>,
  issuer: string,
  subject: string,
): Promise<UserAccount | null> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('oidc_issuer', '=', issuer)
    .where('oidc_subject', '=', subject)
    .executeTakeFirst();
  return row ? toAccount(row) : null;
}

/** Links an OIDC identity to an account that has none yet; false when it already has one. */
export async function linkOidcIdentity(
  db: Kysely<Schema>,
  userId: string,
  identity: { issuer: string; subject: string },
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ oidc_issuer: identity.issuer, oidc_subject: identity.subject })
    .where('id', '=', userId)
    .where('oidc_subject', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Keeps the profile the provider reports (name, e-mail) in step at each sign-in. */
export async function refreshProfile(
  db: Kysely<Schema>,
  userId: string,
  profile: { displayName?: string | undefined; email?: string | undefined },
): Promise<void> {
  const set: { display_name?: string; email?: string } = {};
  if (profile.displayName) set.display_name = profile.displayName;
  if (profile.email) set.email = profile.email;
  if (Object.keys(set).length > 0) await db.updateTable('users').set(set).where('id', '=', userId).execute();
}

function toAccount(row: UserRow): UserAccount {
  return {
    ...toUser(row),
    email: row.email,
    hasPassword: row.password_hash !== null,
    oidcIssuer: row.oidc_issuer,
    disabledAt: row.disabled_at,
  };
}
