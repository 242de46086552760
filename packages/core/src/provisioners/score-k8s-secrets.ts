/**
 * score-k8s marks secret outputs with a reference string, `🔐💬<secret>_<key>💬🔐` (what the
 * `encodeSecretRef` template function writes), and later turns it into a secretKeyRef. Slipway
 * keeps secret outputs by key instead (`secretOutputs`, written to the workload's own Secret), so
 * a reference is resolved here to the value of that key in a Secret among the same resource's
 * manifests, and the output that held it becomes secret. A reference to any other Secret is an
 * error: its value is not known at render time.
 */
const prefix = '🔐💬';
const suffix = '💬🔐';
const reference = /🔐💬(.*?)💬🔐/gu;

export interface SecretRefResult {
  outputs: Record<string, unknown>;
  /** Top-level output keys that held a reference. */
  secretKeys: string[];
  /** Messages by output path (`host`, `tls/ca`) for references that could not be resolved. */
  problems: Array<{ path: string; message: string }>;
}

export const hasSecretRef = (s: string): boolean => s.includes(prefix) && s.includes(suffix);

export function resolveSecretRefs(outputs: Record<string, unknown>, manifests: readonly unknown[]): SecretRefResult {
  const secretKeys = new Set<string>();
  const problems: SecretRefResult['problems'] = [];
  const visit = (value: unknown, path: string[]): unknown => {
    if (typeof value === 'string') {
      if (!hasSecretRef(value)) return value;
      secretKeys.add(path[0] as string);
      return value.replace(reference, (_whole, ref: string) => {
        const found = lookup(ref, manifests);
        if (typeof found === 'string') return found;
        problems.push({ path: path.join('/'), message: found.problem });
        return '';
      });
    }
    if (Array.isArray(value)) return value.map((v, i) => visit(v, [...path, String(i)]));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v, [...path, k])]));
    }
    return value;
  };
  const resolved = visit(outputs, []) as Record<string, unknown>;
  return { outputs: resolved, secretKeys: [...secretKeys], problems };
}

/** `name_key`: the name cannot hold `_` (not valid in a Secret's name), the key may. */
function lookup(ref: string, manifests: readonly unknown[]): string | { problem: string } {
  const cut = ref.indexOf('_');
  if (cut < 0) return { problem: `the secret reference "${ref}" has no "_" between the Secret's name and key` };
  const [name, key] = [ref.slice(0, cut), ref.slice(cut + 1)];
  const secret = manifests.find((m) => {
    const o = m as { kind?: unknown; metadata?: { name?: unknown } };
    return o?.kind === 'Secret' && o.metadata?.name === name;
  }) as { data?: Record<string, unknown>; stringData?: Record<string, unknown> } | undefined;
  if (!secret) {
    return { problem: `refers to the Secret "${name}", which is not among this provisioner's manifests` };
  }
  const plain = secret.stringData?.[key];
  if (typeof plain === 'string') return plain;
  const encoded = secret.data?.[key];
  if (typeof encoded === 'string') return decodeBase64(encoded);
  return { problem: `refers to the key "${key}", which the Secret "${name}" does not have` };
}

function decodeBase64(text: string): string {
  const bytes = Uint8Array.from(atob(text.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}
