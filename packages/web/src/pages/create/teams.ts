import { useSession } from '../../api/session';
import { useTeams } from '../../queries/teams';

/**
 * The teams the signed-in person may create things for: every team for an admin, else their
 * own. The team list is read for names; if it cannot be read, the session's teams still are.
 */
export function useTeamChoices(): { teams: string[]; isPending: boolean } {
  const { access } = useSession();
  const all = useTeams();
  const names = all.data?.items.map((t) => t.name) ?? [];
  const teams = access.admin ? names : access.teams;
  return { teams: [...new Set(teams)].sort(), isPending: access.admin && all.isPending };
}
