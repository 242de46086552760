import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SlipwayError } from '@slipway/core';
import { KEK_ID_PATTERN, type Kek, type KeyRing } from './keyring.ts';

/*
 * Envelope encryption of the secrets Slipway stores in its database.
 *
 * Every value gets its own random 32-byte data key (DEK). The value is encrypted with the DEK,
 * and the DEK is encrypted ("wrapped") with the primary key-encryption key (KEK) of the ring;
 * both with AES-256-GCM under their own random 12-byte IV. A sealed value is one ASCII string
 * of six dot-separated fields, the binary ones in unpadded base64url:
 *
 *     v1.<kekId>.<wrap iv>.<wrapped dek + tag>.<data iv>.<ciphertext + tag>
 *
 *     v1                  format version
 *     kekId               id of the KEK that wrapped the DEK ([a-z0-9-], so never a dot)
 *     wrap iv             12 bytes
 *     wrapped dek + tag   32 bytes of encrypted DEK followed by the 16-byte GCM tag
 *     data iv             12 bytes
 *     ciphertext + tag    as long as the plaintext, followed by the 16-byte GCM tag
 *
 * The caller's `aad` names where the value lives (e.g. `cluster:<id>:credentials`). It is
 * authenticated by both encryptions, so a value copied to another row does not open there.
 * Each encryption sees it behind its own prefix: `v1.dek.<kekId>.<aad>` for the DEK, which
 * also binds the KEK id, and `v1.data.<aad>` for the value, which does not, so that rotating
 * the KEK (`rewrap`) replaces the first four fields and leaves the ciphertext as it was.
 */

const VERSION = 'v1';
const DEK_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = 'aes-256-gcm';

interface Sealed {
  kekId: string;
  wrapIv: Buffer;
  wrappedDek: Buffer;
  dataIv: Buffer;
  ciphertext: Buffer;
}

/** Encrypts `plaintext` for the place named by `aad`, with a fresh DEK wrapped by the primary KEK. */
export function seal(ring: KeyRing, plaintext: string | Buffer, aad: string): string {
  const dek = randomBytes(DEK_BYTES);
  try {
    const dataIv = randomBytes(IV_BYTES);
    const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
    const ciphertext = encrypt(dek, dataIv, data, dataAad(aad));
    return format({ ...wrap(ring.primary, dek, aad), dataIv, ciphertext });
  } finally {
    dek.fill(0);
  }
}

/** Decrypts a sealed value for the place named by `aad`; throws when anything does not match. */
export function open(ring: KeyRing, sealed: string, aad: string): Buffer {
  const parts = parse(sealed);
  const dek = unwrap(ring, parts, aad);
  try {
    return decrypt(dek, parts.dataIv, parts.ciphertext, dataAad(aad), () =>
      failure('the value does not match its context (it was altered, or copied from another record)'),
    );
  } finally {
    dek.fill(0);
  }
}

/** `open` for a value sealed from a string. */
export function openText(ring: KeyRing, sealed: string, aad: string): string {
  const bytes = open(ring, sealed, aad);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw failure('the value is not UTF-8 text');
  } finally {
    bytes.fill(0);
  }
}

/** The id of the KEK that wrapped a sealed value. */
export function sealedKeyId(sealed: string): string {
  return parse(sealed).kekId;
}

/** Whether a sealed value was wrapped by a KEK other than the ring's primary (see `rewrap`). */
export function needsRewrap(ring: KeyRing, sealed: string): boolean {
  return parse(sealed).kekId !== ring.primary.id;
}

/**
 * Key rotation: unwraps the DEK with the KEK that wrapped it and wraps it again with the
 * primary KEK. The encrypted value itself is left as it was. A value already wrapped by the
 * primary is returned unchanged.
 */
export function rewrap(ring: KeyRing, sealed: string, aad: string): string {
  const parts = parse(sealed);
  if (parts.kekId === ring.primary.id) return sealed;
  const dek = unwrap(ring, parts, aad);
  try {
    return format({ ...parts, ...wrap(ring.primary, dek, aad) });
  } finally {
    dek.fill(0);
  }
}

