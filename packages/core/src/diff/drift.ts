/**
 * Drift: how a live object departs from what Slipway applied. Only the fields Slipway sets
 * (those in the desired object) are compared; defaults the API server fills in, fields owned by
 * other managers and status are not drift. Forms the API server normalises compare equal.
 *
 * In a drift change, `from` is the desired value and `to` the live one: `remove` means the live
 * object lacks a field Slipway sets, `add` an extra item in a list Slipway owns whole.
 */
import { jsonPointer } from '../errors/json-pointer.ts';
import { type KubeObject, objectKey } from '../kube/object.ts';
import { base64Encode } from '../workload/hash.ts';
import {
  isPlainObject,
  isSecret,
  isSecretValuePath,
  itemNames,
  type Json,
  makeChange,
  redact,
  stripServerFields,
} from './compare.ts';
import { quantitiesEqual } from './quantity.ts';
import { type FieldChange, secretPlaceholder } from './types.ts';

export interface Drift {
  key: string;
  state: 'missing' | 'in-sync' | 'drifted';
  changes: FieldChange[];
}

/** Compares one desired object with its live counterpart (`undefined` when it is not in the cluster). */
export function detectDrift(desired: KubeObject, live: KubeObject | undefined): Drift {
  const key = objectKey(desired);
  if (!live) return { key, state: 'missing', changes: [] };
  const changes = isSecret(desired) ? secretDrift(desired, live) : [];
  const want = stripServerFields(desired);
  const have = stripServerFields(live);
  if (isSecret(desired)) {
    delete want.data;
    delete want.stringData;
    delete want.binaryData;
  }
  const found: Array<{ segments: Array<string | number>; change: FieldChange }> = [];
  walk(want, have, [], found);
  // Belt and braces for Secrets (their values were compared above); other kinds show values.
  const secret = isSecret(desired);
  changes.push(
    ...found.map(({ segments, change }) => (secret && isSecretValuePath(segments) ? redact(change) : change)),
  );
  return { key, state: changes.length > 0 ? 'drifted' : 'in-sync', changes };
}

/** Drift of every object of a release; `live` is keyed by `objectKey`. Follows the order of `desired`. */
export function detectDriftAll(desired: KubeObject[], live: Map<string, KubeObject>): Drift[] {
  return desired.map((o) => detectDrift(o, live.get(objectKey(o))));
}

/** Values the API server fills in when they are left out: setting them explicitly is not drift. */
const serverDefaults: Record<string, unknown> = { protocol: 'TCP' };

/** Fields holding resource quantities, or maps of them. */
const quantityParents = new Set([
  'limits',
  'requests',
  'hard',
  'capacity',
  'overhead',
  'default',
  'defaultRequest',
  'max',
  'min',
]);
const quantityFields = new Set(['sizeLimit', 'storage']);

function isQuantityPath(segments: ReadonlyArray<string | number>): boolean {
  const last = segments.at(-1);
  const parent = segments.at(-2);
  return (
    (typeof last === 'string' && quantityFields.has(last)) ||
    (typeof parent === 'string' && quantityParents.has(parent))
  );
}

/** `{}`, `[]`, `''` and `null` are what the API server drops: the same as absent. */
function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  return isPlainObject(v) && Object.values(v).every(isEmpty);
}

function scalarsEqual(want: unknown, have: unknown, segments: ReadonlyArray<string | number>): boolean {
  if (Object.is(want, have)) return true;
  // int-or-string fields (targetPort, port, maxSurge…): 8080 and "8080" are the same.
  if (typeof want === 'number' && typeof have === 'string' && have.trim() === String(want)) return true;
  if (typeof want === 'string' && typeof have === 'number' && want.trim() === String(have)) return true;
  return isQuantityPath(segments) && quantitiesEqual(want, have);
}

type Found = Array<{ segments: Array<string | number>; change: FieldChange }>;

