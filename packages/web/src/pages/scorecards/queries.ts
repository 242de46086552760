/**
 * Scorecard reads, shared by the Scorecards page (the grid) and a service's Scorecards tab:
 * the scorecards, one's grid of services × rules, a service's results and their history.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';

export type ScorecardResult = Schemas['ScorecardResultView'];
export type RuleStatus = ScorecardResult['rules'][number]['status'];

export const scorecardKeys = {
  all: ['scorecards'] as const,
  grid: (name: string, team: string) => ['scorecards', name, 'grid', team] as const,
  service: (service: string) => ['scorecards', 'service', service] as const,
  history: (service: string, scorecard: string) => ['scorecards', 'service', service, scorecard] as const,
};

export function useScorecards() {
  return useQuery({
    queryKey: scorecardKeys.all,
    queryFn: async () => (await call(api.GET('/api/v1/scorecards'))).items,
  });
}

export function useScorecardGrid(name: string | null, team: string) {
  return useQuery({
    queryKey: scorecardKeys.grid(name ?? '', team),
    queryFn: () =>
      call(
        api.GET('/api/v1/scorecards/{name}/grid', {
          params: { path: { name: name ?? '' }, query: team ? { team } : {} },
        }),
      ),
    enabled: name !== null,
    placeholderData: keepPreviousData,
  });
}

export type ScorecardGrid = NonNullable<ReturnType<typeof useScorecardGrid>['data']>;

export function useServiceScorecards(service: string) {
  return useQuery({
    queryKey: scorecardKeys.service(service),
    queryFn: async () =>
      (await call(api.GET('/api/v1/services/{name}/scorecards', { params: { path: { name: service } } }))).items,
  });
}

export function useScorecardHistory(service: string, scorecard: string) {
  return useQuery({
    queryKey: scorecardKeys.history(service, scorecard),
    queryFn: async () =>
      (
        await call(
          api.GET('/api/v1/services/{name}/scorecards/{scorecard}/history', {
            params: { path: { name: service, scorecard }, query: { limit: 90 } },
          }),
        )
      ).items,
  });
}

/** A level's tone: the top level is good news, the lowest a start, none at all a warning. */
export function levelTone(levels: readonly string[], level: string | null): string {
  if (level === null) return 'bad';
  const at = levels.indexOf(level);
  if (at === levels.length - 1) return 'ok';
  return at === 0 ? 'warn' : 'info';
}

export const statusWords: Record<RuleStatus, string> = { pass: 'Passed', fail: 'Failed', error: 'Error' };
export const statusTones: Record<RuleStatus, string> = { pass: 'ok', fail: 'bad', error: 'warn' };
