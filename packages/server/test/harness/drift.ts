import { detectDriftAll, type KubeObject, objectKey, refOf } from '@slipway/core';
import type { Platform } from '../../src/assemble.ts';
import { openReleaseSecrets } from '../../src/crypto/release-secrets.ts';
import type { ReleaseRecord } from '../../src/db/stores/releases.ts';

/**
 * The objects of a release that the cluster does not hold as rendered (missing, or changed in
 * a field Slipway sets), read through the platform's own cluster access: what the drift view
 * shows, for tests that drive the services directly.
 */
export async function driftedObjects(platform: Platform, release: ReleaseRecord): Promise<string[]> {
  const applier = await platform.deployments.applierFor(release.environmentId);
  const desired = openReleaseSecrets(platform.keyRing, release.objects);
  const live = new Map<string, KubeObject>();
  for (const o of desired) {
    const found = await applier.read(refOf(o));
    if (found) live.set(objectKey(o), found);
  }
  return detectDriftAll(desired, live)
    .filter((d) => d.state !== 'in-sync')
    .map((d) => `${d.key}: ${d.state} ${JSON.stringify(d.changes)}`);
}
