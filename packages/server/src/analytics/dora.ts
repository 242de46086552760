import {
  bandsOf,
  type DoraGrouping,
  defaultFixWindowHours,
  doraByGroup,
  doraReport,
  type FieldIssue,
  invalidInput,
  lastIsoWeeks,
} from '@slipway/core';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { deliveryNamesExist, deliveryReleases } from '../db/stores/delivery.ts';

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

/** The DORA figures of the releases a query selects, as of `now` (docs/analytics.md). */
export async function doraAnswer(db: Kysely<Schema>, query: DoraQuery, now: Date) {
  const window = doraWindow(query, now);
  const exist = await deliveryNamesExist(db, query);
  const unknown: FieldIssue[] = [
    ...(exist.service ? [] : [{ path: '/service', message: `there is no service named ${query.service}` }]),
    ...(exist.team ? [] : [{ path: '/team', message: `there is no team named ${query.team}` }]),
  ];
  if (unknown.length > 0) throw invalidInput(unknown.map((u) => u.message).join('; '), unknown);
  const environmentTypes = [query.environmentType ?? 'production'];
  const releases = await deliveryReleases(db, { ...query, environmentTypes, from: window.from });
  const options = { ...window, now, fixWindowHours: query.fixWindowHours ?? defaultFixWindowHours };
  const report = doraReport(releases, options);
  return {
    from: report.from.toISOString(),
    to: report.to.toISOString(),
    now: now.toISOString(),
    environmentTypes,
    fixWindowHours: report.fixWindowHours,
    figures: report.figures,
    bands: report.bands,
    weeks: report.weeks.map((w) => ({
      week: w.week,
      start: w.start.toISOString(),
      figures: w.figures,
      bands: bandsOf(w.figures),
    })),
    ...(query.groupBy ? { groups: doraByGroup(releases, query.groupBy, options) } : {}),
  };
}
