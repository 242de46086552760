import { createHash } from 'node:crypto';
import { type Drift, detectDriftAll, type KubeObject, objectKey, refOf } from '@slipway/core';
import type { KeyRing } from '../crypto/keyring.ts';
import { openReleaseSecrets } from '../crypto/release-secrets.ts';
import type { DriftSummary } from '../db/schema.ts';
import type { ReleaseRecord } from '../db/stores/releases.ts';
import type { ObjectApplier } from '../kube/apply.ts';

/**
 * How the cluster departs from a release: each of its objects read live and compared with what
 * Slipway applied (core's detectDrift). Sealed Secret values are opened to compare, and
 * redacted in what is returned. The drift view and the periodic scan both call this.
 */
export async function liveDrift(
  release: ReleaseRecord,
  applier: ObjectApplier,
  keyRing: KeyRing | null,
): Promise<Drift[]> {
  const desired = openReleaseSecrets(keyRing, release.objects);
  const live = new Map<string, KubeObject>();
  for (const o of desired) {
    const found = await applier.read(refOf(o));
    if (found) live.set(objectKey(o), found);
  }
  return detectDriftAll(desired, live);
}

/** The objects that departed and which fields, without values (a Secret's must not be stored). */
export function summarize(drifts: readonly Drift[]): DriftSummary[] {
  return drifts
    .filter((d): d is Drift & { state: DriftSummary['state'] } => d.state !== 'in-sync')
    .map((d) => ({ key: d.key, state: d.state, paths: [...new Set(d.changes.map((c) => c.path))].sort() }));
}

/**
 * Names a drift by what departed, not by the values: a Deployment scaled by hand to 5 and then
 * to 7 is the same drift, announced once.
 */
export function fingerprint(summary: readonly DriftSummary[]): string {
  const canonical = [...summary].sort((a, b) => a.key.localeCompare(b.key));
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 32);
}
