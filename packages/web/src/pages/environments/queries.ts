/**
 * The Environments pages' own read: the services deployed in one environment. Environments,
 * their types and clusters are shared with other pages (src/queries/).
 */
import { useQuery } from '@tanstack/react-query';
import type { Schemas } from '../../api/client';
import { releasesQuery } from '../../queries/releases';

export type EnvironmentView = Schemas['EnvironmentView'];
export type ReleaseView = Schemas['ReleaseView'];

/**
 * The services deployed in an environment: the newest release of each (the list comes
 * newest first), followed while one of them is still rolling out.
 */
export function useServicesIn(environment: string) {
  return useQuery({
    ...releasesQuery({ environment, limit: 500 }),
    select: (items) => latestPerService(items),
    refetchInterval: (query) =>
      query.state.data?.some((r) => ['queued', 'applying', 'progressing', 'verifying'].includes(r.status))
        ? 3_000
        : false,
  });
}

export function latestPerService(releases: readonly ReleaseView[]): ReleaseView[] {
  const seen = new Map<string, ReleaseView>();
  for (const r of releases) if (!seen.has(r.service)) seen.set(r.service, r);
  return [...seen.values()].sort((a, b) => a.service.localeCompare(b.service));
}
