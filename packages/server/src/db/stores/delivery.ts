import { appliedStatuses, type DeliveryRelease } from '@slipway/core';
import type { Kysely } from 'kysely';
import type { ReleaseStatus, Schema } from '../schema.ts';

/** Which releases the delivery analytics read (docs/analytics.md). */
export interface DeliveryFilter {
  /** Environment types whose releases count, e.g. `['production']`. */
  environmentTypes: readonly string[];
  service?: string | undefined;
  /** The team owning the service. */
  team?: string | undefined;
  /** The window's start: what the figures need from before it is read too (see below). */
  from: Date;
}

/**
 * The applied releases (healthy, degraded, failed) the DORA figures of a window starting at
 * `from` need, as the core reads them. Per service and environment that is every release from
 * its last healthy one before `from` on: an outage that began before the window and ended in
 * it is then measured from its real beginning, and nothing older can change a figure of the
 * window. Nothing after the window is cut off either: whether a change in it was rolled back
 * or fixed is decided by the release that followed it.
 */
export async function deliveryReleases(db: Kysely<Schema>, filter: DeliveryFilter): Promise<DeliveryRelease[]> {
  if (filter.environmentTypes.length === 0) return [];
  let query = db
    // Per service and environment, once: the last healthy release before the window.
    .with('cut', (qb) =>
      qb
        .selectFrom('releases')
        .select(['service_id', 'environment_id', (eb) => eb.fn.max('finished_at').as('at')])
        .where('status', '=', 'healthy')
        .where('finished_at', '<', filter.from)
        .groupBy(['service_id', 'environment_id']),
    )
    .selectFrom('releases as r')
    .innerJoin('services as s', 's.id', 'r.service_id')
    .innerJoin('environments as e', 'e.id', 'r.environment_id')
    .leftJoin('cut', (join) =>
      join.onRef('cut.service_id', '=', 'r.service_id').onRef('cut.environment_id', '=', 'r.environment_id'),
    )
    .select([
      'r.id',
      's.name as service',
      's.owner_team as team',
      'e.name as environment',
      'e.type as environmentType',
      'r.number',
      'r.status',
      'r.finished_at as finishedAt',
      'r.commit_time as commitTime',
      'r.rollback_of as rollbackOf',
    ])
    .where('r.status', 'in', appliedStatuses as ReleaseStatus[])
    .where('r.finished_at', 'is not', null)
    .where('e.type', 'in', [...filter.environmentTypes])
    .where((eb) => eb.or([eb('cut.at', 'is', null), eb('r.finished_at', '>=', eb.ref('cut.at'))]));
  if (filter.service !== undefined) query = query.where('s.name', '=', filter.service);
  if (filter.team !== undefined) query = query.where('s.owner_team', '=', filter.team);
  return await query.execute();
}

/** Whether a service and a team of these names exist (a filter naming neither is a mistake). */
export async function deliveryNamesExist(
  db: Kysely<Schema>,
  names: { service?: string | undefined; team?: string | undefined },
): Promise<{ service: boolean; team: boolean }> {
  const service =
    names.service === undefined ||
    (await db.selectFrom('services').select('id').where('name', '=', names.service).executeTakeFirst()) !== undefined;
  const team =
    names.team === undefined ||
    (await db.selectFrom('teams').select('name').where('name', '=', names.team).executeTakeFirst()) !== undefined;
  return { service, team };
}
