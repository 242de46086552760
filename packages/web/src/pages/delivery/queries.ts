/**
 * The Delivery page's one read: GET /analytics/dora for the filters in the address. The answer
 * is kept while the next one loads, so changing a filter does not blank the page.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';

export type DoraFigures = Schemas['DoraFigures'];
export type DoraBands = Schemas['DoraBands'];
export type DoraBand = NonNullable<DoraBands['leadTime']>;

export interface DoraQuery {
  service?: string;
  team?: string;
  environmentType?: string;
  weeks?: number;
  groupBy?: 'service' | 'team';
}

export const doraKeys = {
  all: ['analytics', 'dora'] as const,
  one: (query: DoraQuery) => ['analytics', 'dora', query] as const,
};

export function useDora(query: DoraQuery) {
  return useQuery({
    queryKey: doraKeys.one(query),
    queryFn: () => call(api.GET('/api/v1/analytics/dora', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export type DoraAnswer = NonNullable<ReturnType<typeof useDora>['data']>;
export type DoraWeek = DoraAnswer['weeks'][number];
export type DoraGroup = NonNullable<DoraAnswer['groups']>[number];
