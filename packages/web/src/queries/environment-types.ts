/**
 * Environment types, read by Home, the Service page, the Environments page and the admin
 * section: one key, so saving a type in the admin section refreshes every one of them. The
 * cache holds the API's answer as it came (the list also names every policy there is).
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';

export const environmentTypeKeys = {
  all: ['environment-types'] as const,
  one: (name: string) => ['environment-types', name] as const,
};

export const environmentTypesQuery = queryOptions({
  queryKey: environmentTypeKeys.all,
  queryFn: () => call(api.GET('/api/v1/environment-types')),
});

export function useEnvironmentTypes() {
  return useQuery(environmentTypesQuery);
}

/** One type with its defaults filled in; `undefined` (a type being created) reads nothing. */
export function useEnvironmentType(name: string | undefined) {
  return useQuery({
    queryKey: environmentTypeKeys.one(name ?? ''),
    queryFn: () => call(api.GET('/api/v1/environment-types/{name}', { params: { path: { name: name ?? '' } } })),
    enabled: name !== undefined,
  });
}
