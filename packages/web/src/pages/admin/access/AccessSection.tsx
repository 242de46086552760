/**
 * Who may do what, where: teams and their members, user accounts, and the role bindings that
 * give a user or a team a role globally, over a team, or over one service.
 */
import { PageHeader } from '../../../components/Page';
import { RoleBindingsPanel } from './RoleBindingsPanel';
import { TeamsPanel } from './TeamsPanel';
import { UsersPanel } from './UsersPanel';

export const accessKeys = {
  teams: ['admin', 'teams'] as const,
  users: ['admin', 'users'] as const,
  bindings: ['admin', 'role-bindings'] as const,
  team: (name: string) => ['admin', 'teams', name] as const,
};

export function AccessSection() {
  return (
    <section>
      <PageHeader
        title="Access"
        summary="Teams own services and environments; roles (viewer < developer < maintainer < admin) are bound to users and teams, globally or over a team or a service."
      />
      <nav aria-label="On this page" className="admin-jump">
        <a href="#access-teams">Teams</a>
        <a href="#access-users">Users</a>
        <a href="#access-bindings">Role bindings</a>
      </nav>
      <TeamsPanel />
      <UsersPanel />
      <RoleBindingsPanel />
    </section>
  );
}
