import {
  bandsOf,
  type DoraGrouping,
  defaultFixWindowHours,
  type FieldIssue,
  figuresOfTally,
  invalidInput,
  isoWeekLabel,
  isoWeekMs,
  isoWeekStarts,
  lastIsoWeeks,
} from '@slipway/core';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import {
  type DeliveryFilter,
  deliveryNamesExist,
  deliveryOpenAtStart,
  deliveryTallies,
  inTallyTransaction,
  type KeyedTally,
  type TallyWindow,
} from '../db/stores/delivery.ts';

/** What `GET /analytics/dora` is asked (validated for form by its schema). */
export interface DoraQuery {
  service?: string | undefined;
  team?: string | undefined;
  environmentType?: string | undefined;
  weeks?: number | undefined;
  /** `YYYY-MM-DD`, with `to`: the window's first day. */
  from?: string | undefined;
  /** `YYYY-MM-DD`: the window's last day (included). */
  to?: string | undefined;
  fixWindowHours?: number | undefined;
  groupBy?: DoraGrouping | undefined;
}

const dayMs = 86_400_000;
/** The longest window: two years and a bit, 106 ISO weeks. */
const maxWindowDays = 106 * 7;
export const defaultWeeks = 12;

/** The window asked for: the last `weeks` ISO weeks, or the days `from` … `to`. */
export function doraWindow(query: DoraQuery, now: Date): { from: Date; to: Date } {
  const issues: FieldIssue[] = [];
  if (query.weeks !== undefined && (query.from !== undefined || query.to !== undefined)) {
    issues.push({ path: '/weeks', message: 'give weeks, or from and to, not both' });
  }
  if ((query.from === undefined) !== (query.to === undefined)) {
    issues.push({ path: query.from === undefined ? '/from' : '/to', message: 'from and to go together' });
  }
  if (issues.length === 0 && query.from !== undefined && query.to !== undefined) {
    const from = new Date(`${query.from}T00:00:00Z`);
    const to = new Date(new Date(`${query.to}T00:00:00Z`).getTime() + dayMs);
    if (to.getTime() <= from.getTime()) issues.push({ path: '/to', message: 'is before from' });
    else if (to.getTime() - from.getTime() > maxWindowDays * dayMs) {
      issues.push({ path: '/to', message: `is more than ${maxWindowDays} days after from` });
    }
    if (issues.length === 0) return { from, to };
  }
  if (issues.length > 0) {
    throw invalidInput(`The window is not valid: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues);
  }
  return lastIsoWeeks(now, query.weeks ?? defaultWeeks);
}

/**
 * The DORA figures of the releases a query selects, as of `now` (docs/analytics.md): the core's
 * `doraReport` and `doraByGroup`, counted by the database from its delivery facts.
 */
export async function doraAnswer(db: Kysely<Schema>, query: DoraQuery, now: Date) {
  const window = doraWindow(query, now);
  const exist = await deliveryNamesExist(db, query);
  const unknown: FieldIssue[] = [
    ...(exist.service ? [] : [{ path: '/service', message: `there is no service named ${query.service}` }]),
    ...(exist.team ? [] : [{ path: '/team', message: `there is no team named ${query.team}` }]),
  ];
  if (unknown.length > 0) throw invalidInput(unknown.map((u) => u.message).join('; '), unknown);
  const environmentTypes = [query.environmentType ?? 'production'];
  const filter: DeliveryFilter = { ...query, environmentTypes };
  const tallyWindow = { ...window, now, fixWindowHours: query.fixWindowHours ?? defaultFixWindowHours };
  const answer = await inTallyTransaction(db, async (tx) => ({
    ...(await windowAndWeeks(tx, filter, tallyWindow)),
    groups: query.groupBy ? await groups(tx, filter, tallyWindow, query.groupBy) : undefined,
  }));
  const { figures, weeks } = answer;
  return {
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    now: now.toISOString(),
    environmentTypes,
    fixWindowHours: tallyWindow.fixWindowHours,
    figures,
    bands: bandsOf(figures),
    weeks,
    ...(answer.groups ? { groups: answer.groups } : {}),
  };
}

/**
 * The window's figures and one line per ISO week overlapping it. The outages open at a week's
 * end are those open at the window's start, plus those begun, less those ended, by then.
 */
async function windowAndWeeks(db: Kysely<Schema>, filter: DeliveryFilter, window: TallyWindow) {
  const starts = isoWeekStarts(window.from, window.to);
  const monday = starts[0] ?? window.from;
  const [tallies, [atStart]] = await Promise.all([
    deliveryTallies(db, filter, window, { by: 'week', monday }),
    deliveryOpenAtStart(db, filter, window, { by: 'week', monday }),
  ]);
  const openAtStart = atStart?.open ?? 0;
  const total = tallies.find((t) => t.key === null);
  const now = window.now.getTime();
  const from = window.from.getTime();
  const to = window.to.getTime();
  const tallied = new Map(tallies.flatMap((w) => (w.key instanceof Date ? [[w.key.getTime(), w]] : [])));
  let open = openAtStart;
  const weeks = starts.map((start) => {
    const week = tallied.get(start.getTime()) ?? empty;
    open += week.began - week.tally.restoreMs.count;
    const weekFrom = Math.max(start.getTime(), from);
    const weekTo = Math.min(start.getTime() + isoWeekMs, to);
    const figures = figuresOfTally({ ...week.tally, open }, weekFrom, weekTo, now);
    return { week: isoWeekLabel(start), start: start.toISOString(), figures, bands: bandsOf(figures) };
  });
  const whole = total ?? empty;
  const windowOpen = openAtStart + whole.began - whole.tally.restoreMs.count;
  return { figures: figuresOfTally({ ...whole.tally, open: windowOpen }, from, to, now), weeks };
}

/** The window's figures per group, ordered by name (the platform's team, null, first). */
async function groups(db: Kysely<Schema>, filter: DeliveryFilter, window: TallyWindow, grouping: DoraGrouping) {
  const [tallies, atStart] = await Promise.all([
    deliveryTallies(db, filter, window, { by: grouping }),
    deliveryOpenAtStart(db, filter, window, { by: grouping }),
  ]);
  const keys = new Map<string | null, { tally: KeyedTally; open: number }>();
  for (const t of tallies) keys.set(t.key as string | null, { tally: t, open: 0 });
  for (const a of atStart) {
    const known = keys.get(a.key as string | null);
    if (known) known.open = a.open;
    else if (a.named > 0) keys.set(a.key as string | null, { tally: empty, open: a.open });
  }
  const from = window.from.getTime();
  const to = window.to.getTime();
  return [...keys.entries()]
    .sort(([a], [b]) => String(a ?? '').localeCompare(String(b ?? '')))
    .map(([key, { tally, open }]) => {
      const tallyOpen = open + tally.began - tally.tally.restoreMs.count;
      const figures = figuresOfTally({ ...tally.tally, open: tallyOpen }, from, to, window.now.getTime());
      return { key, figures, bands: bandsOf(figures) };
    });
}

const none = { count: 0, low: null, high: null };
const empty: KeyedTally = {
  key: null,
  tally: { changes: 0, deployments: 0, failed: 0, leadMs: none, restoreMs: none },
  began: 0,
};
