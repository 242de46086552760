/**
 * Delivery analytics (the four DORA figures) computed from the platform's own release records.
 * Pure: the caller hands in the releases and the moment `now`; nothing here reads a clock.
 * docs/analytics.md defines every figure; this file is that definition in code.
 *
 * The outline: releases are grouped by service and environment and ordered by when they
 * finished. Only releases that reached the environment and ended count ("applied": healthy,
 * degraded or failed; superseded, rejected, expired and unfinished ones never ran there). An
 * applied release that is not a rollback is a *change*. Walking each group in order decides, per
 * change, whether it failed, was rolled back or needed a fix, and cuts the group into outages
 * (first failed or degraded release → next healthy one). The window then picks the changes that
 * finished in it and the outages that ended in it.
 */

import {
  changeFailureRateBand,
  type DoraBand,
  deploymentFrequencyBand,
  leadTimeBand,
  timeToRestoreBand,
} from './bands.ts';
import { isoWeekLabel, isoWeekMs, isoWeekStarts } from './iso-week.ts';

/** One release as the analytics read it. */
export interface DeliveryRelease {
  id: string;
  service: string;
  /** The team owning the service; null: the platform's. */
  team: string | null;
  environment: string;
  environmentType: string;
  /** The release number within its service and environment: breaks ties of `finishedAt`. */
  number: number;
  /** The release status; only healthy, degraded and failed count (see `appliedStatuses`). */
  status: string;
  /** When it reached its status; null while unfinished. */
  finishedAt: Date | null;
  /** When the commit it deploys was made; null when nobody said. */
  commitTime: Date | null;
  /** Set on a rollback: the earlier release it restores. */
  rollbackOf: string | null;
}

export interface DoraOptions {
  /** Start of the window (inclusive). */
  from: Date;
  /** End of the window (exclusive); what lies after `now` is not looked at. */
  to: Date;
  now: Date;
  /** A change followed by the next change of its service and environment within this many hours needed a fix. 0: never. */
  fixWindowHours?: number;
}

/** The default of `fixWindowHours`: a follow-up deploy within the hour is a fix. */
export const defaultFixWindowHours = 1;

export const appliedStatuses: readonly string[] = ['healthy', 'degraded', 'failed'];

export interface DoraFigures {
  /** Changes that became healthy in the window (the deployments of "deployment frequency"). */
  deployments: number;
  /** `deployments` per day of the window that has passed; null when none of it has. */
  deploymentsPerDay: number | null;
  leadTime: {
    /** Median seconds from commit to healthy; null without any change that has a commit time. */
    medianSeconds: number | null;
    /** Changes measured. */
    count: number;
    /** Healthy changes left out because their commit time is unknown. */
    withoutCommitTime: number;
  };
  changeFailure: {
    /** failed / changes; null without changes. */
    rate: number | null;
    /** Changes that finished in the window (healthy, degraded or failed). */
    changes: number;
    /** Changes that failed, were rolled back, or needed a fix (each counted once). */
    failed: number;
  };
  timeToRestore: {
    /** Median seconds from the first failure to the next healthy release; null without restores. */
    medianSeconds: number | null;
    /** Outages that ended in the window. */
    restored: number;
    /** Outages still on at the window's end (or at `now`, for a window not over yet). */
    open: number;
  };
}

export interface DoraBands {
  deploymentFrequency: DoraBand | null;
  leadTime: DoraBand | null;
  changeFailureRate: DoraBand | null;
  timeToRestore: DoraBand | null;
}

export interface DoraWeek {
  /** `YYYY-Www` */
  week: string;
  start: Date;
  figures: DoraFigures;
}

export interface DoraReport {
  from: Date;
  to: Date;
  fixWindowHours: number;
  figures: DoraFigures;
  bands: DoraBands;
  weeks: DoraWeek[];
}

/** A change after the walk: when it finished and how it went. */
interface Change {
  at: number;
  healthy: boolean;
  leadSeconds: number | null;
  failed: boolean;
}

interface Outage {
  start: number;
  end: number | null;
}

interface Facts {
  changes: Change[];
  outages: Outage[];
}

/** The figures of [from, to) with bands, and the same per ISO week overlapping it. */
export function doraReport(releases: readonly DeliveryRelease[], options: DoraOptions): DoraReport {
  const fixWindowHours = options.fixWindowHours ?? defaultFixWindowHours;
  const facts = deliveryFacts(releases, options.now, fixWindowHours);
  const figures = figuresOf(facts, options.from.getTime(), options.to.getTime(), options.now.getTime());
  const weeks = isoWeekStarts(options.from, options.to).map((start) => {
    const from = Math.max(start.getTime(), options.from.getTime());
    const to = Math.min(start.getTime() + isoWeekMs, options.to.getTime());
    return { week: isoWeekLabel(start), start, figures: figuresOf(facts, from, to, options.now.getTime()) };
  });
  return { from: options.from, to: options.to, fixWindowHours, figures, bands: bandsOf(figures), weeks };
}

