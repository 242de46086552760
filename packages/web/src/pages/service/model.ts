/**
 * What the Service and Home pages make of a service's releases: per environment, what runs
 * now, the last healthy one, what waits for approval. Pure functions over the API's
 * ReleaseView list (newest first), so both pages agree on the words they show.
 */
import { type Role, roleRank } from '@slipway/core/access';
import type { Schemas } from '../../api/client';

export type Release = Schemas['ReleaseView'];
export type Environment = Schemas['EnvironmentView'];
export type EnvironmentType = Schemas['EnvironmentTypeView'];

/** Statuses of releases that never reached the cluster (or were asked but not granted yet). */
const notApplied = new Set<Release['status']>(['pending_approval', 'rejected', 'expired', 'superseded']);
/** Statuses of a rollout still under way: worth watching, and worth refreshing for. */
const inFlight = new Set<Release['status']>(['queued', 'applying', 'progressing', 'verifying']);

export interface EnvironmentSummary {
  environment: string;
  /** The newest release that went (or is going) to the cluster: what runs, or is rolling out. */
  current: Release | null;
  /** The newest release that became healthy. */
  lastHealthy: Release | null;
  /** Releases waiting for a second person's approval, newest first. */
  pending: Release[];
  /**
   * The newest rollout a person asked for, when it failed or degraded (even if Slipway then
   * rolled back automatically): the environment needs someone to look.
   */
  lastFailure: Release | null;
  /** Every release of the service in this environment, newest first. */
  history: Release[];
}

export function isInFlight(release: Pick<Release, 'status'> | null | undefined): boolean {
  return !!release && inFlight.has(release.status);
}

export function needsAttention(release: Pick<Release, 'status'> | null | undefined): boolean {
  return release?.status === 'failed' || release?.status === 'degraded';
}

/** Newest first, whatever order the releases came in (by creation, then number). */
export function newestFirst(releases: readonly Release[]): Release[] {
  return [...releases].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.number - a.number);
}

/** One summary per environment the service has releases in, in the order given (or by name). */
export function summarizeByEnvironment(
  releases: readonly Release[],
  order: readonly string[] = [],
): EnvironmentSummary[] {
  const byEnvironment = new Map<string, Release[]>();
  for (const r of newestFirst(releases)) {
    const list = byEnvironment.get(r.environment) ?? [];
    list.push(r);
    byEnvironment.set(r.environment, list);
  }
  const rank = (name: string) => {
    const i = order.indexOf(name);
    return i === -1 ? order.length : i;
  };
  return [...byEnvironment.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([environment, history]) => ({
      environment,
      current: history.find((r) => !notApplied.has(r.status)) ?? null,
      lastHealthy: history.find((r) => r.status === 'healthy') ?? null,
      pending: history.filter((r) => r.status === 'pending_approval'),
      lastFailure: lastFailure(history),
      history,
    }));
}

/** Slipway's own rollback after a failed rollout (the engine creates it as 'slipway'). */
export function isAutomaticRollback(release: Release): boolean {
  return release.rollbackOf !== null && release.createdBy === 'slipway';
}

function lastFailure(history: readonly Release[]): Release | null {
  const asked = history.find((r) => !notApplied.has(r.status) && !isAutomaticRollback(r));
  return asked && needsAttention(asked) ? asked : null;
}

/**
 * Where a rollback in this environment goes: the newest healthy release older than what runs
 * now. When what runs is itself a rollback, "older" counts from the release it restored, so
 * rolling back twice goes further back instead of returning to the release just left.
 */
export function rollbackTarget(summary: EnvironmentSummary): Release | null {
  const current = summary.current;
  if (!current) return summary.lastHealthy;
  const restored = current.rollbackOf ? summary.history.find((r) => r.id === current.rollbackOf) : undefined;
  const before = restored?.number ?? current.number;
  return (
    summary.history.find((r) => r.status === 'healthy' && r.number < before && r.contentHash !== current.contentHash) ??
    null
  );
}

/**
 * A familiar order for environments: development first, production last, the rest by name
 * in between (the usual promotion path reads left to right, top to bottom).
 */
const typeRank: Record<string, number> = { development: 0, preview: 1, test: 2, staging: 3, production: 9 };

export function environmentOrder(environments: readonly Environment[]): string[] {
  return [...environments]
    .sort((a, b) => (typeRank[a.type] ?? 5) - (typeRank[b.type] ?? 5) || a.name.localeCompare(b.name))
    .map((e) => e.name);
}

/** A short, readable image reference: the registry path shortened, the tag kept. */
export function shortImage(image: string | null | undefined): string {
  if (!image) return '—';
  const digestless = image.replace(/@sha256:([0-9a-f]{7})[0-9a-f]+$/, '@$1');
  const parts = digestless.split('/');
  return parts.length > 2 ? `…/${parts.slice(-2).join('/')}` : digestless;
}

export function shortCommit(commit: string | null | undefined): string | null {
  if (!commit) return null;
  return /^[0-9a-f]{12,}$/i.test(commit) ? commit.slice(0, 7) : commit;
}

export interface Access {
  admin: boolean;
  teams: readonly string[];
  roles: ReadonlyArray<{
    role: Role;
    scope: { kind: 'global' | 'team' | 'service'; team?: string; service?: string };
    environmentTypes: readonly string[];
  }>;
}

/**
 * Whether the caller may approve releases of a service into an environment type, as the server
 * decides it (core/access canApprove): the type's approve role over the service. The server
 * stays the judge; this only decides what "Needs you" lists. Nobody approves their own release.
 */
export function mayApprove(
  access: Access,
  username: string,
  release: Pick<Release, 'createdBy' | 'service'>,
  serviceOwner: string | null,
  environmentType: EnvironmentType | undefined,
): boolean {
  if (release.createdBy === username) return false;
  const needed = (environmentType?.access?.approve ?? 'maintainer') as Role;
  const type = environmentType?.name;
  let held = -1;
  for (const binding of access.roles) {
    const s = binding.scope;
    const covers =
      s.kind === 'global' ||
      (s.kind === 'service' && s.service === release.service) ||
      (s.kind === 'team' && serviceOwner !== null && s.team === serviceOwner);
    const fits =
      binding.environmentTypes.length === 0 || (type !== undefined && binding.environmentTypes.includes(type));
    if (covers && fits) held = Math.max(held, roleRank(binding.role));
  }
  return held >= roleRank(needed);
}
