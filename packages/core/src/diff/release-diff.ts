/**
 * What a release changes: the objects one render adds, removes and changes relative to another.
 * Matching is by `objectKey`; Secret values never leave this module, only the fact that they changed.
 */
import { SlipwayError } from '../errors/slipway-error.ts';
import { type KubeObject, objectKey, slipwayLabels } from '../kube/object.ts';
import {
  isPlainObject,
  isSecret,
  isSecretValuePath,
  itemNames,
  type Json,
  makeChange,
  redact,
  stripServerFields,
  summarize,
} from './compare.ts';
import type { FieldChange, ObjectSummary } from './types.ts';

export interface ChangedObject extends ObjectSummary {
  changes: FieldChange[];
}

export interface ReleaseDiff {
  added: ObjectSummary[];
  removed: ObjectSummary[];
  changed: ChangedObject[];
  /** How many objects are in both releases with no change (bookkeeping left out unless asked for). */
  unchanged: number;
  /** Field changes left out because they are Slipway's own bookkeeping (see `bookkeepingLabels`). */
  hidden: number;
}

export interface DiffOptions {
  /** Also list the changes of Slipway's own release and version labels. Default false. */
  bookkeeping?: boolean;
}

/**
 * Labels Slipway rewrites on every object at every release: the release's hash and the image
 * tag. A one-line image change would otherwise come with the same two label changes on every
 * object and pod template, burying the change that matters. The image itself stays in the diff.
 */
export const bookkeepingLabels: readonly string[] = [slipwayLabels.release, 'app.kubernetes.io/version'];

const isBookkeeping = (segments: ReadonlyArray<string | number>): boolean =>
  segments.length >= 2 && segments.at(-2) === 'labels' && bookkeepingLabels.includes(String(segments.at(-1)));

/** Whether a change (of a diff asked for with `bookkeeping`) is one of those labels. */
export const isBookkeepingChange = (change: FieldChange): boolean =>
  isBookkeeping(change.path.split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~')));

/**
 * Compares two rendered releases. `added` and `changed` follow the order of `to`, `removed` the
 * order of `from`. Status and server-owned metadata are ignored, and so are the changes of
 * Slipway's bookkeeping labels unless `bookkeeping` is asked for (their count is in `hidden`).
 */
export function diffReleases(from: KubeObject[], to: KubeObject[], options: DiffOptions = {}): ReleaseDiff {
  const before = indexByKey(from, 'from');
  const after = indexByKey(to, 'to');
  const diff: ReleaseDiff = { added: [], removed: [], changed: [], unchanged: 0, hidden: 0 };
  for (const [key, next] of after) {
    const prev = before.get(key);
    if (!prev) {
      diff.added.push(summarize(next, key));
      continue;
    }
    const all = fieldChanges(prev, next);
    const shown = options.bookkeeping ? all : all.filter((f) => !isBookkeeping(f.segments));
    diff.hidden += all.length - shown.length;
    const changes = shown.map((f) => f.change);
    if (changes.length === 0) diff.unchanged++;
    else diff.changed.push({ ...summarize(next, key), changes });
  }
  for (const [key, prev] of before) if (!after.has(key)) diff.removed.push(summarize(prev, key));
  return diff;
}

/** The field changes between two versions of one object (same key), Secret values redacted. */
export function diffObjects(from: KubeObject, to: KubeObject): FieldChange[] {
  return fieldChanges(from, to).map((f) => f.change);
}

/** Each change with the path segments it was found at, so callers can sort them by place. */
function fieldChanges(from: KubeObject, to: KubeObject): Found[] {
  const secret = isSecret(from) || isSecret(to);
  const found: Found[] = [];
  compare(prepare(from, secret), prepare(to, secret), [], found);
  return found.map(({ segments, change }) => ({
    segments,
    change: secret && isSecretValuePath(segments) ? redact(change) : change,
  }));
}

interface Found {
  segments: Array<string | number>;
  change: FieldChange;
}

function prepare(o: KubeObject, secret: boolean): Json {
  const out = stripServerFields(o);
  if (secret) {
    // An absent map and an empty one are the same here, so changes are always per key and
    // a value can never travel inside a whole-map `from`/`to`.
    for (const f of ['data', 'stringData', 'binaryData']) if (out[f] === undefined) out[f] = {};
  }
  return out;
}

function compare(a: unknown, b: unknown, segments: Array<string | number>, out: Found[]): void {
  const found = (seg: Array<string | number>, op: FieldChange['op'], from: unknown, to: unknown): void => {
    out.push({ segments: seg, change: makeChange(seg, op, from, to) });
  };
  if (isPlainObject(a) && isPlainObject(b)) {
    for (const [k, v] of Object.entries(a)) {
      if (v === undefined) continue;
      if (b[k] === undefined) found([...segments, k], 'remove', v, undefined);
      else compare(v, b[k], [...segments, k], out);
    }
    for (const [k, v] of Object.entries(b)) {
      if (v !== undefined && a[k] === undefined) found([...segments, k], 'add', undefined, v);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const namesA = itemNames(a);
    const namesB = itemNames(b);
    if (namesA && namesB && (a.length > 0 || b.length > 0)) {
      const inB = new Map(b.map((item, i) => [namesB[i] as string, item]));
      const inA = new Set(namesA);
      namesA.forEach((name, i) => {
        if (inB.has(name)) compare(a[i], inB.get(name), [...segments, name], out);
        else found([...segments, name], 'remove', a[i], undefined);
      });
      namesB.forEach((name, i) => {
        if (!inA.has(name)) found([...segments, name], 'add', undefined, b[i]);
      });
      return;
    }
    const common = Math.min(a.length, b.length);
    for (let i = 0; i < common; i++) compare(a[i], b[i], [...segments, i], out);
    for (let i = common; i < a.length; i++) found([...segments, i], 'remove', a[i], undefined);
    for (let i = common; i < b.length; i++) found([...segments, i], 'add', undefined, b[i]);
    return;
  }
  if (!Object.is(a, b)) found(segments, 'replace', a, b);
}

function indexByKey(objects: KubeObject[], side: string): Map<string, KubeObject> {
  const map = new Map<string, KubeObject>();
  for (const o of objects) {
    const key = objectKey(o);
    if (map.has(key)) {
      throw new SlipwayError('invalid_input', `The "${side}" release has two objects with the key ${key}`, {
        hint: 'Each object of a release must have a distinct kind, namespace and name.',
      });
    }
    map.set(key, o);
  }
  return map;
}