function walk(want: unknown, have: unknown, segments: Array<string | number>, out: Found): void {
  const found = (seg: Array<string | number>, op: FieldChange['op'], from: unknown, to: unknown): void => {
    out.push({ segments: seg, change: makeChange(seg, op, from, to) });
  };
  if (isPlainObject(want)) {
    if (!isPlainObject(have)) {
      if (have === undefined || have === null) {
        if (!isEmpty(want)) found(segments, 'remove', want, undefined);
      } else found(segments, 'replace', want, have);
      return;
    }
    for (const [k, v] of Object.entries(want)) {
      if (v === undefined) continue;
      const h = have[k];
      if (h === undefined || h === null) {
        if (!isEmpty(v) && !Object.is(serverDefaults[k], v)) found([...segments, k], 'remove', v, undefined);
      } else walk(v, h, [...segments, k], out);
    }
    return;
  }
  if (Array.isArray(want)) {
    if (!Array.isArray(have)) {
      if (have === undefined || have === null) {
        if (want.length > 0) found(segments, 'remove', want, undefined);
      } else found(segments, 'replace', want, have);
      return;
    }
    const names = itemNames(want);
    if (names && want.length > 0) {
      // Items matched by name; live items Slipway did not set (injected sidecars…) are not drift.
      const live = new Map<string, unknown>();
      for (const item of have) if (isPlainObject(item) && typeof item.name === 'string') live.set(item.name, item);
      names.forEach((name, i) => {
        if (live.has(name)) walk(want[i], live.get(name), [...segments, name], out);
        else found([...segments, name], 'remove', want[i], undefined);
      });
      return;
    }
    const common = Math.min(want.length, have.length);
    for (let i = 0; i < common; i++) walk(want[i], have[i], [...segments, i], out);
    for (let i = common; i < want.length; i++) found([...segments, i], 'remove', want[i], undefined);
    for (let i = common; i < have.length; i++) found([...segments, i], 'add', undefined, have[i]);
    return;
  }
  if (!scalarsEqual(want, have, segments)) found(segments, 'replace', want, have);
}

/** Secret values: `stringData` against decoded live `data`, `data` against `data`. Always redacted. */
function secretDrift(desired: KubeObject, live: KubeObject): FieldChange[] {
  const liveData: Json = isPlainObject(live.data) ? live.data : {};
  const liveBinary: Json = isPlainObject(live.binaryData) ? live.binaryData : {};
  const stringData: Json = isPlainObject(desired.stringData) ? desired.stringData : {};
  const data: Json = isPlainObject(desired.data) ? desired.data : {};
  const binaryData: Json = isPlainObject(desired.binaryData) ? desired.binaryData : {};
  const changes: FieldChange[] = [];
  const check = (field: string, k: string, want: unknown, have: unknown, same: (w: string, h: string) => boolean) => {
    const path = jsonPointer([field, k]);
    if (typeof have !== 'string') changes.push({ path, op: 'remove', from: secretPlaceholder });
    else if (typeof want !== 'string' || !same(want, have)) {
      changes.push({ path, op: 'replace', from: secretPlaceholder, to: secretPlaceholder });
    }
  };
  for (const [k, v] of Object.entries(data)) {
    if (k in stringData) continue; // stringData wins on the server
    check('data', k, v, liveData[k], (w, h) => w === h || decodeBase64(w) === decodeBase64(h));
  }
  for (const [k, v] of Object.entries(stringData)) {
    check('stringData', k, v, liveData[k], (w, h) => base64Encode(w) === h || decodeBase64(h) === w);
  }
  for (const [k, v] of Object.entries(binaryData)) {
    check('binaryData', k, v, liveBinary[k], (w, h) => w === h);
  }
  return changes;
}

/** UTF-8 text of base64, or `undefined` if it is not base64 of UTF-8 text. */
function decodeBase64(text: string): string | undefined {
  try {
    const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
