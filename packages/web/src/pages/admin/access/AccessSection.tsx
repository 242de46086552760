/**
 * Who may do what, where: teams and their members, user accounts, and the role bindings that
 * give a user or a team a role globally, over a team, or over one service.
 */
import { PageHeader } from '../../../components/Page';
import { RoleBindingsPanel } from './RoleBindingsPanel';
import { TeamsPanel } from './TeamsPanel';
import { UsersPanel } from './UsersPanel';

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
