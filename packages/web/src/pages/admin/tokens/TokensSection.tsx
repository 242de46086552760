/**
 * The signed-in user's own API tokens, for the CLI and CI: every user has this section, admin
 * or not. A new token's secret is shown once, here, and never again.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../../../api/client';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { EmptyState, Loading, PageHeader, TimeAgo } from '../../../components/Page';
import { StatusBadge } from '../../../components/StatusBadge';
import { Table } from '../../../components/Table';
import { SectionError } from '../common';
import { CreateTokenForm, type NewToken } from './CreateTokenForm';
import { NewTokenSecret } from './NewTokenSecret';
import { tokensKey, useTokens } from './queries';

type Token = NonNullable<ReturnType<typeof useTokens>['data']>['items'][number];

export function TokensSection() {
  const tokens = useTokens();
  const [created, setCreated] = useState<NewToken | null>(null);
  return (
    <section>
      <PageHeader
        title="API tokens"
        summary="Your tokens for the CLI and for CI systems. A token acts as you, limited to its scopes."
      />
      {created ? (
        <NewTokenSecret token={created} onDone={() => setCreated(null)} />
      ) : (
        <CreateTokenForm onCreated={setCreated} />
      )}
      <h2>Your tokens</h2>
      {tokens.isPending && <Loading what="your tokens" />}
      {tokens.error && <SectionError error={tokens.error} what="your tokens" />}
      {tokens.data && (
        <Table
          caption="Your API tokens"
          columns={['Name', 'Scopes', 'Status', 'Created', 'Expires', 'Last used', 'Actions']}
          items={tokens.data.items}
          empty={<EmptyState title="You have no API tokens">Create one above for the CLI or a CI system.</EmptyState>}
        >
          {(t) => <TokenRow key={t.id} token={t} />}
        </Table>
      )}
    </section>
  );
}

function statusOf(t: Token): 'revoked' | 'expired' | 'active' {
  if (t.revokedAt) return 'revoked';
  if (t.expiresAt && new Date(t.expiresAt).getTime() <= Date.now()) return 'expired';
  return 'active';
}

function TokenRow({ token: t }: { token: Token }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation({
    mutationFn: () => call(api.DELETE('/api/v1/tokens/{id}', { params: { path: { id: t.id } } })),
    onSuccess: async () => {
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: tokensKey });
    },
  });
  const status = statusOf(t);
  return (
    <tr data-testid={`token-${t.name}`}>
      <th scope="row">
        <div className="admin-name">{t.name}</div>
        <code className="muted small">{t.prefix}…</code>
      </th>
      <td>{t.scopes.join(', ')}</td>
      <td>
        <StatusBadge status={status === 'revoked' ? 'rejected' : status} label={status} />
      </td>
      <td>
        <TimeAgo at={t.createdAt} />
      </td>
      <td>{t.expiresAt ? <TimeAgo at={t.expiresAt} /> : <span className="muted">never</span>}</td>
      <td>{t.lastUsedAt ? <TimeAgo at={t.lastUsedAt} /> : <span className="muted">never</span>}</td>
      <td>
        {status === 'active' && (
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            Revoke<span className="visually-hidden"> {t.name}</span>
          </button>
        )}
        {confirming && (
          <ConfirmDialog
            open
            title={`Revoke token ${t.name}?`}
            confirmLabel="Revoke token"
            danger
            busy={revoke.isPending}
            onConfirm={() => revoke.mutate()}
            onCancel={() => {
              revoke.reset();
              setConfirming(false);
            }}
          >
            <p>
              Anything using it (a CLI login, a CI job) is refused from now on. This cannot be undone; you can create a
              new token instead.
            </p>
            <ErrorNotice error={revoke.error} title="The token was not revoked" />
          </ConfirmDialog>
        )}
      </td>
    </tr>
  );
}