export function bandsOf(figures: DoraFigures): DoraBands {
  return {
    deploymentFrequency: deploymentFrequencyBand(figures.deploymentsPerDay),
    leadTime: leadTimeBand(figures.leadTime.medianSeconds),
    changeFailureRate: changeFailureRateBand(figures.changeFailure.rate),
    timeToRestore: timeToRestoreBand(figures.timeToRestore.medianSeconds),
  };
}

export type DoraGrouping = 'service' | 'team' | 'environmentType';

/** The window's figures and bands per service, team (null: the platform's) or environment type. */
export function doraByGroup(
  releases: readonly DeliveryRelease[],
  grouping: DoraGrouping,
  options: DoraOptions,
): Array<{ key: string | null; figures: DoraFigures; bands: DoraBands }> {
  const groups = new Map<string | null, DeliveryRelease[]>();
  for (const r of releases) {
    const key = r[grouping];
    const members = groups.get(key);
    if (members) members.push(r);
    else groups.set(key, [r]);
  }
  const fixWindowHours = options.fixWindowHours ?? defaultFixWindowHours;
  return [...groups.entries()]
    .sort(([a], [b]) => String(a ?? '').localeCompare(String(b ?? '')))
    .map(([key, members]) => {
      const facts = deliveryFacts(members, options.now, fixWindowHours);
      const figures = figuresOf(facts, options.from.getTime(), options.to.getTime(), options.now.getTime());
      return { key, figures, bands: bandsOf(figures) };
    });
}

/** The middle value; of an even count, the mean of the two middle ones. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Walks every service and environment once: its changes and its outages, as of `now`. */
function deliveryFacts(releases: readonly DeliveryRelease[], now: Date, fixWindowHours: number): Facts {
  const facts: Facts = { changes: [], outages: [] };
  for (const sequence of appliedSequences(releases, now.getTime())) {
    walkSequence(sequence, fixWindowHours * 3_600_000, facts);
  }
  return facts;
}

/** Applied releases finished by `now`, per service and environment, in the order they finished. */
function appliedSequences(releases: readonly DeliveryRelease[], now: number): DeliveryRelease[][] {
  const byPlace = new Map<string, DeliveryRelease[]>();
  for (const r of releases) {
    if (!appliedStatuses.includes(r.status) || r.finishedAt === null || r.finishedAt.getTime() > now) continue;
    const key = `${r.service}\u0000${r.environment}`;
    const sequence = byPlace.get(key);
    if (sequence) sequence.push(r);
    else byPlace.set(key, [r]);
  }
  const finished = (r: DeliveryRelease) => (r.finishedAt as Date).getTime();
  return [...byPlace.values()].map((s) => s.sort((a, b) => finished(a) - finished(b) || a.number - b.number));
}

function walkSequence(sequence: readonly DeliveryRelease[], fixWindowMs: number, facts: Facts): void {
  let outage: Outage | null = null;
  sequence.forEach((release, i) => {
    const at = (release.finishedAt as Date).getTime();
    const healthy = release.status === 'healthy';
    if (release.rollbackOf === null) facts.changes.push(changeOf(release, at, sequence[i + 1], fixWindowMs));
    if (!healthy && outage === null) {
      outage = { start: at, end: null };
      facts.outages.push(outage);
    } else if (healthy && outage !== null) {
      outage.end = at;
      outage = null;
    }
  });
}

function changeOf(
  release: DeliveryRelease,
  at: number,
  next: DeliveryRelease | undefined,
  fixWindowMs: number,
): Change {
  const healthy = release.status === 'healthy';
  const rolledBack = next !== undefined && next.rollbackOf !== null;
  const fixed =
    next !== undefined &&
    next.rollbackOf === null &&
    fixWindowMs > 0 &&
    (next.finishedAt as Date).getTime() - at <= fixWindowMs;
  const leadSeconds =
    healthy && release.commitTime !== null ? Math.max(0, at - release.commitTime.getTime()) / 1000 : null;
  return { at, healthy, leadSeconds, failed: !healthy || rolledBack || fixed };
}

function figuresOf(facts: Facts, from: number, to: number, now: number): DoraFigures {
  const inWindow = (t: number) => t >= from && t < to;
  const changes = facts.changes.filter((c) => inWindow(c.at));
  const healthy = changes.filter((c) => c.healthy);
  const leads = healthy.flatMap((c) => (c.leadSeconds === null ? [] : [c.leadSeconds]));
  const failed = changes.filter((c) => c.failed).length;
  const restores = facts.outages.flatMap((o) => (o.end !== null && inWindow(o.end) ? [(o.end - o.start) / 1000] : []));
  const elapsedDays = (Math.min(to, now) - from) / 86_400_000;
  return {
    deployments: healthy.length,
    deploymentsPerDay: elapsedDays > 0 ? healthy.length / elapsedDays : null,
    leadTime: { medianSeconds: median(leads), count: leads.length, withoutCommitTime: healthy.length - leads.length },
    changeFailure: { rate: changes.length > 0 ? failed / changes.length : null, changes: changes.length, failed },
    timeToRestore: {
      medianSeconds: median(restores),
      restored: restores.length,
      open: facts.outages.filter((o) => o.start < to && (o.end === null || o.end >= to)).length,
    },
  };
}
