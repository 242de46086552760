/**
 * The Service page's reads, with the query keys its actions invalidate. While a rollout is
 * under way somewhere (or a release waits for approval), the releases are read again every
 * few seconds so the matrix follows without a reload; the live panel has its own stream.
 * Environments, their types and release lists are shared with other pages (src/queries/).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, SlipwayError } from '../../api/client';
import { environmentKeys } from '../../queries/environments';
import { releaseKeys, releasesQuery } from '../../queries/releases';
import { serviceKeys } from '../../queries/services';
import { isInFlight, type Release } from './model';

export const keys = {
  service: (name: string) => ['service', name] as const,
  catalog: (name: string) => ['service', name, 'catalog'] as const,
};

export function useService(name: string) {
  return useQuery({
    queryKey: keys.service(name),
    queryFn: () => call(api.GET('/api/v1/services/{name}', { params: { path: { name } } })),
  });
}

export function useServiceReleases(name: string) {
  return useQuery({
    ...releasesQuery({ service: name, limit: 500 }),
    refetchInterval: (query) => {
      const items = query.state.data as Release[] | undefined;
      return items?.some((r) => isInFlight(r)) ? 2_000 : 15_000;
    },
  });
}

/** Whether the catalog has a Component of this name (its page is linked only then). */
export function useCatalogComponent(name: string) {
  return useQuery({
    queryKey: keys.catalog(name),
    queryFn: async () => {
      try {
        await call(
          api.GET('/api/v1/catalog/entities/{kind}/{namespace}/{name}', {
            params: { path: { kind: 'component', namespace: 'default', name } },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof SlipwayError && (error.status === 404 || error.code === 'not_found')) return false;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** After an action: everything that shows the service, its releases and environments (pause). */
export function useRefreshService(name: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: keys.service(name) });
    void client.invalidateQueries({ queryKey: releaseKeys.all });
    void client.invalidateQueries({ queryKey: environmentKeys.all });
    void client.invalidateQueries({ queryKey: serviceKeys.all });
  };
}
