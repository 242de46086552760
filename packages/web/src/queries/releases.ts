/**
 * Release lists, read by Home, the Service page and an environment's page, each with its own
 * filter and its own pace of polling (so each builds its query from `releasesQuery`). Every
 * list sits under one key prefix: an action on a release invalidates `releaseKeys.all` and
 * every view of releases reads again. The cache holds the items, newest first.
 */
import { queryOptions } from '@tanstack/react-query';
import { api, call } from '../api/client';

export interface ReleaseFilter {
  service?: string;
  environment?: string;
  limit: number;
}

export const releaseKeys = {
  all: ['releases'] as const,
  list: (filter: ReleaseFilter) => ['releases', filter] as const,
};

export function releasesQuery(filter: ReleaseFilter) {
  return queryOptions({
    queryKey: releaseKeys.list(filter),
    queryFn: async () => (await call(api.GET('/api/v1/releases', { params: { query: filter } }))).items,
  });
}
