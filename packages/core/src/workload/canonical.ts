/**
 * Canonical form of rendered objects: keys sorted (with apiVersion, kind and metadata first so
 * a person reads them in the usual order), undefined values dropped. The same input then always
 * serialises to the same bytes, which is what gives a release its content hash.
 */
const leading = ['apiVersion', 'kind', 'metadata'];

function compareKeys(a: string, b: string): number {
  const ia = leading.indexOf(a);
  const ib = leading.indexOf(b);
  if (ia !== -1 || ib !== -1) return (ia === -1 ? leading.length : ia) - (ib === -1 ? leading.length : ib);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function canonicalize<T>(value: T): T {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(canonicalize) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(compareKeys)) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = canonicalize(v);
  }
  return out as T;
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalize(value));
}
