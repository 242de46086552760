/**
 * What Home reads: the services the caller may see, the newest releases across them (for
 * "Recent deployments" and approvals), each shown service's releases (for its environments'
 * health), and environments with their types (to know who may approve what).
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import { isInFlight, type Release } from '../service/model';

export const homeKeys = {
  services: ['home', 'services'] as const,
  releases: ['home', 'releases'] as const,
  serviceReleases: (name: string) => ['home', 'service-releases', name] as const,
};

/** Busy while anything rolls out or waits: Home follows without a reload. */
const every = (items: Release[] | undefined) =>
  items?.some((r) => isInFlight(r) || r.status === 'pending_approval') ? 3_000 : 20_000;

export function useServices() {
  return useQuery({
    queryKey: homeKeys.services,
    queryFn: async () => (await call(api.GET('/api/v1/services'))).items as Schemas['ServiceView'][],
  });
}

export function useRecentReleases() {
  return useQuery({
    queryKey: homeKeys.releases,
    queryFn: async () => (await call(api.GET('/api/v1/releases', { params: { query: { limit: 500 } } }))).items,
    refetchInterval: (query) => every(query.state.data as Release[] | undefined),
  });
}

export function useReleasesOf(names: readonly string[]) {
  return useQueries({
    queries: names.map((name) => ({
      queryKey: homeKeys.serviceReleases(name),
      queryFn: async () =>
        (await call(api.GET('/api/v1/releases', { params: { query: { service: name, limit: 100 } } }))).items,
      refetchInterval: (query: { state: { data: unknown } }) => every(query.state.data as Release[] | undefined),
    })),
  });
}
