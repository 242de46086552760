import type { KubeObject } from '../kube/object.ts';

/**
 * Secret values as releases store them: each value of a Secret's `data` and `stringData` is
 * replaced by a sealed string (`slw:sealed:v1:<digest>:<envelope>`), and opened again only
 * where it goes to the cluster. The digest (keyed, so it says nothing about the value)
 * lets two releases be compared without opening either.
 */
export const sealedPrefix = 'slw:sealed:v1:';

export interface SecretValueRef {
  namespace: string;
  name: string;
  field: 'data' | 'stringData';
  key: string;
}

export function isSealedValue(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(sealedPrefix);
}

export function sealedValue(digest: string, envelope: string): string {
  return `${sealedPrefix}${digest}:${envelope}`;
}

/** The parts of a sealed value, or undefined for a value that is not sealed. */
export function sealedParts(value: string): { digest: string; envelope: string } | undefined {
  if (!isSealedValue(value)) return undefined;
  const rest = value.slice(sealedPrefix.length);
  const colon = rest.indexOf(':');
  if (colon < 0) return undefined;
  return { digest: rest.slice(0, colon), envelope: rest.slice(colon + 1) };
}

/** The same objects with every Secret value passed through `fn` (other objects as they are). */
export function mapSecretValues(
  objects: readonly KubeObject[],
  fn: (value: string, ref: SecretValueRef) => string,
): KubeObject[] {
  return objects.map((o) => {
    if (o.kind !== 'Secret') return o;
    const out: KubeObject = { ...o };
    for (const field of ['data', 'stringData'] as const) {
      const values = o[field];
      if (!values) continue;
      out[field] = Object.fromEntries(
        Object.entries(values).map(([key, value]) => [
          key,
          fn(value, { namespace: o.metadata.namespace ?? '', name: o.metadata.name, field, key }),
        ]),
      );
    }
    return out;
  });
}

/** Sealed values reduced to their digests: what comparing two releases needs, and all it sees. */
export function comparableSecrets(objects: readonly KubeObject[]): KubeObject[] {
  return mapSecretValues(objects, (value) => {
    const parts = sealedParts(value);
    return parts ? `sealed:${parts.digest}` : value;
  });
}
