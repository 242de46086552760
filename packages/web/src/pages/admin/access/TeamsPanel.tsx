import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, call, fieldProblem, type Schemas } from '../../../api/client';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Field } from '../../../components/Field';
import { Loading } from '../../../components/Page';
import { teamKeys, useTeams } from '../../../queries/teams';
import { SectionError } from '../common';
import { accessKeys } from './queries';
import { TeamMembers } from './TeamMembers';

/** Teams: create one, open its members, delete one that owns nothing. */
export function TeamsPanel() {
  const teams = useTeams();
  return (
    <section aria-labelledby="access-teams" className="admin-panel">
      <h2 id="access-teams">Teams</h2>
      <NewTeamForm />
      {teams.isPending && <Loading what="teams" />}
      {teams.error && <SectionError error={teams.error} what="the teams" />}
      {teams.data &&
        (teams.data.items.length === 0 ? (
          <p className="muted">No teams yet.</p>
        ) : (
          <ul className="stack admin-list">
            {teams.data.items.map((t) => (
              <TeamItem key={t.name} team={t} />
            ))}
          </ul>
        ))}
    </section>
  );
}

function NewTeamForm() {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const create = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/teams', {
          body: { name, ...(displayName.trim() ? { displayName: displayName.trim() } : {}) },
        }),
      ),
    onSuccess: async () => {
      setName('');
      setDisplayName('');
      await queryClient.invalidateQueries({ queryKey: teamKeys.all });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form className="card admin-inline-form" onSubmit={submit} aria-label="Create a team">
      <Field
        id="team-name"
        label="Team name"
        help="A DNS label, e.g. payments"
        problem={fieldProblem(create.error, '/name')}
      >
        {(w) => <input {...w} value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off" />}
      </Field>
      <Field id="team-display" label="Display name" problem={fieldProblem(create.error, '/displayName')}>
        {(w) => (
          <input {...w} value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoComplete="off" />
        )}
      </Field>
      <button type="submit" className="primary" disabled={create.isPending}>
        Create team
      </button>
      <ErrorNotice error={create.error} title="The team was not created" />
    </form>
  );
}

function TeamItem({ team }: { team: Schemas['TeamView'] }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const remove = useMutation({
    mutationFn: () => call(api.DELETE('/api/v1/teams/{name}', { params: { path: { name: team.name } } })),
    onSuccess: async () => {
      setDeleting(false);
      await queryClient.invalidateQueries({ queryKey: teamKeys.all });
      await queryClient.invalidateQueries({ queryKey: accessKeys.bindings });
    },
  });
  const panel = `team-${team.name}-members`;
  return (
    <li className="card" data-testid={`team-${team.name}`}>
      <div className="row admin-card-head">
        <strong className="admin-name">{team.name}</strong>
        {team.displayName && team.displayName !== team.name && <span className="muted">{team.displayName}</span>}
        <span className="badge">{team.source}</span>
        <span className="admin-spacer" />
        <button type="button" aria-expanded={open} aria-controls={panel} onClick={() => setOpen(!open)}>
          {open ? 'Hide members' : 'Members'}
          <span className="visually-hidden"> of {team.name}</span>
        </button>
        <button type="button" className="danger" onClick={() => setDeleting(true)}>
          Delete<span className="visually-hidden"> team {team.name}</span>
        </button>
      </div>
      {team.source !== 'local' && (
        <p className="muted small">Kept in step with its {team.source} source: changes here may be undone there.</p>
      )}
      <div id={panel} hidden={!open}>
        {open && <TeamMembers team={team.name} />}
      </div>
      {deleting && (
        <ConfirmDialog
          open
          title={`Delete team ${team.name}?`}
          confirmLabel="Delete team"
          danger
          busy={remove.isPending}
          onConfirm={() => remove.mutate()}
          onCancel={() => {
            remove.reset();
            setDeleting(false);
          }}
        >
          <p>
            Its memberships and the role bindings held by or scoped to it are deleted with it. A team that still owns
            services or environments cannot be deleted.
          </p>
          <ErrorNotice error={remove.error} title="The team was not deleted" />
        </ConfirmDialog>
      )}
    </li>
  );
}
