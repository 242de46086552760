/**
 * Environments, read by Home, the Service page, the Environments pages and the admin dialogs
 * that say what depends on a cluster or a type: one key for all, so a change made on one page
 * (create, pause, delete) shows on every other. While one is being deleted, asked again until
 * it is gone.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { allPages, api, call } from '../api/client';

export const environmentKeys = {
  all: ['environments'] as const,
  one: (name: string) => ['environments', name] as const,
};

export const environmentsQuery = queryOptions({
  queryKey: environmentKeys.all,
  queryFn: async () => ({
    items: await allPages((cursor) =>
      call(api.GET('/api/v1/environments', { params: { query: { limit: 1000, ...(cursor ? { cursor } : {}) } } })),
    ),
  }),
  refetchInterval: (query) => (query.state.data?.items.some((e) => e.status === 'deleting') ? 2_000 : false),
});

export function useEnvironments() {
  return useQuery(environmentsQuery);
}

export function useEnvironment(name: string) {
  return useQuery({
    queryKey: environmentKeys.one(name),
    queryFn: () => call(api.GET('/api/v1/environments/{name}', { params: { path: { name } } })),
    refetchInterval: (query) => (query.state.data?.environment.status === 'deleting' ? 2_000 : false),
  });
}
