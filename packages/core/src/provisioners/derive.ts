import { hmacSha256, toHex } from './hash.ts';

/**
 * Values that look random but are derived from a seed (kept by the server per environment) and
 * the resource's identity. Rendering stays pure, and a database password is the same on every
 * release, so a redeploy never rotates credentials behind a running database's back.
 */
export interface DerivationKey {
  seed: string;
  /** The resource's identity: `type#class#id`. */
  uid: string;
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const maxRandomLength = 256;

function* derivedBytes(key: DerivationKey, label: string): Generator<number> {
  for (let block = 0; ; block++) yield* hmacSha256(key.seed, `${key.uid}\n${label}\n${block}`);
}

/** `length` letters and digits, uniformly distributed (bytes ≥ 248 are skipped to avoid bias). */
export function derivedString(key: DerivationKey, label: string, length = 32): string {
  if (!Number.isInteger(length) || length < 1 || length > maxRandomLength) {
    throw new RangeError(`a random string's length must be an integer from 1 to ${maxRandomLength}`);
  }
  let out = '';
  for (const byte of derivedBytes(key, label)) {
    if (byte >= 248) continue;
    out += alphabet[byte % 62];
    if (out.length === length) return out;
  }
  return out;
}

/** A UUID (version 4 layout) derived from the key: stable, unique per resource and seed. */
export function derivedGuid(key: DerivationKey): string {
  const bytes = hmacSha256(key.seed, `${key.uid}\nguid`).slice(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = toHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
