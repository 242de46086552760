import { sha256, toHex } from './hash.ts';

/**
 * Turns any text into a DNS-1035 label (lowercase letters, digits and `-`, starting with a
 * letter, at most `max` characters): valid as the name of a Service, a StatefulSet or a Secret.
 * Text that must be cut keeps a short hash of the whole, so two long ids that share a prefix
 * still get different names.
 */
export function dnsLabel(value: string, max = 63): string {
  const limit = Math.min(63, Math.max(8, Math.floor(max)));
  let label = value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!/^[a-z]/.test(label)) label = `x-${label}`.replace(/-+$/, '');
  if (label.length <= limit) return label;
  const suffix = toHex(sha256(value)).slice(0, 6);
  return `${label.slice(0, limit - suffix.length - 1).replace(/-+$/, '')}-${suffix}`;
}

/** A DNS-1123 label (what Kubernetes asks of most names and of label values' shape). */
export const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1123 subdomain: the rule for the names of ConfigMaps, Secrets, PVCs and most kinds. */
export function isDns1123Subdomain(name: string): boolean {
  return name.length <= 253 && name.split('.').every((part) => dns1123Label.test(part) && part.length <= 63);
}
