import type { Platform } from '../../src/assemble.ts';
import type { ReleaseRecord } from '../../src/db/stores/releases.ts';
import { liveDrift } from '../../src/drift/live.ts';

/**
 * The objects of a release that the cluster does not hold as rendered (missing, or changed in
 * a field Slipway sets), read through the platform's own cluster access: what the drift view
 * shows, for tests that drive the services directly.
 */
export async function driftedObjects(platform: Platform, release: ReleaseRecord): Promise<string[]> {
  const applier = await platform.deployments.applierFor(release.environmentId);
  return (await liveDrift(release, applier, platform.keyRing))
    .filter((d) => d.state !== 'in-sync')
    .map((d) => `${d.key}: ${d.state} ${JSON.stringify(d.changes)}`);
}
