import type { DoraGrouping, DoraTally } from '@slipway/core';
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Schema } from '../schema.ts';

/** Which releases the delivery analytics read (docs/analytics.md). */
export interface DeliveryFilter {
  /** Environment types whose releases count, e.g. `['production']`. */
  environmentTypes: readonly string[];
  service?: string | undefined;
  /** The team owning the service. */
  team?: string | undefined;
}

/** The window [from, to) as of `now`, and the fix window of the change failure rate. */
export interface TallyWindow {
  from: Date;
  to: Date;
  now: Date;
  fixWindowHours: number;
}

/**
 * How the tallies are cut: the whole window (key null) and each ISO week from `monday` on (key:
 * the week's Monday), or the whole window per group.
 */
export type TallyKey = { by: 'week'; monday: Date } | { by: DoraGrouping };

/** A tally of part of the window, and the outages that began in it (for the open ones). */
export interface KeyedTally {
  /** null for the whole window; the week's Monday; the group's name. */
  key: string | Date | null;
  tally: Omit<DoraTally, 'open'>;
  began: number;
}

/**
 * Runs the tallies of one answer in a transaction whose sorts may use 32 MB: a two-year window of
 * the whole organisation sorts some 5 MB of facts per 100,000 releases, and the default 4 MB
 * would spill them to disk (a tape merge, a fifth of the query on PGlite).
 */
export async function inTallyTransaction<T>(db: Kysely<Schema>, work: (tx: Kysely<Schema>) => Promise<T>): Promise<T> {
  return await db.transaction().execute(async (tx) => {
    await sql`set local work_mem = '32MB'`.execute(tx);
    return await work(tx);
  });
}

/**
 * The lower and upper middle of n sorted values, by one sort: percentile_disc(p) is the value at
 * place ceil(p·n), so 0.5 gives place n/2 of an even count and the middle of an odd one, and a
 * hair above 0.5 the place after n/2, or again the middle (exact for n below 10⁸).
 */
const middles = sql`array[0.5, 0.500000001]::double precision[]`;
/** Both middles; null without values. */
type Middle = [number, number] | null;

/**
 * The DORA tallies of a window, cut by `key`, counted by the database from the delivery facts
 * (migration 0018: one narrow row per applied release with what its figures need): a few rows
 * back per week or group, whatever the number of releases. Medians come back as their two
 * middle values, which the core makes a median of.
 *
 * A change failed when it did not end healthy, or the next release (finished by `now`) is a
 * rollback or came within the fix window; a fix window of 0 is "never", so -1 ms (no gap is
 * below 0). Grouped, every group that has a release from `from` on is listed, as the core lists
 * every group of the releases it is handed, even with nothing in the window.
 */
export async function deliveryTallies(
  db: Kysely<Schema>,
  filter: DeliveryFilter,
  window: TallyWindow,
  key: TallyKey,
): Promise<KeyedTally[]> {
  if (filter.environmentTypes.length === 0) return [];
  const fixMs = window.fixWindowHours > 0 ? window.fixWindowHours * 3_600_000 : -1;
  const inWindow = sql<SqlBool>`(f.finished_at < ${window.to} and f.finished_at <= ${window.now})`;
  const change = sql<SqlBool>`(f.is_change and ${inWindow})`;
  const failed = sql<SqlBool>`(not f.healthy or (f.next_at <= ${window.now}
    and (f.next_is_rollback or f.next_gap_ms <= ${sql`${fixMs}::double precision`})))`;
  const grouped = key.by !== 'week';
  const keyed = keyOf(key);
  let query = facts(db, filter, grouped)
    .where('f.finished_at', '>=', window.from)
    .select([
      keyed.as('key'),
      sql<number>`count(*) filter (where ${change})::int`.as('changes'),
      sql<number>`count(*) filter (where ${change} and f.healthy)::int`.as('deployments'),
      sql<number>`count(*) filter (where ${change} and ${failed})::int`.as('failed'),
      sql<number>`count(f.lead_ms) filter (where ${change})::int`.as('leads'),
      sql<Middle>`percentile_disc(${middles}) within group (order by f.lead_ms) filter (where ${change})`.as('leadMs'),
      sql<number>`count(f.restore_ms) filter (where ${inWindow})::int`.as('restored'),
      sql<Middle>`percentile_disc(${middles}) within group (order by f.restore_ms) filter (where ${inWindow})`.as(
        'restoreMs',
      ),
      sql<number>`count(*) filter (where f.begins_outage and ${inWindow})::int`.as('began'),
    ]);
  // Grouped, releases after the window still name a group; by week they are not read at all, and
  // one pass tallies the whole window (the empty grouping set, key null) and each week.
  query = grouped
    ? query.groupBy(keyed)
    : query.where('f.finished_at', '<', window.to).groupBy(sql`grouping sets ((), (${keyed}))`);
  const rows = await query.execute();
  return rows.map((r) => ({
    key: r.key,
    tally: {
      changes: r.changes,
      deployments: r.deployments,
      failed: r.failed,
      leadMs: { count: r.leads, low: r.leadMs?.[0] ?? null, high: r.leadMs?.[1] ?? null },
      restoreMs: { count: r.restored, low: r.restoreMs?.[0] ?? null, high: r.restoreMs?.[1] ?? null },
    },
    began: r.began,
  }));
}

