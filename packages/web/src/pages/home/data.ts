/**
 * What Home reads: the newest releases across the services the caller may see (for "Recent
 * deployments" and approvals) and each shown service's releases (for its environments'
 * health). Services, environments and their types come from src/queries/, shared with the
 * pages that change them.
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { releasesQuery } from '../../queries/releases';
import { isInFlight, type Release } from '../service/model';

/** Busy while anything rolls out or waits: Home follows without a reload. */
const every = (items: Release[] | undefined) =>
  items?.some((r) => isInFlight(r) || r.status === 'pending_approval') ? 3_000 : 20_000;

export function useRecentReleases() {
  return useQuery({
    ...releasesQuery({ limit: 500 }),
    refetchInterval: (query) => every(query.state.data as Release[] | undefined),
  });
}

export function useReleasesOf(names: readonly string[]) {
  return useQueries({
    queries: names.map((name) => ({
      ...releasesQuery({ service: name, limit: 100 }),
      refetchInterval: (query: { state: { data: unknown } }) => every(query.state.data as Release[] | undefined),
    })),
  });
}
