import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call, type Schemas } from '../../../api/client';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loading, TimeAgo } from '../../../components/Page';
import { Table } from '../../../components/Table';
import { SectionError } from '../common';
import { NewBindingForm } from './NewBindingForm';
import { accessKeys, useRoleBindings } from './queries';

type Binding = Schemas['RoleBindingView'];

export function scopeWords(scope: Binding['scope']): string {
  if (scope.kind === 'team') return `team ${scope.team}`;
  if (scope.kind === 'service') return `service ${scope.service}`;
  return 'everything (global)';
}

/** Role bindings: who holds which role where; give one, remove one (asked first). */
export function RoleBindingsPanel() {
  const bindings = useRoleBindings();
  return (
    <section aria-labelledby="access-bindings" className="admin-panel">
      <h2 id="access-bindings">Role bindings</h2>
      <NewBindingForm />
      {bindings.isPending && <Loading what="role bindings" />}
      {bindings.error && <SectionError error={bindings.error} what="the role bindings" />}
      {bindings.data && (
        <Table
          caption="Role bindings"
          columns={['Who', 'Role', 'Over', 'Environment types', 'Given', 'Actions']}
          items={bindings.data.items}
          empty="No role bindings."
        >
          {(b) => <BindingRow key={b.id} binding={b} />}
        </Table>
      )}
    </section>
  );
}

function BindingRow({ binding: b }: { binding: Binding }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => call(api.DELETE('/api/v1/role-bindings/{id}', { params: { path: { id: b.id } } })),
    onSuccess: async () => {
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: accessKeys.bindings });
    },
  });
  const who = `${b.subject.kind} ${b.subject.name}`;
  const what = `${b.role} of ${scopeWords(b.scope)}`;
  return (
    <tr data-testid={`binding-${b.subject.name}-${b.role}`}>
      <th scope="row">
        <span className="muted small">{b.subject.kind}</span> <span className="admin-name">{b.subject.name}</span>
      </th>
      <td>
        <span className="badge info">{b.role}</span>
      </td>
      <td>{scopeWords(b.scope)}</td>
      <td>{b.environmentTypes.length ? b.environmentTypes.join(', ') : <span className="muted">all</span>}</td>
      <td>
        <span className="small">
          by {b.createdBy}, <TimeAgo at={b.createdAt} />
        </span>
      </td>
      <td>
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          Remove
          <span className="visually-hidden">
            {' '}
            {who} as {what}
          </span>
        </button>
        {confirming && (
          <ConfirmDialog
            open
            title="Remove this role binding?"
            confirmLabel="Remove binding"
            danger
            busy={remove.isPending}
            onConfirm={() => remove.mutate()}
            onCancel={() => {
              remove.reset();
              setConfirming(false);
            }}
          >
            <p>
              The {who} is no longer {what}
              {b.environmentTypes.length ? ` (for ${b.environmentTypes.join(', ')} environments)` : ''}. What they may
              still do comes from their other bindings and teams.
            </p>
            <ErrorNotice error={remove.error} title="The binding was not removed" />
          </ConfirmDialog>
        )}
      </td>
    </tr>
  );
}