/**
 * The outages still on when the window began, per `key` (a week: all count for the first): those
 * that began before `from` (and by `now`) and had not ended by then — ended neither before
 * `from` nor by `now`. `named` counts the ones the core would be handed (an outage not ended
 * before `from`, whatever `now`): a group with one is listed.
 */
export async function deliveryOpenAtStart(
  db: Kysely<Schema>,
  filter: DeliveryFilter,
  window: TallyWindow,
  key: TallyKey,
): Promise<Array<{ key: string | Date | null; open: number; named: number }>> {
  if (filter.environmentTypes.length === 0) return [];
  const { from, now } = window;
  // Fragments of SQL are parenthesised: Kysely joins them to other conditions as they are.
  const notEnded = sql<SqlBool>`(f.outage_ended_at is null or f.outage_ended_at >= ${from})`;
  const grouped = key.by !== 'week';
  const query = facts(db, filter, grouped)
    .where('f.begins_outage', '=', true)
    .where('f.finished_at', '<', from)
    .where(sql<SqlBool>`(${notEnded} or f.outage_ended_at > ${now})`)
    .select([
      (grouped ? keyOf(key) : sql<null>`null`).as('key'),
      sql<number>`count(*) filter (where f.finished_at <= ${now}
        and (${notEnded} or f.outage_ended_at > ${now}))::int`.as('open'),
      sql<number>`count(*) filter (where ${notEnded})::int`.as('named'),
    ]);
  return await (grouped ? query.groupBy(keyOf(key)) : query).execute();
}

/**
 * The delivery facts of the filter's environments and services. The services and environments
 * are joined (as `s` and `e`) only to group by their names; the filters are subqueries, so the
 * whole organisation's facts are read without a lookup per row.
 */
function facts(db: Kysely<Schema>, filter: DeliveryFilter, joined: boolean) {
  const base = db.selectFrom('delivery_facts as f');
  let query = (
    joined
      ? base
          .innerJoin('services as s', 's.id', 'f.service_id')
          .innerJoin('environments as e', 'e.id', 'f.environment_id')
      : base
  ).where('f.environment_id', 'in', (eb) =>
    eb
      .selectFrom('environments')
      .select('id')
      .where('type', 'in', [...filter.environmentTypes]),
  );
  const { service, team } = filter;
  if (service !== undefined) {
    query = query.where('f.service_id', 'in', (eb) =>
      eb.selectFrom('services').select('id').where('name', '=', service),
    );
  }
  if (team !== undefined) {
    query = query.where('f.service_id', 'in', (eb) =>
      eb.selectFrom('services').select('id').where('owner_team', '=', team),
    );
  }
  return query;
}

/**
 * The tallies' key. A week is keyed by its Monday (date_bin: integer arithmetic, where a number of
 * ms from a numeric epoch costs more than reading the row), written into the SQL as a literal so
 * that GROUP BY sees the same expression as the select list.
 */
function keyOf(key: TallyKey): RawBuilder<string | Date | null> {
  switch (key.by) {
    case 'week':
      return sql<Date>`date_bin('7 days', f.finished_at, ${sql.lit(key.monday.toISOString())}::timestamptz)`;
    case 'service':
      return sql<string>`s.name`;
    case 'team':
      return sql<string | null>`s.owner_team`;
    case 'environmentType':
      return sql<string>`e.type`;
  }
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
