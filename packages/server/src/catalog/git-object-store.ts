/**
 * Reads the objects of a local bare repository in this process: loose objects and version 2
 * pack indexes with their packs, deltas resolved. It answers what the catalog's Git cache
 * holds after a fetch, without starting `git cat-file` for each refresh.
 *
 * Why not a process or a library: per repository of 20 files (1 tree, 20 blobs), a
 * `git cat-file --batch` started for the read cost 4 CPU-ms (1.8 ms in this process starting
 * it and taking its output, 2.1 ms of git) and more through the helper that starts it;
 * isomorphic-git, which reads packs in JavaScript, 8–10 CPU-ms. Reading the index and the
 * few objects with node's own zlib, synchronously, costs 0.3–0.5 ms (through promises and
 * libuv's thread pool, 1.1–1.8 ms). At 5,000 repositories git's CPU went from 118.6 to 111.3 s.
 *
 * It answers null for what it cannot read (an object it does not find, an alternates file, a
 * format it does not know, a damaged file): the caller then asks git, which knows the rest.
 * Only files git writes are read; nothing is written.
 */
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

export interface StoredObject {
  type: 'commit' | 'tree' | 'blob' | 'tag';
  data: Buffer;
}

const typeNames = [undefined, 'commit', 'tree', 'blob', 'tag'] as const;
const ofsDelta = 6;
const refDelta = 7;
// A base deeper than this is a loop in a damaged pack, not a chain git writes (its default is 50).
const maxDeltaDepth = 4096;

/** Something this reader does not read; the caller asks git instead. */
class Unreadable extends Error {}

// Larger indexes (a monorepo's pack) are left to git rather than read whole for each refresh.
const maxIndexBytes = 8 * 1024 * 1024;
// What the first read of an entry takes: its header and, for most catalog files, all of it.
const firstRead = 8 * 1024;

/** One pack: its index read whole, its objects read from the pack file as asked. */
class Pack {
  readonly #index: Buffer;
  readonly #count: number;
  readonly #idBytes: number;
  readonly #file: number;
  readonly #size: number;

