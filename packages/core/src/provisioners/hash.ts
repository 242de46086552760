/**
 * SHA-256 and HMAC-SHA-256 from @noble/hashes (audited, no dependencies): core stays free of
 * `node:crypto` so that the portal can run the same rendering in a browser, where only the
 * asynchronous WebCrypto exists. Used to derive stable names and secrets, content hashes and
 * the audit chain; never to protect data at rest.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const bytes = (input: string | Uint8Array): Uint8Array => (typeof input === 'string' ? utf8(input) : input);

export function sha256(input: string | Uint8Array): Uint8Array {
  return nobleSha256(bytes(input));
}

export function hmacSha256(key: string | Uint8Array, message: string | Uint8Array): Uint8Array {
  return hmac(nobleSha256, bytes(key), bytes(message));
}

export function toHex(data: Uint8Array): string {
  return bytesToHex(data);
}
