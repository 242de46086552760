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
  leadMs: number | null;
  failed: boolean;
}

interface Outage {
  start: number;
  end: number | null;
}

interface Facts {
  /** In the order they finished, so a window's changes are one slice of it. */
  changes: Change[];
  outages: Outage[];
  /** The ended outages in the order they ended, so a window's restores are one slice of it. */
  restores: Outage[];
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
  const facts: Facts = { changes: [], outages: [], restores: [] };
  for (const sequence of appliedSequences(releases, now.getTime())) {
    walkSequence(sequence, fixWindowHours * 3_600_000, facts);
  }
  // Sorted once, so each of a report's windows (up to 106 weeks) reads only its own slice.
  facts.changes.sort((a, b) => a.at - b.at);
  facts.restores = facts.outages.filter((o) => o.end !== null).sort((a, b) => (a.end as number) - (b.end as number));
  return facts;
}

/** The index of the first element whose key is ≥ `value`, in a list sorted by that key. */
function firstAtLeast<T>(sorted: readonly T[], key: (item: T) => number, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (key(sorted[mid] as T) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The elements whose key lies in [from, to), of a list sorted by that key. */
function slice<T>(sorted: readonly T[], key: (item: T) => number, from: number, to: number): readonly T[] {
  return sorted.slice(firstAtLeast(sorted, key, from), firstAtLeast(sorted, key, to));
}

/** A release with its finish time read once (a Date's getTime in every comparison of a sort is slow). */
interface Finished {
  release: DeliveryRelease;
  at: number;
}

const applied = new Set(appliedStatuses);

/** Applied releases finished by `now`, per service and environment, in the order they finished. */
function appliedSequences(releases: readonly DeliveryRelease[], now: number): Finished[][] {
  const byPlace = new Map<string, Finished[]>();
  for (const release of releases) {
    if (release.finishedAt === null || !applied.has(release.status)) continue;
    const at = release.finishedAt.getTime();
    if (at > now) continue;
    const key = `${release.service}\u0000${release.environment}`;
    const sequence = byPlace.get(key);
    if (sequence) sequence.push({ release, at });
    else byPlace.set(key, [{ release, at }]);
  }
  return [...byPlace.values()].map((s) => s.sort((a, b) => a.at - b.at || a.release.number - b.release.number));
}

function walkSequence(sequence: readonly Finished[], fixWindowMs: number, facts: Facts): void {
  let outage: Outage | null = null;
  for (let i = 0; i < sequence.length; i++) {
    const { release, at } = sequence[i] as Finished;
    const healthy = release.status === 'healthy';
    if (release.rollbackOf === null) facts.changes.push(changeOf(release, at, sequence[i + 1], fixWindowMs));
    if (!healthy && outage === null) {
      outage = { start: at, end: null };
      facts.outages.push(outage);
    } else if (healthy && outage !== null) {
      outage.end = at;
      outage = null;
    }
  }
}

function changeOf(release: DeliveryRelease, at: number, next: Finished | undefined, fixWindowMs: number): Change {
  const healthy = release.status === 'healthy';
  const rolledBack = next !== undefined && next.release.rollbackOf !== null;
  const fixed =
    next !== undefined && next.release.rollbackOf === null && fixWindowMs > 0 && next.at - at <= fixWindowMs;
  const leadMs = healthy && release.commitTime !== null ? Math.max(0, at - release.commitTime.getTime()) : null;
  return { at, healthy, leadMs, failed: !healthy || rolledBack || fixed };
}

function figuresOf(facts: Facts, from: number, to: number, now: number): DoraFigures {
  const changes = slice(facts.changes, (c) => c.at, from, to);
  const healthy = changes.filter((c) => c.healthy);
  const leads = healthy.flatMap((c) => (c.leadMs === null ? [] : [c.leadMs]));
  const restores = slice(facts.restores, (o) => o.end as number, from, to).map((o) => (o.end as number) - o.start);
  const tally: DoraTally = {
    changes: changes.length,
    deployments: healthy.length,
    failed: changes.filter((c) => c.failed).length,
    leadMs: middles(leads),
    restoreMs: middles(restores),
    open: facts.outages.filter((o) => o.start < to && (o.end === null || o.end >= to)).length,
  };
  return figuresOfTally(tally, from, to, now);
}

/** How many values, and the lower and upper middle one (the same of an odd count). */
export interface Middles {
  count: number;
  low: number | null;
  high: number | null;
}

/**
 * What the figures of a window are made of, as a database can count them without handing over
 * every release (packages/server's delivery facts): counts, and the middle values of the
 * durations in whole milliseconds, of which a median is made exactly as `median` makes it.
 */
export interface DoraTally {
  /** Changes finished in the window. */
  changes: number;
  /** Of them, the healthy ones. */
  deployments: number;
  failed: number;
  /** Lead times of the healthy changes that have a commit time. */
  leadMs: Middles;
  /** Lengths of the outages that ended in the window. */
  restoreMs: Middles;
  /** Outages still on at the window's end (or `now`). */
  open: number;
}

function middles(values: readonly number[]): Middles {
  const sorted = [...values].sort((a, b) => a - b);
  const count = sorted.length;
  if (count === 0) return { count, low: null, high: null };
  return { count, low: sorted[Math.ceil(count / 2) - 1] as number, high: sorted[Math.floor(count / 2)] as number };
}

/** The median in seconds of durations in ms: `median` of the values in seconds, to the bit. */
function medianSeconds(m: Middles): number | null {
  if (m.low === null || m.high === null) return null;
  return (m.low / 1000 + m.high / 1000) / 2;
}

/** The figures of [from, to) out of their tally (docs/analytics.md). */
export function figuresOfTally(tally: DoraTally, from: number, to: number, now: number): DoraFigures {
  const elapsedDays = (Math.min(to, now) - from) / 86_400_000;
  return {
    deployments: tally.deployments,
    deploymentsPerDay: elapsedDays > 0 ? tally.deployments / elapsedDays : null,
    leadTime: {
      medianSeconds: medianSeconds(tally.leadMs),
      count: tally.leadMs.count,
      withoutCommitTime: tally.deployments - tally.leadMs.count,
    },
    changeFailure: {
      rate: tally.changes > 0 ? tally.failed / tally.changes : null,
      changes: tally.changes,
      failed: tally.failed,
    },
    timeToRestore: {
      medianSeconds: medianSeconds(tally.restoreMs),
      restored: tally.restoreMs.count,
      open: tally.open,
    },
  };
}
