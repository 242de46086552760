import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Kysely } from 'kysely';
import type { Schema } from './db/schema.ts';
import { createToken, verifyToken } from './db/stores/api-tokens.ts';
import { ensureUser } from './db/stores/users.ts';

export interface FirstLogin {
  username: string;
  secret: string;
  tokenFile: string;
  created: boolean;
}

/**
 * The first login of a new installation, in the manner of Argo CD's initial admin secret:
 * an admin user and an API token, whose secret is written to a file only its owner can read.
 * On later starts the same file is read back while its token still works, so the person
 * who started Slipway always has a way in; once revoked, it is replaced by a new one.
 */
export async function ensureFirstLogin(db: Kysely<Schema>, username: string, tokenFile: string): Promise<FirstLogin> {
  const user = await ensureUser(db, username, 'Administrator');
  if (existsSync(tokenFile)) {
    const secret = readFileSync(tokenFile, 'utf8').trim();
    if (await verifyToken(db, secret, new Date())) return { username, secret, tokenFile, created: false };
  }
  const name = `initial-admin-${new Date().toISOString().replaceAll(/[:.]/g, '-')}`;
  const { secret } = await createToken(db, { userId: user.id, name, scopes: ['read', 'write'], expiresAt: null });
  mkdirSync(dirname(tokenFile), { recursive: true });
  writeFileSync(tokenFile, `${secret}\n`, { mode: 0o600 });
  chmodSync(tokenFile, 0o600);
  return { username, secret, tokenFile, created: true };
}
