/**
 * Small values kept in the browser for a moment (an OIDC sign-in in flight), sealed with
 * AES-256-GCM: the browser can neither read nor alter them, and a value sealed by one
 * replica opens on another. The key is made once per installation and kept in the database
 * (`settings`), like the provisioner seed.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { settingOrCreate } from '../db/stores/settings.ts';

const keys = new WeakMap<Kysely<Schema>, Promise<Buffer>>();

/** The installation's cookie-sealing key, read once per database handle. */
export function cookieKey(db: Kysely<Schema>): Promise<Buffer> {
  let key = keys.get(db);
  if (!key) {
    key = settingOrCreate(db, 'auth.cookie-key', () => randomBytes(32).toString('base64')).then((v) =>
      Buffer.from(v, 'base64'),
    );
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

/** `purpose` is bound in, so a value sealed for one cookie does not open as another. */
export function seal(key: Buffer, purpose: string, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The value, or null when the text was not sealed with this key for this purpose. */
export function unseal(key: Buffer, purpose: string, sealed: string): unknown {
  const raw = Buffer.from(sealed, 'base64url');
  if (raw.length < 29) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    return JSON.parse(text);
  } catch {
    return null;
  }
}
