import type { DeployFreeze } from '@slipway/core';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { typesOfEnvironments } from '../db/stores/environments.ts';
import { claimStartedFreezes } from '../db/stores/freezes.ts';
import { emitNotification, type NotificationInput } from '../db/stores/notifications.ts';

/**
 * `freeze.started` for every deploy freeze that has begun by `now` and was not announced yet,
 * each once across replicas and restarts: the freeze is marked in the transaction that writes
 * its event. Run when a freeze is declared and at each pass of the environment controller.
 */
export async function announceStartedFreezes(db: Kysely<Schema>, now: Date): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const started = await claimStartedFreezes(tx, now);
    for (const freeze of started) {
      const types = await typesOfEnvironments(tx, freeze.environments);
      await emitNotification(tx, freezeStartedNotification(freeze, types, now));
    }
    return started.length;
  });
}

/**
 * The event of one freeze. It belongs to no team and no service (a team or service filter
 * leaves it out); it covers the freeze's types and those of the environments it names, or
 * every type when it names neither.
 */
export function freezeStartedNotification(
  freeze: DeployFreeze,
  typesOfNamedEnvironments: readonly string[],
  at: Date,
): NotificationInput {
  const everything = freeze.environmentTypes.length === 0 && freeze.environments.length === 0;
  const scope = everything
    ? 'every environment'
    : [...freeze.environmentTypes.map((t) => `${t} environments`), ...freeze.environments].join(', ');
  const effect = freeze.mode === 'block' ? 'are refused' : 'go through with a warning';
  const reason = freeze.reason.trim();
  return {
    kind: 'freeze.started',
    at,
    // Read in a chat line: what began, what it does, until when, and why, in that order.
    title:
      `Deploy freeze "${freeze.name}" started: deploys to ${scope} ${effect} ` +
      `until ${freeze.endsAt.toISOString()}${reason ? `: ${reason}` : ''}`,
    environmentTypes: everything ? [] : [...new Set([...freeze.environmentTypes, ...typesOfNamedEnvironments])],
    link: null, // the portal has no page of freezes yet
    data: {
      freeze: freeze.name,
      mode: freeze.mode,
      reason: freeze.reason,
      startsAt: freeze.startsAt.toISOString(),
      endsAt: freeze.endsAt.toISOString(),
      environmentTypes: freeze.environmentTypes,
      environments: freeze.environments,
    },
  };
}
