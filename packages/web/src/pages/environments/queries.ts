import { useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';

export type EnvironmentView = Schemas['EnvironmentView'];
export type ReleaseView = Schemas['ReleaseView'];

export const environmentsKey = ['environments'] as const;

/** All environments; while one is being deleted, asked again until it is gone. */
export function useEnvironments() {
  return useQuery({
    queryKey: environmentsKey,
    queryFn: () => call(api.GET('/api/v1/environments')),
    refetchInterval: (query) => (query.state.data?.items.some((e) => e.status === 'deleting') ? 2_000 : false),
  });
}

export function useEnvironment(name: string) {
  return useQuery({
    queryKey: [...environmentsKey, name],
    queryFn: () => call(api.GET('/api/v1/environments/{name}', { params: { path: { name } } })),
    refetchInterval: (query) => (query.state.data?.environment.status === 'deleting' ? 2_000 : false),
  });
}

export function useEnvironmentTypes() {
  return useQuery({
    queryKey: ['environment-types'],
    queryFn: () => call(api.GET('/api/v1/environment-types')),
    staleTime: 60_000,
  });
}

export function useClusters() {
  return useQuery({ queryKey: ['clusters'], queryFn: () => call(api.GET('/api/v1/clusters')), staleTime: 60_000 });
}

/**
 * The services deployed in an environment: the newest release of each (the list comes
 * newest first), followed while one of them is still rolling out.
 */
export function useServicesIn(environment: string) {
  return useQuery({
    queryKey: ['releases', { environment }],
    queryFn: () => call(api.GET('/api/v1/releases', { params: { query: { environment, limit: 500 } } })),
    select: (data) => latestPerService(data.items),
    refetchInterval: (query) =>
      query.state.data?.items.some((r) => ['queued', 'applying', 'progressing'].includes(r.status)) ? 3_000 : false,
  });
}

export function latestPerService(releases: readonly ReleaseView[]): ReleaseView[] {
  const seen = new Map<string, ReleaseView>();
  for (const r of releases) if (!seen.has(r.service)) seen.set(r.service, r);
  return [...seen.values()].sort((a, b) => a.service.localeCompare(b.service));
}
