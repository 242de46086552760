/** Clusters, read by the admin section and the form that creates an environment on one. */
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';

export const clusterKeys = { all: ['clusters'] as const };

export function useClusters() {
  return useQuery({ queryKey: clusterKeys.all, queryFn: () => call(api.GET('/api/v1/clusters')) });
}
