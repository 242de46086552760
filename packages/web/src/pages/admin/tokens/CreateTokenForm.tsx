import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, call, fieldProblem } from '../../../api/client';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Field } from '../../../components/Field';
import { tokensKey } from './queries';

export interface NewToken {
  name: string;
  secret: string;
  scopes: string[];
  expiresAt: string | null;
}

type Scope = 'read' | 'write';
const expiries = [
  { days: 7, label: '7 days' },
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: '1 year' },
  { days: 0, label: 'Never' },
];

export function CreateTokenForm({ onCreated }: { onCreated: (token: NewToken) => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['read', 'write']);
  const [days, setDays] = useState(90);
  const create = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/tokens', {
          body: { name: name.trim(), scopes, ...(days > 0 ? { expiresInDays: days } : {}) },
        }),
      ),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: tokensKey });
      onCreated({
        name: result.token.name,
        secret: result.secret,
        scopes: result.token.scopes,
        expiresAt: result.token.expiresAt,
      });
    },
  });
  const problem = (path: string) => fieldProblem(create.error, path);
  const toggle = (scope: Scope, on: boolean) => setScopes(on ? [...scopes, scope] : scopes.filter((s) => s !== scope));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="new-token-title">
      <h2 id="new-token-title">Create a token</h2>
      <div className="admin-grid">
        <Field
          id="token-name"
          label="Name"
          help="What uses it, e.g. laptop or github-actions"
          problem={problem('/name')}
        >
          {(w) => <input {...w} value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off" />}
        </Field>
        <Field id="token-expiry" label="Expires after" problem={problem('/expiresInDays')}>
          {(w) => (
            <select {...w} value={days} onChange={(e) => setDays(Number(e.target.value))}>
              {expiries.map((x) => (
                <option key={x.days} value={x.days}>
                  {x.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset className="admin-plain">
        <legend className="admin-legend">Scopes</legend>
        <ul className="admin-checks admin-checks-row">
          <li>
            <label className="inline">
              <input
                type="checkbox"
                checked={scopes.includes('read')}
                onChange={(e) => toggle('read', e.target.checked)}
              />
              read <span className="muted">(GET requests)</span>
            </label>
          </li>
          <li>
            <label className="inline">
              <input
                type="checkbox"
                checked={scopes.includes('write')}
                onChange={(e) => toggle('write', e.target.checked)}
              />
              write <span className="muted">(changes: deploys, environments…)</span>
            </label>
          </li>
        </ul>
        {problem('/scopes') && <div className="field-error">{problem('/scopes')}</div>}
      </fieldset>
      <button type="submit" className="primary" disabled={create.isPending}>
        Create token
      </button>
      <ErrorNotice error={create.error} title="The token was not created" />
    </form>
  );
}
