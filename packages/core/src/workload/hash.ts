import { hmacSha256, sha256, toHex } from '../provisioners/hash.ts';

/**
 * Digests and base64 for rendering, in plain TypeScript: core also runs in the browser, so it
 * cannot lean on `node:crypto` or `Buffer`. SHA-256 itself is shared with the provisioners.
 */
export function sha256Hex(input: string | Uint8Array): string {
  return toHex(sha256(input));
}

/**
 * A digest of content that may hold secrets (a Secret's data, objects that include one): keyed
 * with a secret of the installation, so that someone who can read the digest cannot test
 * guesses of a short password against it. Without a key, a plain sha256.
 */
export function contentDigest(input: string, key: string | undefined): string {
  return key ? toHex(hmacSha256(key, input)) : sha256Hex(input);
}

/** A short, stable hex digest for name suffixes and keys. */
export function shortHash(input: string, length = 8): string {
  return sha256Hex(input).slice(0, length);
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 of text (as UTF-8) or bytes: what Secret `data` holds. */
export function base64Encode(input: string | Uint8Array): string {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const left = bytes.length - i;
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += left > 1 ? alphabet[(n >> 6) & 63] : '=';
    out += left > 2 ? alphabet[n & 63] : '=';
  }
  return out;
}

/** Strict standard base64, as Kubernetes `binaryData` and Score `binaryContent` require. */
export function isBase64(text: string): boolean {
  return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
}
