import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, call, fieldProblem } from '../../../api/client';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Field } from '../../../components/Field';
import { type Role, RoleSelect } from '../../../components/RoleSelect';
import { useEnvironmentTypes } from '../../../queries/environment-types';
import { useServices } from '../../../queries/services';
import { useTeams } from '../../../queries/teams';
import { accessKeys, useUsers } from './queries';

type SubjectKind = 'user' | 'team';
type ScopeKind = 'global' | 'team' | 'service';

/**
 * Gives a user or a team a role over everything, a team, or one service, optionally only for
 * environments of some types. Names are suggested from the users, teams and services there are.
 */
export function NewBindingForm() {
  const queryClient = useQueryClient();
  const users = useUsers();
  const teams = useTeams();
  const services = useServices();
  const types = useEnvironmentTypes();
  const [subjectKind, setSubjectKind] = useState<SubjectKind>('user');
  const [subject, setSubject] = useState('');
  const [role, setRole] = useState<Role>('developer');
  const [scopeKind, setScopeKind] = useState<ScopeKind>('team');
  const [scopeName, setScopeName] = useState('');
  const [envTypes, setEnvTypes] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/role-bindings', {
          body: {
            role,
            subject: { kind: subjectKind, name: subject.trim() },
            scope:
              scopeKind === 'global'
                ? { kind: 'global' }
                : scopeKind === 'team'
                  ? { kind: 'team', team: scopeName }
                  : { kind: 'service', service: scopeName.trim() },
            environmentTypes: envTypes,
          },
        }),
      ),
    onSuccess: async () => {
      setSubject('');
      setEnvTypes([]);
      await queryClient.invalidateQueries({ queryKey: accessKeys.bindings });
    },
  });
  const problem = (path: string) => fieldProblem(create.error, path);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const subjectOptions =
    subjectKind === 'user'
      ? (users.data?.items ?? []).map((u) => u.username)
      : (teams.data?.items ?? []).map((t) => t.name);
  return (
    <form className="card" onSubmit={submit} aria-label="Give a role">
      <h3 className="admin-form-title">Give a role</h3>
      <div className="admin-grid">
        <Field id="binding-subject-kind" label="To a" problem={problem('/subject/kind')}>
          {(w) => (
            <select {...w} value={subjectKind} onChange={(e) => setSubjectKind(e.target.value as SubjectKind)}>
              <option value="user">user</option>
              <option value="team">team</option>
            </select>
          )}
        </Field>
        <Field
          id="binding-subject"
          label={subjectKind === 'user' ? 'Username' : 'Team'}
          problem={problem('/subject/name')}
        >
          {(w) => (
            <input
              {...w}
              list="binding-subjects"
              value={subject}
              onChange={(e) => setSubject(e.target.value)}
              required
              autoComplete="off"
            />
          )}
        </Field>
        <datalist id="binding-subjects">
          {subjectOptions.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        <RoleSelect
          id="binding-role"
          label="Role"
          value={role}
          onChange={(r) => r && setRole(r)}
          problem={problem('/role')}
        />
        <Field id="binding-scope" label="Over" problem={problem('/scope/kind') ?? problem('/scope')}>
          {(w) => (
            <select
              {...w}
              value={scopeKind}
              onChange={(e) => {
                setScopeKind(e.target.value as ScopeKind);
                setScopeName('');
              }}
            >
              <option value="global">everything (global)</option>
              <option value="team">a team</option>
              <option value="service">a service</option>
            </select>
          )}
        </Field>
        {scopeKind === 'team' && (
          <Field id="binding-scope-team" label="Which team" problem={problem('/scope/team')}>
            {(w) => (
              <select {...w} value={scopeName} onChange={(e) => setScopeName(e.target.value)} required>
                <option value="">Choose a team</option>
                {(teams.data?.items ?? []).map((t) => (
                  <option key={t.name} value={t.name}>
                    {t.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {scopeKind === 'service' && (
          <Field id="binding-scope-service" label="Which service" problem={problem('/scope/service')}>
            {(w) => (
              <input
                {...w}
                list="binding-services"
                value={scopeName}
                onChange={(e) => setScopeName(e.target.value)}
                required
                autoComplete="off"
              />
            )}
          </Field>
        )}
        <datalist id="binding-services">
          {(services.data?.items ?? []).map((s) => (
            <option key={s.name} value={s.name} />
          ))}
        </datalist>
      </div>
      <fieldset className="admin-plain">
        <legend className="admin-legend">Only for environments of these types (none checked: all)</legend>
        <ul className="admin-checks admin-checks-row">
          {(types.data?.items ?? []).map((t) => (
            <li key={t.name}>
              <label className="inline">
                <input
                  type="checkbox"
                  checked={envTypes.includes(t.name)}
                  onChange={(e) =>
                    setEnvTypes(e.target.checked ? [...envTypes, t.name] : envTypes.filter((x) => x !== t.name))
                  }
                />
                {t.name}
              </label>
            </li>
          ))}
        </ul>
        {problem('/environmentTypes') && <div className="field-error">{problem('/environmentTypes')}</div>}
      </fieldset>
      <button type="submit" className="primary" disabled={create.isPending}>
        Give role
      </button>
      <ErrorNotice error={create.error} title="The role was not given" />
    </form>
  );
}
