import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import { generatePassword, hashPassword, verifyPassword } from './auth/passwords.ts';
import type { Schema } from './db/schema.ts';
import { passwordHashOf, setPasswordHash } from './db/stores/accounts.ts';
import { createToken, verifyToken } from './db/stores/api-tokens.ts';
import { ensureGlobalRole } from './db/stores/role-bindings.ts';
import { ensureUser } from './db/stores/users.ts';

export interface FirstLogin {
  username: string;
  secret: string;
  tokenFile: string;
  created: boolean;
  /** The file holding the admin's generated password, while it still is the admin's password. */
  passwordFile: string | null;
  /** The password, when it was generated on this start (to show it once). */
  password: string | null;
}

/**
 * The first login of a new installation, in the manner of Argo CD's initial admin secret:
 * an admin user with an API token and a password, each written to a file only its owner can
 * read (`initial-admin-token`, and `initial-admin-password` beside it). On later starts the
 * token file is read back while its token still works, so the person who started Slipway
 * always has a way in; once revoked, it is replaced by a new one. The password is generated
 * only while the admin has none: once changed, it is the admin's own and never replaced.
 */
export async function ensureFirstLogin(db: Kysely<Schema>, username: string, tokenFile: string): Promise<FirstLogin> {
  const user = await ensureUser(db, username, 'Administrator');
  // The first admin: without a global admin binding nobody could grant anyone anything.
  await ensureGlobalRole(db, username, 'admin', 'slipway');
  const passwordFile = join(dirname(tokenFile), 'initial-admin-password');
  const password = await ensurePassword(db, user.id, passwordFile);
  if (existsSync(tokenFile)) {
    const secret = readFileSync(tokenFile, 'utf8').trim();
    if (await verifyToken(db, secret, new Date())) return { username, secret, tokenFile, created: false, ...password };
  }
  const name = `initial-admin-${new Date().toISOString().replaceAll(/[:.]/g, '-')}`;
  const { secret } = await createToken(db, { userId: user.id, name, scopes: ['read', 'write'], expiresAt: null });
  writeSecretFile(tokenFile, secret);
  return { username, secret, tokenFile, created: true, ...password };
}

async function ensurePassword(
  db: Kysely<Schema>,
  userId: string,
  file: string,
): Promise<Pick<FirstLogin, 'passwordFile' | 'password'>> {
  const current = await passwordHashOf(db, userId);
  if (current === null) {
    const password = generatePassword();
    // Of replicas starting together, one sets the password; the others find it set.
    if (await setPasswordHash(db, userId, await hashPassword(password), { onlyIfNone: true })) {
      writeSecretFile(file, password);
      return { passwordFile: file, password };
    }
    return { passwordFile: null, password: null };
  }
  // Named only while it still signs in: after a change the file is stale.
  const stored = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  const valid = stored !== '' && (await verifyPassword(current, stored));
  return { passwordFile: valid ? file : null, password: null };
}

function writeSecretFile(file: string, secret: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}
