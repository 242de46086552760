import { appliedStatuses, type DeliveryRelease } from '@slipway/core';
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
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

const unhealthy: ReleaseStatus[] = ['degraded', 'failed'];

/**
 * The applied releases (healthy, degraded, failed) the DORA figures of a window starting at
 * `from` need, as the core reads them: every one that finished from `from` on, and, per service
 * and environment, the failed and degraded ones before it that no healthy release followed
 * before `from`. Those begin an outage still on when the window began, which is then measured
 * from its real beginning; anything older ended before the window and cannot change a figure of
 * it. Nothing after the window is cut off either: whether a change in it was rolled back or
 * fixed is decided by the release that followed it.
 *
 * Two index range scans (migration 0015) joined by UNION ALL: an OR of the two would make the
 * database read the table's wide rows.
 */
export async function deliveryReleases(db: Kysely<Schema>, filter: DeliveryFilter): Promise<DeliveryRelease[]> {
  if (filter.environmentTypes.length === 0) return [];
  const inWindow = deliveryRows(db, filter)
    .where('r.status', 'in', appliedStatuses as ReleaseStatus[])
    .where('r.finished_at', '>=', filter.from);
  const outageBefore = deliveryRows(db, filter)
    .where('r.status', 'in', unhealthy)
    .where('r.finished_at', '<', filter.from)
    .where((eb) => eb.not(eb.exists(healthyAfter(eb, filter.from))));
  return await inWindow.unionAll(outageBefore).execute();
}

/** The columns the core reads, of applied releases in the filter's environments and services. */
function deliveryRows(db: Kysely<Schema>, filter: DeliveryFilter) {
  let query = db
    .selectFrom('releases as r')
    .innerJoin('services as s', 's.id', 'r.service_id')
    .innerJoin('environments as e', 'e.id', 'r.environment_id')
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
    // Repeats the partial indexes' condition, so the database may use them.
    .where('r.finished_at', 'is not', null)
    .where('e.type', 'in', [...filter.environmentTypes]);
  if (filter.service !== undefined) query = query.where('s.name', '=', filter.service);
  if (filter.team !== undefined) query = query.where('s.owner_team', '=', filter.team);
  return query;
}

/**
 * A healthy release of the same service and environment after `r` (by finish time, then
 * number, the order the core walks them in) and before `from`: it ended whatever `r` began.
 */
function healthyAfter(eb: ExpressionBuilder<Schema & { r: Schema['releases'] }, 'r'>, from: Date) {
  return eb
    .selectFrom('releases as h')
    .select(sql<number>`1`.as('one'))
    .whereRef('h.service_id', '=', 'r.service_id')
    .whereRef('h.environment_id', '=', 'r.environment_id')
    .where('h.status', '=', 'healthy')
    .where('h.finished_at', 'is not', null)
    .where('h.finished_at', '<', from)
    .where(sql<boolean>`(h.finished_at, h.number) > (r.finished_at, r.number)`);
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
