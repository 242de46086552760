/**
 * A new environment: name, type, cluster, owning team, lifetime, and optionally a domain and
 * a pause/resume schedule. The server checks everything; its answers appear at the fields.
 */
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, call, fieldProblem } from '../../api/client';
import { useSession } from '../../api/session';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { useClusters } from '../../queries/clusters';
import { useEnvironmentTypes } from '../../queries/environment-types';
import { environmentKeys } from '../../queries/environments';
import { useTeamChoices } from '../create/teams';
import { duration, localTimeZone, ttlChoices } from './format';

export function CreateEnvironmentForm({ onCancel }: { onCancel: () => void }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { access } = useSession();
  const types = useEnvironmentTypes();
  const clusters = useClusters();
  const { teams } = useTeamChoices();
  const [name, setName] = useState('');
  const [type, setType] = useState('');
  const [cluster, setCluster] = useState('');
  const [owner, setOwner] = useState('');
  const [ttl, setTtl] = useState('');
  const [domain, setDomain] = useState('');
  const [scheduled, setScheduled] = useState(false);
  const [pause, setPause] = useState('0 20 * * 1-5');
  const [resume, setResume] = useState('0 7 * * 1-5');
  const [timezone, setTimezone] = useState(localTimeZone);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const typeItems = types.data?.items ?? [];
  const chosenType = typeItems.find((t) => t.name === (type || typeItems[0]?.name));
  const problem = (path: string) => fieldProblem(error, path);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { environment } = await call(
        api.POST('/api/v1/environments', {
          body: {
            name: name.trim(),
            type: type || chosenType?.name || '',
            ...(cluster ? { cluster } : {}),
            ...(owner ? { owner } : {}),
            ...(ttl ? { ttlSeconds: Number(ttl) } : {}),
            ...(domain.trim() ? { domain: domain.trim() } : {}),
            ...(scheduled ? { schedule: { pause, resume, timezone } } : {}),
          },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: environmentKeys.all });
      navigate(`/environments/${encodeURIComponent(environment.name)}`, {
        state: {
          notice: `Created ${environment.name}: namespace ${environment.namespace} on cluster ${environment.cluster}.`,
        },
      });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const leftOut =
    access.teams.length === 1 ? `Your team (${access.teams[0]})` : 'Shared: the platform’s (only admins manage it)';
  return (
    <form className="card env-create" onSubmit={submit} noValidate aria-labelledby="env-create-title">
      <h2 id="env-create-title">New environment</h2>
      <ErrorNotice error={error} title="The environment was not created" />
      <ErrorNotice error={types.error ?? clusters.error} title="The choices could not be read" />
      <div className="env-form-grid">
        <Field
          id="env-name"
          label="Name"
          problem={problem('/name')}
          help="Lower-case letters, digits and dashes, e.g. dev or feature-x. It names the namespace too."
        >
          {(w) => (
            <input
              {...w}
              value={name}
              required
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <Field
          id="env-type"
          label="Type"
          problem={problem('/type')}
          help={chosenType?.description || 'Sets the defaults, quota, policies and who may deploy.'}
        >
          {(w) => (
            <select {...w} value={type || chosenType?.name || ''} onChange={(e) => setType(e.target.value)}>
              {types.isPending && <option value="">Loading…</option>}
              {typeItems.map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name}
                  {t.requiresApproval ? ' (releases need approval)' : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="env-cluster" label="Cluster" problem={problem('/cluster')} help="Where its namespace is made.">
          {(w) => (
            <select {...w} value={cluster} onChange={(e) => setCluster(e.target.value)}>
              <option value="">Slipway’s own (default)</option>
              {(clusters.data?.items ?? [])
                .filter((c) => c.name !== 'default')
                .map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name} ({c.status})
                  </option>
                ))}
            </select>
          )}
        </Field>
        <Field id="env-owner" label="Owning team" problem={problem('/owner')} help="The team that manages it.">
          {(w) => (
            <select {...w} value={owner} onChange={(e) => setOwner(e.target.value)}>
              <option value="">{leftOut}</option>
              {teams.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="env-ttl"
          label="Lifetime"
          problem={problem('/ttlSeconds')}
          help="It is deleted, with everything in it, when its lifetime ends."
        >
          {(w) => (
            <select {...w} value={ttl} onChange={(e) => setTtl(e.target.value)}>
              <option value="">The type’s: {chosenType ? duration(chosenType.ttlSeconds) : '…'}</option>
              {ttlChoices.map((s) => (
                <option key={s} value={String(s)}>
                  {duration(s)}
                </option>
              ))}
              <option value="0">Never expires</option>
            </select>
          )}
        </Field>
        <Field
          id="env-domain"
          label="Domain (optional)"
          problem={problem('/domain')}
          help="Routes of its services get host names under it, e.g. dev.example.com."
        >
          {(w) => <input {...w} value={domain} spellCheck={false} onChange={(e) => setDomain(e.target.value)} />}
        </Field>
      </div>
      <div className="field check">
        <input
          id="env-scheduled"
          type="checkbox"
          checked={scheduled}
          onChange={(e) => setScheduled(e.target.checked)}
        />
        <label htmlFor="env-scheduled">Pause and resume it on a schedule (saves resources at night)</label>
      </div>
      {scheduled && (
        <fieldset className="env-schedule">
          <legend>Schedule</legend>
          <div className="env-form-grid">
            <Field
              id="env-pause"
              label="Pause at (cron)"
              problem={problem('/schedule/pause')}
              help="e.g. 0 20 * * 1-5: 20:00 on weekdays."
            >
              {(w) => <input {...w} value={pause} spellCheck={false} onChange={(e) => setPause(e.target.value)} />}
            </Field>
            <Field
              id="env-resume"
              label="Resume at (cron)"
              problem={problem('/schedule/resume')}
              help="e.g. 0 7 * * 1-5: 07:00 on weekdays."
            >
              {(w) => <input {...w} value={resume} spellCheck={false} onChange={(e) => setResume(e.target.value)} />}
            </Field>
            <Field
              id="env-timezone"
              label="Time zone"
              problem={problem('/schedule/timezone')}
              help="An IANA time zone, e.g. Europe/Paris."
            >
              {(w) => (
                <input {...w} value={timezone} spellCheck={false} onChange={(e) => setTimezone(e.target.value)} />
              )}
            </Field>
          </div>
        </fieldset>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create environment'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