  private constructor(index: Buffer, idBytes: number, file: number, size: number) {
    this.#index = index;
    this.#idBytes = idBytes;
    this.#file = file;
    this.#size = size;
    this.#count = index.readUInt32BE(8 + 255 * 4);
    if (8 + 256 * 4 + this.#count * (idBytes + 8) > index.length) throw new Unreadable('pack index is short');
  }

  static open(indexPath: string, packPath: string, idBytes: number): Pack {
    const file = openSync(packPath, 'r');
    try {
      const index = readFileSync(indexPath);
      // Version 2: "\377tOc", then 2. Version 1 indexes (no magic) are left to git.
      if (index.length > maxIndexBytes) throw new Unreadable('pack index is large');
      if (index.length < 8 + 256 * 4 || index.readUInt32BE(0) !== 0xff744f63 || index.readUInt32BE(4) !== 2)
        throw new Unreadable('not a version 2 pack index');
      return new Pack(index, idBytes, file, fstatSync(file).size);
    } catch (error) {
      closeSync(file);
      throw error;
    }
  }

  /** Where the object starts in the pack, or undefined: the ids are sorted, so a binary search. */
  offsetOf(id: Buffer): number | undefined {
    const ids = 8 + 256 * 4;
    let low = 0;
    let high = this.#count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = ids + middle * this.#idBytes;
      const order = id.compare(this.#index, at, at + this.#idBytes);
      if (order === 0) return this.#offsetAt(middle);
      if (order > 0) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  #offsetAt(i: number): number {
    const small = this.#index.readUInt32BE(8 + 256 * 4 + this.#count * (this.#idBytes + 4) + i * 4);
    if (!(small & 0x8000_0000)) return small;
    // Offsets past 2 GiB are in a table of 8-byte ones, pointed at by the low 31 bits.
    const large = 8 + 256 * 4 + this.#count * (this.#idBytes + 8) + (small & 0x7fff_ffff) * 8;
    if (large + 8 > this.#index.length) throw new Unreadable('pack index is short');
    return Number(this.#index.readBigUInt64BE(large));
  }

  /**
   * The entry at `offset`: its header, a delta's base reference and its compressed data. The
   * header tells the inflated size; deflate never grows data by more than a few bytes per
   * block, so that size with a margin holds the compressed data (zlib ignores what follows).
   */
  entry(offset: number): { type: number; size: number; bytes: Buffer } {
    let bytes = this.#read(offset, firstRead);
    const { type, size } = entryHeader(bytes);
    const needed = 64 + this.#idBytes + size + (size >> 8);
    if (needed > bytes.length) bytes = this.#read(offset, needed);
    return { type, size, bytes };
  }

  #read(offset: number, length: number): Buffer {
    const bytes = Buffer.allocUnsafe(Math.max(0, Math.min(length, this.#size - offset)));
    return bytes.subarray(0, readSync(this.#file, bytes, 0, bytes.length, offset));
  }

  close(): void {
    closeSync(this.#file);
  }
}

/** A pack entry's header: type, inflated size, and where what follows it begins. */
function entryHeader(entry: Buffer): { type: number; size: number; at: number } {
  if (entry.length === 0) throw new Unreadable('pack entry past the end');
  let at = 0;
  let byte = entry[at++] as number;
  const type = (byte >> 4) & 7;
  let size = byte & 15;
  let shift = 4;
  while (byte & 0x80) {
    if (at >= entry.length || shift > 49) throw new Unreadable('pack entry header runs off');
    byte = entry[at++] as number;
    size += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  }
  return { type, size, at };
}

/** The base offset of an OFS_DELTA: git's variable-length integer, each more byte adding one. */
function ofsDeltaBase(entry: Buffer, at: number): { distance: number; at: number } {
  let byte = entry[at++] as number;
  let distance = byte & 0x7f;
  while (byte & 0x80) {
    if (at >= entry.length) throw new Unreadable('delta base offset runs off');
    byte = entry[at++] as number;
    distance = (distance + 1) * 128 + (byte & 0x7f);
  }
  return { distance, at };
}

/** Applies a git delta (source size, target size, then copy and insert instructions) to `base`. */
export function applyDelta(base: Buffer, delta: Buffer): Buffer {
  let at = 0;
  const size = () => {
    let value = 0;
    let shift = 0;
    let byte: number;
    do {
      if (at >= delta.length) throw new Unreadable('delta runs off');
      byte = delta[at++] as number;
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  if (size() !== base.length) throw new Unreadable('delta is for another base');
  const out = Buffer.allocUnsafe(size());
  let written = 0;
  while (at < delta.length) {
    const op = delta[at++] as number;
    if (op & 0x80) {
      // Copy from the base: which of 4 offset bytes and 3 size bytes follow is in the op's bits.
      let offset = 0;
      let length = 0;
      for (let i = 0; i < 4; i++) if (op & (1 << i)) offset += (delta[at++] as number) * 2 ** (8 * i);
      for (let i = 0; i < 3; i++) if (op & (0x10 << i)) length += (delta[at++] as number) * 2 ** (8 * i);
      if (length === 0) length = 0x10000;
      if (offset + length > base.length || written + length > out.length) throw new Unreadable('delta copies outside');
      written += base.copy(out, written, offset, offset + length);
    } else if (op > 0) {
      if (at + op > delta.length || written + op > out.length) throw new Unreadable('delta inserts outside');
      written += delta.copy(out, written, at, at + op);
      at += op;
    } else throw new Unreadable('delta holds a reserved instruction');
  }
  if (written !== out.length) throw new Unreadable('delta is short');
  return out;
}

/** The objects of one repository's `objects` folder; packs are opened by the first read. */
export class GitObjectStore {
  readonly #objects: string;
  readonly #idBytes: number;
  #packs: Pack[] | undefined;

  /** `gitDir`: a bare repository; `idBytes`: 20 for SHA-1 ids, 32 for SHA-256 ones. */
  constructor(gitDir: string, idBytes: number) {
    this.#objects = join(gitDir, 'objects');
    this.#idBytes = idBytes;
  }

  /** The object with this hex id, or null when this reader cannot answer (git may). */
  read(id: string): StoredObject | null {
    if (id.length !== this.#idBytes * 2 || !/^[0-9a-f]+$/.test(id)) return null;
    try {
      return this.#read(id, 0);
    } catch (error) {
      if (error instanceof Unreadable || isFileError(error) || error instanceof RangeError || isZlibError(error))
        return null;
      throw error;
    }
  }

  /** Closes the pack files; a later read opens them again. */
  close(): void {
    const packs = this.#packs ?? [];
    this.#packs = undefined;
    for (const pack of packs) pack.close();
  }

  #read(id: string, depth: number): StoredObject {
    if (depth > maxDeltaDepth) throw new Unreadable('delta chain too deep');
    const binary = Buffer.from(id, 'hex');
    for (const pack of this.#openPacks()) {
      const offset = pack.offsetOf(binary);
      if (offset !== undefined) return this.#fromPack(pack, offset, depth);
    }
    return this.#loose(id);
  }

  #fromPack(pack: Pack, offset: number, depth: number): StoredObject {
    if (depth > maxDeltaDepth) throw new Unreadable('delta chain too deep');
    const { type, size, bytes } = pack.entry(offset);
    const { at } = entryHeader(bytes);
    const inflate = (from: number) => {
      // Never more than the header says (a pack index-pack took has every size right).
      const data = inflateSync(bytes.subarray(from), { maxOutputLength: Math.max(size, 1) });
      if (data.length !== size) throw new Unreadable('pack entry is not the size it says');
      return data;
    };
    if (type === ofsDelta) {
      const base = ofsDeltaBase(bytes, at);
      if (base.distance <= 0 || base.distance > offset) throw new Unreadable('delta base outside the pack');
      const from = this.#fromPack(pack, offset - base.distance, depth + 1);
      return { type: from.type, data: applyDelta(from.data, inflate(base.at)) };
    }
    if (type === refDelta) {
      const from = this.#read(bytes.toString('hex', at, at + this.#idBytes), depth + 1);
      return { type: from.type, data: applyDelta(from.data, inflate(at + this.#idBytes)) };
    }
    const name = typeNames[type];
    if (!name) throw new Unreadable(`pack entry of type ${type}`);
    return { type: name, data: inflate(at) };
  }

  /** A loose object: `objects/ab/cdef…`, zlib of "<type> <size>\0<data>". */
  #loose(id: string): StoredObject {
    const whole = inflateSync(readFileSync(join(this.#objects, id.slice(0, 2), id.slice(2))));
    const nul = whole.indexOf(0);
    const [name, size] = whole.toString('latin1', 0, nul < 0 ? 0 : nul).split(' ');
    const type = typeNames.find((t) => t === name);
    const data = whole.subarray(nul + 1);
    if (nul < 0 || !type || Number(size) !== data.length) throw new Unreadable('loose object is damaged');
    return { type, data };
  }

  /** The packs, opened once. A repository borrowing objects (alternates) is left to git. */
  #openPacks(): Pack[] {
    if (this.#packs) return this.#packs;
    if (existsSync(join(this.#objects, 'info', 'alternates'))) throw new Unreadable('alternates');
    const names = readdirSync(join(this.#objects, 'pack'));
    const packs: Pack[] = [];
    try {
      for (const name of names.filter((n) => n.endsWith('.idx'))) {
        const base = join(this.#objects, 'pack', name.slice(0, -'.idx'.length));
        packs.push(Pack.open(`${base}.idx`, `${base}.pack`, this.#idBytes));
      }
    } catch (error) {
      for (const pack of packs) pack.close();
      throw error;
    }
    this.#packs = packs;
    return packs;
  }
}

const isFileError = (error: unknown) =>
  error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && 'syscall' in error;

const isZlibError = (error: unknown) =>
  error instanceof Error &&
  typeof (error as { errno?: unknown }).errno === 'number' &&
  /^Z_/.test(String((error as NodeJS.ErrnoException).code));
