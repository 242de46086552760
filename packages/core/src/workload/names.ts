import { shortHash } from './hash.ts';

/**
 * Kubernetes-valid names. A name that is already valid is kept as is, so what people see in
 * `kubectl` matches what they wrote. Anything else is cleaned, and when it had to change or is
 * too long it gets a hash of the original as suffix (the cdk8s `names.ts` idea): two different
 * inputs never end up with the same name, and the same input always gets the same one.
 */
export const maxLabelLength = 63;
const hashLength = 8;

const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1035Label = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const labelValuePattern = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export interface NameOptions {
  /** Service names (RFC 1035) must start with a letter. */
  startWithLetter?: boolean;
  max?: number;
}

/** Joins parts with `-` into a valid RFC 1123 (or 1035) label of at most 63 characters. */
export function kubeName(parts: readonly string[], options: NameOptions = {}): string {
  const max = options.max ?? maxLabelLength;
  const joined = parts.filter((p) => p !== '').join('-');
  const pattern = options.startWithLetter ? dns1035Label : dns1123Label;
  if (joined.length <= max && pattern.test(joined)) return joined;
  let clean = joined
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  if (options.startWithLetter && !/^[a-z]/.test(clean)) clean = `x${clean}`;
  return withHash(clean, joined, max, /-+$/);
}

/** A valid label value (at most 63 characters; may be empty). */
export function labelValue(value: string): string {
  if (value.length <= maxLabelLength && labelValuePattern.test(value)) return value;
  const clean = value.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return withHash(clean, value, maxLabelLength, /[^A-Za-z0-9]+$/);
}

function withHash(clean: string, original: string, max: number, trailing: RegExp): string {
  const room = max - hashLength - 1;
  const head = clean.slice(0, room).replace(trailing, '');
  return head ? `${head}-${shortHash(original, hashLength)}` : shortHash(original, hashLength);
}

export function isDnsLabel(value: string): boolean {
  return value.length <= maxLabelLength && dns1123Label.test(value);
}
