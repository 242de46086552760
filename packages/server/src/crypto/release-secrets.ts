import { createHmac } from 'node:crypto';
import { type KubeObject, mapSecretValues, type SecretValueRef, sealedParts, sealedValue } from '@slipway/core';
import { openText, seal } from './envelope.ts';
import type { KeyRing } from './keyring.ts';

/**
 * Secrets in stored releases (provisioned passwords, secret variables) are sealed value by
 * value with the key ring, bound to the object and key they belong to (so a rollback, which
 * copies a release's objects, still opens them), and opened only on the way to the cluster.
 * Without a key ring (some tests) values are stored as they are.
 */
export function sealReleaseSecrets(ring: KeyRing | null, objects: readonly KubeObject[]): KubeObject[] {
  if (!ring) return [...objects];
  return mapSecretValues(objects, (value, ref) => {
    if (sealedParts(value)) return value;
    const aad = aadOf(ref);
    return sealedValue(digest(ring, aad, value), seal(ring, value, aad));
  });
}

/** The objects as they go to the cluster: every sealed value opened (plain ones pass through). */
export function openReleaseSecrets(ring: KeyRing | null, objects: readonly KubeObject[]): KubeObject[] {
  return mapSecretValues(objects, (value, ref) => {
    const parts = sealedParts(value);
    if (!parts) return value;
    if (!ring) throw new Error('A release holds sealed secrets, but no key ring is loaded');
    return openText(ring, parts.envelope, aadOf(ref));
  });
}

const aadOf = (ref: SecretValueRef) => `secret/${ref.namespace}/${ref.name}/${ref.field}/${ref.key}`;

/**
 * A keyed digest of the value: equal values of one key give equal digests, so releases compare
 * without opening, and without the key nothing can be learnt from it (not even a short password).
 */
function digest(ring: KeyRing, aad: string, value: string): string {
  const key = createHmac('sha256', ring.primary.key).update('slipway/secret-digest').digest();
  return createHmac('sha256', key).update(`${aad}\n${value}`).digest('hex').slice(0, 32);
}
