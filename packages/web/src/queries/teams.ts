/**
 * Teams, read by the admin Access section and by the forms that pick an owner (Create, a new
 * environment): one key, so a team created in Access is offered at once everywhere.
 */
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';

export const teamKeys = {
  all: ['teams'] as const,
  one: (name: string) => ['teams', name] as const,
};

export function useTeams() {
  return useQuery({ queryKey: teamKeys.all, queryFn: () => call(api.GET('/api/v1/teams')) });
}

/** One team with its members and bindings. */
export function useTeam(name: string) {
  return useQuery({
    queryKey: teamKeys.one(name),
    queryFn: () => call(api.GET('/api/v1/teams/{name}', { params: { path: { name } } })),
  });
}
