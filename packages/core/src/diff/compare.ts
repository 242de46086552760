/**
 * The shared machinery of release diffs and drift: walking two values, matching list items,
 * stripping server-owned fields and keeping Secret values out of the result.
 */
import { jsonPointer } from '../errors/json-pointer.ts';
import type { KubeObject } from '../kube/object.ts';
import { type FieldChange, type ObjectSummary, secretPlaceholder } from './types.ts';

export type Json = Record<string, unknown>;

export const isPlainObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Metadata the API server owns; never part of a diff. */
const serverMetadata = new Set([
  'resourceVersion',
  'uid',
  'generation',
  'creationTimestamp',
  'managedFields',
  'selfLink',
]);
/** kubectl's bookkeeping copy of the whole object: noise, and for a Secret it holds the values. */
const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';

/** A copy of the object without status, server-owned metadata and kubectl's last-applied annotation. */
export function stripServerFields(o: KubeObject): Json {
  const { status: _status, ...rest } = o;
  const metadata: Json = {};
  for (const [k, v] of Object.entries(o.metadata ?? {})) if (!serverMetadata.has(k)) metadata[k] = v;
  if (isPlainObject(metadata.annotations) && lastApplied in metadata.annotations) {
    const { [lastApplied]: _dropped, ...annotations } = metadata.annotations;
    if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
    else delete metadata.annotations;
  }
  return { ...rest, metadata };
}

export function isSecret(o: Pick<KubeObject, 'kind'>): boolean {
  return o.kind === 'Secret';
}

const secretFields = new Set(['data', 'stringData', 'binaryData']);

/** Whether a path (as segments) points at or below a Secret's values. */
export function isSecretValuePath(segments: ReadonlyArray<string | number>): boolean {
  return segments.length > 0 && secretFields.has(String(segments[0]));
}

/** Replaces `from`/`to` by the placeholder, keeping only whether they were there. */
export function redact(change: FieldChange): FieldChange {
  const out: FieldChange = { path: change.path, op: change.op };
  if ('from' in change) out.from = secretPlaceholder;
  if ('to' in change) out.to = secretPlaceholder;
  return out;
}

export function summarize(o: KubeObject, key: string): ObjectSummary {
  const s: ObjectSummary = { key, apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name };
  if (o.metadata.namespace !== undefined) s.namespace = o.metadata.namespace;
  return s;
}

/**
 * The names that identify the items of a list, when every item is an object with a distinct
 * string `name` (containers, ports, env, volumes, volumeMounts…); `undefined` otherwise.
 */
export function itemNames(list: readonly unknown[]): string[] | undefined {
  const names: string[] = [];
  for (const item of list) {
    if (!isPlainObject(item) || typeof item.name !== 'string') return undefined;
    names.push(item.name);
  }
  return new Set(names).size === names.length ? names : undefined;
}

export function makeChange(
  segments: ReadonlyArray<string | number>,
  op: FieldChange['op'],
  from: unknown,
  to: unknown,
): FieldChange {
  const c: FieldChange = { path: jsonPointer(segments), op };
  if (op !== 'add') c.from = from;
  if (op !== 'remove') c.to = to;
  return c;
}