function dekAad(kekId: string, aad: string): Buffer {
  return Buffer.from(`${VERSION}.dek.${kekId}.${aad}`, 'utf8');
}

function dataAad(aad: string): Buffer {
  return Buffer.from(`${VERSION}.data.${aad}`, 'utf8');
}

function wrap(kek: Kek, dek: Buffer, aad: string): Pick<Sealed, 'kekId' | 'wrapIv' | 'wrappedDek'> {
  const wrapIv = randomBytes(IV_BYTES);
  return { kekId: kek.id, wrapIv, wrappedDek: encrypt(kek.key, wrapIv, dek, dekAad(kek.id, aad)) };
}

function unwrap(ring: KeyRing, parts: Sealed, aad: string): Buffer {
  const kek = ring.get(parts.kekId);
  if (kek === undefined) {
    throw new SlipwayError('internal', `secret was sealed with key ${parts.kekId}, which is not in the key ring`, {
      hint: 'add the old key back to the ring as a non-primary line',
    });
  }
  return decrypt(kek.key, parts.wrapIv, parts.wrappedDek, dekAad(kek.id, aad), () =>
    failure(
      `its data key does not open with key ${kek.id} (the value was altered or copied from another record, ` +
        'or the key under this id is not the one it was sealed with)',
    ),
  );
}

function encrypt(key: Buffer, iv: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

function decrypt(key: Buffer, iv: Buffer, sealed: Buffer, aad: Buffer, fail: () => SlipwayError): Buffer {
  const ciphertext = sealed.subarray(0, sealed.length - TAG_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  // update() yields plaintext before the tag is checked: it is wiped when final() refuses it.
  const head = decipher.update(ciphertext);
  try {
    return Buffer.concat([head, decipher.final()]);
  } catch {
    throw fail();
  } finally {
    head.fill(0);
  }
}

function failure(reason: string): SlipwayError {
  return new SlipwayError('internal', `secret could not be decrypted: ${reason}`);
}

function format(parts: Sealed): string {
  return [
    VERSION,
    parts.kekId,
    b64(parts.wrapIv),
    b64(parts.wrappedDek),
    b64(parts.dataIv),
    b64(parts.ciphertext),
  ].join('.');
}

function parse(sealed: string): Sealed {
  const fields = sealed.split('.');
  if (fields.length !== 6) throw failure('it is not a sealed value');
  const [version, kekId, wrapIv, wrappedDek, dataIv, ciphertext] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (version !== VERSION) {
    throw failure(
      /^v\d{1,3}$/.test(version)
        ? `format ${version} is not supported by this version of Slipway`
        : 'it is not a sealed value',
    );
  }
  if (!KEK_ID_PATTERN.test(kekId)) throw failure('it is not a sealed value (bad key id)');
  const parts: Sealed = {
    kekId,
    wrapIv: unb64(wrapIv, 'wrap iv'),
    wrappedDek: unb64(wrappedDek, 'wrapped data key'),
    dataIv: unb64(dataIv, 'data iv'),
    ciphertext: unb64(ciphertext, 'ciphertext'),
  };
  if (parts.wrapIv.length !== IV_BYTES || parts.dataIv.length !== IV_BYTES) {
    throw failure('it is not a sealed value (bad iv length)');
  }
  if (parts.wrappedDek.length !== DEK_BYTES + TAG_BYTES) {
    throw failure('it is not a sealed value (bad wrapped data key length)');
  }
  if (parts.ciphertext.length < TAG_BYTES) throw failure('it is not a sealed value (ciphertext too short)');
  return parts;
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64url');
}

/** Strict unpadded base64url: anything that does not encode back to the same text is refused. */
function unb64(text: string, field: string): Buffer {
  const bytes = /^[A-Za-z0-9_-]*$/.test(text) ? Buffer.from(text, 'base64url') : undefined;
  if (bytes === undefined || bytes.toString('base64url') !== text) {
    throw failure(`it is not a sealed value (bad ${field})`);
  }
  return bytes;
}
