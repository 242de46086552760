import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { useSession } from '../../api/session';

/**
 * The teams the signed-in person may create things for: every team for an admin, else their
 * own. The team list is read for names; if it cannot be read, the session's teams still are.
 */
export function useTeamChoices(): { teams: string[]; isPending: boolean } {
  const { access } = useSession();
  const all = useQuery({
    queryKey: ['teams'],
    queryFn: () => call(api.GET('/api/v1/teams')),
    staleTime: 60_000,
  });
  const names = all.data?.items.map((t) => t.name) ?? [];
  const teams = access.admin ? names : access.teams;
  return { teams: [...new Set(teams)].sort(), isPending: access.admin && all.isPending };
}
