import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { inspect } from 'node:util';
import { SlipwayError } from '@slipway/core';

/** A key-encryption key: 32 bytes for AES-256-GCM, named by an id that sealed values record. */
export interface Kek {
  readonly id: string;
  readonly key: Buffer;
}

export const KEK_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;
export const KEK_BYTES = 32;

const FORMAT_HINT =
  'write one key per line as id:base64key, e.g. from `openssl rand -base64 32`; ' +
  'the id is 1-32 of a-z, 0-9 and -, starting with a letter or digit';

/**
 * The key-encryption keys Slipway knows. The first one is the primary: new secrets are sealed
 * with it. The others are only read, so that a key can be rotated by putting a new line first
 * and re-wrapping stored secrets at leisure (see `needsRewrap` and `rewrap` in envelope.ts).
 *
 * The text format, for a file or the SLIPWAY_SECRET_KEYS variable:
 *
 *     # comments and blank lines are ignored
 *     k20300601:q0v3...base64 of 32 bytes...=
 *     k20290101:Zm9v...the previous primary, kept for reading...=
 *
 * A ring never shows its key material: inspecting or serialising it gives the ids only.
 */
export class KeyRing {
  readonly #keys: Map<string, Kek>;
  readonly primary: Kek;

  /** Builds a ring from keys in order, primary first; the keys are copied. */
  constructor(keys: readonly Kek[]) {
    const first = keys[0];
    if (first === undefined) {
      throw new SlipwayError('invalid_config', 'the secret key ring has no keys', { hint: FORMAT_HINT });
    }
    this.#keys = new Map();
    for (const { id, key } of keys) {
      if (!KEK_ID_PATTERN.test(id)) {
        throw new SlipwayError('invalid_config', 'a secret key has an invalid id', { hint: FORMAT_HINT });
      }
      if (key.length !== KEK_BYTES) {
        throw new SlipwayError('invalid_config', `secret key "${id}" is not ${KEK_BYTES} bytes long`, {
          hint: FORMAT_HINT,
        });
      }
      if (this.#keys.has(id)) {
        throw new SlipwayError('invalid_config', `secret key id "${id}" appears more than once`, {
          hint: 'give every key of the ring its own id',
        });
      }
      this.#keys.set(id, Object.freeze({ id, key: Buffer.from(key) }));
    }
    this.primary = this.#keys.get(first.id) as Kek;
  }

