import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, call, fieldProblem } from '../../../api/client';
import { useSession } from '../../../api/session';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Field } from '../../../components/Field';
import { Loading } from '../../../components/Page';
import { StatusBadge } from '../../../components/StatusBadge';
import { Table } from '../../../components/Table';
import { SectionError } from '../common';
import { accessKeys, useUsers } from './queries';

type User = NonNullable<ReturnType<typeof useUsers>['data']>['items'][number];

/** User accounts: create one with a password, disable or enable one (asked first). */
export function UsersPanel() {
  const users = useUsers();
  return (
    <section aria-labelledby="access-users" className="admin-panel">
      <h2 id="access-users">Users</h2>
      <NewUserForm />
      {users.isPending && <Loading what="users" />}
      {users.error && <SectionError error={users.error} what="the users" />}
      {users.data && (
        <Table
          caption="Users"
          columns={['User', 'E-mail', 'Signs in with', 'Status', 'Actions']}
          items={users.data.items}
          empty="No users yet."
        >
          {(u) => <UserRow key={u.id} user={u} />}
        </Table>
      )}
    </section>
  );
}

function NewUserForm() {
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/users', {
          body: {
            username: username.trim(),
            ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
            ...(email.trim() ? { email: email.trim() } : {}),
            ...(password ? { password } : {}),
          },
        }),
      ),
    onSuccess: async () => {
      setCreated(username.trim());
      setUsername('');
      setDisplayName('');
      setEmail('');
      setPassword('');
      await queryClient.invalidateQueries({ queryKey: accessKeys.users });
    },
  });
  const problem = (path: string) => fieldProblem(create.error, path);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    create.mutate();
  };
  return (
    <form className="card" onSubmit={submit} aria-label="Create a user">
      <div className="admin-grid">
        <Field id="user-username" label="Username" problem={problem('/username')}>
          {(w) => (
            <input {...w} value={username} onChange={(e) => setUsername(e.target.value)} required autoComplete="off" />
          )}
        </Field>
        <Field id="user-display" label="Display name" problem={problem('/displayName')}>
          {(w) => (
            <input {...w} value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoComplete="off" />
          )}
        </Field>
        <Field id="user-email" label="E-mail" problem={problem('/email')}>
          {(w) => (
            <input {...w} type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
          )}
        </Field>
        <Field
          id="user-password"
          label="Password"
          help="With one, they can sign in at once; without, only through single sign-on"
          problem={problem('/password')}
        >
          {(w) => (
            <input
              {...w}
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="new-password"
            />
          )}
        </Field>
      </div>
      <button type="submit" className="primary" disabled={create.isPending}>
        Create user
      </button>
      <ErrorNotice error={create.error} title="The user was not created" />
      {created && (
        <p className="notice ok" role="status">
          Created {created}. They hold no role yet: add them to a team or give them a role binding below.
        </p>
      )}
    </form>
  );
}

function UserRow({ user: u }: { user: User }) {
  const queryClient = useQueryClient();
  const { user: me } = useSession();
  const [confirming, setConfirming] = useState(false);
  const toggle = useMutation({
    mutationFn: () =>
      call(
        api.PATCH('/api/v1/users/{username}', {
          params: { path: { username: u.username } },
          body: { disabled: !u.disabled },
        }),
      ),
    onSuccess: async () => {
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: accessKeys.users });
    },
  });
  const verb = u.disabled ? 'Enable' : 'Disable';
  return (
    <tr data-testid={`user-${u.username}`}>
      <th scope="row">
        <div className="admin-name">{u.username}</div>
        {u.displayName && <div className="muted small">{u.displayName}</div>}
      </th>
      <td>{u.email ?? <span className="muted">—</span>}</td>
      <td>
        {[u.hasPassword ? 'password' : null, u.oidcIssuer ? `single sign-on (${u.oidcIssuer})` : null]
          .filter(Boolean)
          .join(', ') || <span className="muted">nothing yet</span>}
      </td>
      <td>{u.disabled ? <StatusBadge status="paused" label="disabled" /> : <StatusBadge status="active" />}</td>
      <td>
        <button type="button" className={u.disabled ? '' : 'danger'} onClick={() => setConfirming(true)}>
          {verb}
          <span className="visually-hidden"> {u.username}</span>
        </button>
        {confirming && (
          <ConfirmDialog
            open
            title={`${verb} ${u.username}?`}
            confirmLabel={`${verb} user`}
            danger={!u.disabled}
            busy={toggle.isPending}
            onConfirm={() => toggle.mutate()}
            onCancel={() => {
              toggle.reset();
              setConfirming(false);
            }}
          >
            {u.disabled ? (
              <p>{u.username} can sign in and use their API tokens again.</p>
            ) : (
              <p>
                {u.username} is signed out everywhere at once and can no longer sign in or use their API tokens.
                {u.username === me.username && ' This is your own account.'}
              </p>
            )}
            <ErrorNotice error={toggle.error} title={`${u.username} was not changed`} />
          </ConfirmDialog>
        )}
      </td>
    </tr>
  );
}
