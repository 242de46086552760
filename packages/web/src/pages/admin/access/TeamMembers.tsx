import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, call } from '../../../api/client';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Field } from '../../../components/Field';
import { Loading } from '../../../components/Page';
import { teamKeys, useTeam } from '../../../queries/teams';
import { SectionError } from '../common';
import { useUsers } from './queries';

/** A team's members: add one by username, remove one (asked first). */
export function TeamMembers({ team }: { team: string }) {
  const queryClient = useQueryClient();
  const detail = useTeam(team);
  const users = useUsers();
  const [username, setUsername] = useState('');
  const [removing, setRemoving] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: teamKeys.one(team) });
  const add = useMutation({
    mutationFn: () =>
      call(
        api.PUT('/api/v1/teams/{name}/members/{username}', {
          params: { path: { name: team, username: username.trim() } },
        }),
      ),
    onSuccess: async () => {
      setUsername('');
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (who: string) =>
      call(api.DELETE('/api/v1/teams/{name}/members/{username}', { params: { path: { name: team, username: who } } })),
    onSuccess: async () => {
      setRemoving(null);
      await refresh();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  if (detail.isPending) return <Loading what={`members of ${team}`} />;
  if (detail.error) return <SectionError error={detail.error} what={`the members of ${team}`} />;
  const members = detail.data.members;
  const listId = `users-for-${team}`;
  return (
    <div className="admin-members">
      {members.length === 0 ? (
        <p className="muted">No members yet.</p>
      ) : (
        <ul className="admin-member-list" aria-label={`Members of ${team}`}>
          {members.map((m) => (
            <li key={m.username} className="row">
              <span>
                <strong>{m.username}</strong>
                {m.displayName && <span className="muted"> · {m.displayName}</span>}
                {m.source !== 'local' && <span className="muted small"> (from {m.source})</span>}
              </span>
              <button type="button" onClick={() => setRemoving(m.username)}>
                Remove
                <span className="visually-hidden">
                  {' '}
                  {m.username} from {team}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="admin-inline-form" onSubmit={submit} aria-label={`Add a member to ${team}`}>
        <Field id={`add-member-${team}`} label="Add a member (username)">
          {(w) => (
            <input
              {...w}
              list={listId}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              required
              autoComplete="off"
            />
          )}
        </Field>
        <datalist id={listId}>
          {(users.data?.items ?? []).map((u) => (
            <option key={u.id} value={u.username} />
          ))}
        </datalist>
        <button type="submit" disabled={add.isPending}>
          Add to {team}
        </button>
      </form>
      <ErrorNotice error={add.error} title="The member was not added" />
      {removing && (
        <ConfirmDialog
          open
          title={`Remove ${removing} from ${team}?`}
          confirmLabel="Remove member"
          danger
          busy={remove.isPending}
          onConfirm={() => remove.mutate(removing)}
          onCancel={() => {
            remove.reset();
            setRemoving(null);
          }}
        >
          <p>
            {removing} loses the roles the team {team} holds, and no longer sees what only its members see.
          </p>
          <ErrorNotice error={remove.error} title="The member was not removed" />
        </ConfirmDialog>
      )}
    </div>
  );
}
