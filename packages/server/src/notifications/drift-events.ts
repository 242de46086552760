import type { DriftSummary } from '../db/schema.ts';
import type { NotificationInput } from '../db/stores/notifications.ts';
import type { ReleaseRecord } from '../db/stores/releases.ts';

/** How many objects a title names before "and N more". */
const namedInTitle = 3;

/**
 * `drift.found`: the live objects of the release standing in an environment departed from what
 * Slipway applied (a hand edit, another controller, a deleted object). The title names what
 * departed; `data.objects` lists every object with the fields (JSON Pointers), never values.
 */
export function driftFoundNotification(
  release: ReleaseRecord,
  drift: readonly DriftSummary[],
  at: Date,
): NotificationInput {
  const named = drift.slice(0, namedInTitle).map(describe);
  const more = drift.length > namedInTitle ? ` and ${drift.length - namedInTitle} more` : '';
  return {
    kind: 'drift.found',
    serviceId: release.serviceId,
    environmentId: release.environmentId,
    at,
    title: (x) => `${x.service} #${release.number} drifted in ${x.environment}: ${named.join('; ')}${more}`,
    data: { releaseId: release.id, number: release.number, objects: drift },
  };
}

/** "Deployment shop: /spec/replicas" or "Service shop is missing". */
function describe(object: DriftSummary): string {
  const [, kind, , name] = object.key.split('/');
  const what = `${kind} ${name}`;
  if (object.state === 'missing') return `${what} is missing`;
  const paths = object.paths.slice(0, namedInTitle).join(', ');
  return `${what}: ${paths}${object.paths.length > namedInTitle ? ', …' : ''}`;
}