  /** The ids of the ring, primary first. */
  get ids(): string[] {
    return [...this.#keys.keys()];
  }

  /** The key with this id, or undefined when the ring does not hold it. */
  get(id: string): Kek | undefined {
    return this.#keys.get(id);
  }

  has(id: string): boolean {
    return this.#keys.has(id);
  }

  /**
   * Reads the text format (see the class comment). Errors name the line number, and never
   * echo anything from a line that might be key material.
   */
  static parse(text: string): KeyRing {
    const keys: Kek[] = [];
    const seen = new Map<string, number>();
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    lines.forEach((raw, index) => {
      const line = raw.trim();
      const n = index + 1;
      if (line === '' || line.startsWith('#')) return;
      const colon = line.indexOf(':');
      if (colon < 0) throw invalidLine(n, 'expected id:base64key');
      const id = line.slice(0, colon).trim();
      const encoded = line.slice(colon + 1).trim();
      // An id that does not match may be key material written the wrong way round: not shown.
      if (!KEK_ID_PATTERN.test(id)) throw invalidLine(n, 'the key id is not valid');
      const previous = seen.get(id);
      if (previous !== undefined) {
        throw new SlipwayError(
          'invalid_config',
          `secret key ring, line ${n}: key id "${id}" is already used on line ${previous}`,
          { hint: 'give every key of the ring its own id' },
        );
      }
      const key = decodeBase64(encoded);
      if (key === undefined) throw invalidLine(n, `key "${id}" is not valid base64`);
      if (key.length !== KEK_BYTES) {
        throw invalidLine(n, `key "${id}" decodes to ${key.length} bytes, expected ${KEK_BYTES}`);
      }
      seen.set(id, n);
      keys.push({ id, key });
    });
    if (keys.length === 0) {
      throw new SlipwayError('invalid_config', 'the secret key ring has no keys', { hint: FORMAT_HINT });
    }
    return new KeyRing(keys);
  }

  /**
   * The text of a new ring holding one fresh random key, ready for a file or a variable.
   * The id defaults to `k` and the UTC date, e.g. `k20300601`.
   */
  static generate(id?: string, now: Date = new Date()): string {
    const keyId = id ?? `k${now.toISOString().slice(0, 10).replaceAll('-', '')}`;
    if (!KEK_ID_PATTERN.test(keyId)) {
      throw new SlipwayError('invalid_input', `"${keyId}" is not a valid secret key id`, { hint: FORMAT_HINT });
    }
    return (
      '# Slipway secret keys (KEKs), one id:base64key per line. The first line is the primary,\n' +
      '# used for new secrets; later lines are kept to read older ones. Keep this file private\n' +
      '# and backed up: secrets stored in the database cannot be read without it.\n' +
      `${keyId}:${randomBytes(KEK_BYTES).toString('base64')}\n`
    );
  }

  toJSON(): { primary: string; ids: string[] } {
    return { primary: this.primary.id, ids: this.ids };
  }

  [inspect.custom](): string {
    return `KeyRing { primary: '${this.primary.id}', ids: [${this.ids.map((id) => `'${id}'`).join(', ')}] }`;
  }
}

function invalidLine(n: number, problem: string): SlipwayError {
  return new SlipwayError('invalid_config', `secret key ring, line ${n}: ${problem}`, { hint: FORMAT_HINT });
}

/** Strict standard base64 (padding optional); undefined when the text is not canonical base64. */
function decodeBase64(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  const bare = text.replace(/=+$/, '');
  if (bare.length % 4 === 1) return undefined;
  if (text.length !== bare.length && text.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(bare, 'base64');
  // Buffer.from ignores stray trailing bits; a round trip rejects text that is not canonical.
  if (bytes.toString('base64').replace(/=+$/, '') !== bare) return undefined;
  return bytes;
}

export interface LoadKeyRingOptions {
  /** A key file named by configuration; it must exist. */
  keyFile?: string;
  /** The raw text of SLIPWAY_SECRET_KEYS; blank counts as unset. */
  env?: string;
  /** Where the embedded default keeps its ring; created with a fresh key when missing. */
  defaultFile: string;
}

export interface LoadedKeyRing {
  ring: KeyRing;
  source: 'env' | 'file' | 'generated';
  file?: string;
}

/**
 * Finds the key ring: the SLIPWAY_SECRET_KEYS text first, then the configured key file, then
 * the default file. When there is none of them the default file is created with a generated
 * ring, so that an installation works without setup. A key file named by configuration must
 * exist: falling back to a new key would leave the secrets already stored unreadable.
 */
export function loadKeyRing(options: LoadKeyRingOptions): LoadedKeyRing {
  if (options.env !== undefined && options.env.trim() !== '') {
    return { ring: withSource(() => KeyRing.parse(options.env as string), 'SLIPWAY_SECRET_KEYS'), source: 'env' };
  }
  if (options.keyFile !== undefined) {
    const text = readKeyFile(options.keyFile);
    if (text === undefined) {
      throw new SlipwayError('invalid_config', `secret key file ${options.keyFile} does not exist`, {
        hint: 'create it with `id:base64key` lines, or remove the setting to use the default key file',
      });
    }
    return { ring: withSource(() => KeyRing.parse(text), options.keyFile), source: 'file', file: options.keyFile };
  }
  const file = options.defaultFile;
  const existing = readKeyFile(file);
  if (existing !== undefined) {
    return { ring: withSource(() => KeyRing.parse(existing), file), source: 'file', file };
  }
  let created: { text: string; won: boolean };
  try {
    created = createKeyFile(file, KeyRing.generate());
  } catch (error) {
    if (error instanceof SlipwayError) throw error;
    throw new SlipwayError('invalid_config', `secret key file ${file} could not be created`, {
      hint: 'make its directory writable, or provide keys through SLIPWAY_SECRET_KEYS or a key file',
      cause: error,
    });
  }
  return {
    ring: withSource(() => KeyRing.parse(created.text), file),
    source: created.won ? 'generated' : 'file',
    file,
  };
}

/** Runs a parse and names where the text came from in its error. */
function withSource(parse: () => KeyRing, source: string): KeyRing {
  try {
    return parse();
  } catch (error) {
    if (error instanceof SlipwayError) {
      throw new SlipwayError(error.code, `${error.message} (in ${source})`, {
        ...(error.hint ? { hint: error.hint } : {}),
      });
    }
    throw error;
  }
}

/** The text of a key file, undefined when it does not exist; refuses one others can read. */
function readKeyFile(file: string): string | undefined {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SlipwayError('invalid_config', `secret key file ${file} cannot be read`, { cause: error });
  }
  if (!stats.isFile()) throw new SlipwayError('invalid_config', `secret key file ${file} is not a file`);
  // Windows has no POSIX modes to check.
  if (process.platform !== 'win32' && (stats.mode & 0o077) !== 0) {
    const mode = (stats.mode & 0o777).toString(8).padStart(3, '0');
    throw new SlipwayError('invalid_config', `secret key file ${file} can be read by other users (mode ${mode})`, {
      hint: `restrict it to its owner: chmod 600 ${file}`,
    });
  }
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new SlipwayError('invalid_config', `secret key file ${file} cannot be read`, { cause: error });
  }
}

/**
 * Creates the key file atomically: the text goes to a private temporary file that is then
 * linked to the final name, which (unlike a plain rename) never replaces a file another
 * process created meanwhile; the loser reads the winner's ring. Where hard links are not
 * supported it falls back to a rename.
 */
function createKeyFile(file: string, text: string): { text: string; won: boolean } {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    chmodSync(temp, 0o600);
    try {
      linkSync(temp, file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        const theirs = readKeyFile(file);
        if (theirs !== undefined) return { text: theirs, won: false };
      }
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw error;
      renameSync(temp, file);
    }
    syncDirectory(dir);
    return { text, won: true };
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // already renamed away
    }
  }
}

function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // best effort: some file systems do not sync directories
  }
}
