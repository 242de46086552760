import { Field } from '../../../components/Field';
import { RoleSelect } from '../../../components/RoleSelect';
import { useEnvironmentTypes } from '../../../queries/environment-types';
import { usePolicies } from '../../../queries/policies';
import { useProvisioners } from '../../../queries/provisioners';
import { duration } from '../common';
import { type Amounts, pointerSegment, type TypeForm } from './form';

interface Props {
  form: TypeForm;
  change: (patch: Partial<TypeForm>) => void;
  problem: (path: string) => string | undefined;
}

/** A CPU and a memory input side by side, for one pair of amounts. */
function AmountFields({
  id,
  legend,
  value,
  onChange,
  path,
  problem,
}: {
  id: string;
  legend: string;
  value: Amounts;
  onChange: (a: Amounts) => void;
  path: string;
  problem: Props['problem'];
}) {
  return (
    <fieldset className="admin-amounts">
      <legend>{legend}</legend>
      <Field id={`${id}-cpu`} label="CPU" problem={problem(`${path}/cpu`)}>
        {(w) => (
          <input
            {...w}
            placeholder="e.g. 250m"
            value={value.cpu}
            onChange={(e) => onChange({ ...value, cpu: e.target.value })}
          />
        )}
      </Field>
      <Field id={`${id}-memory`} label="Memory" problem={problem(`${path}/memory`)}>
        {(w) => (
          <input
            {...w}
            placeholder="e.g. 256Mi"
            value={value.memory}
            onChange={(e) => onChange({ ...value, memory: e.target.value })}
          />
        )}
      </Field>
    </fieldset>
  );
}

export function DefaultsFields({ form, change, problem }: Props) {
  return (
    <div className="card">
      <h2>Defaults for workloads</h2>
      <p className="muted">
        What a deploy to an environment of this type starts from; a workload or an environment may override them.
      </p>
      <div className="admin-grid">
        <Field id="type-replicas" label="Replicas" problem={problem('/defaults/replicas')}>
          {(w) => (
            <input
              {...w}
              type="number"
              min={0}
              value={form.replicas}
              onChange={(e) => change({ replicas: e.target.value })}
            />
          )}
        </Field>
        <Field
          id="type-deadline"
          label="Rollout deadline (seconds)"
          help={Number(form.progressDeadlineSeconds) > 0 ? duration(Number(form.progressDeadlineSeconds)) : undefined}
          problem={problem('/defaults/progressDeadlineSeconds')}
        >
          {(w) => (
            <input
              {...w}
              type="number"
              min={5}
              value={form.progressDeadlineSeconds}
              onChange={(e) => change({ progressDeadlineSeconds: e.target.value })}
            />
          )}
        </Field>
      </div>
      <div className="admin-grid-wide">
        <AmountFields
          id="type-requests"
          legend="Container requests"
          value={form.requests}
          onChange={(requests) => change({ requests })}
          path="/defaults/resources/requests"
          problem={problem}
        />
        <AmountFields
          id="type-limits"
          legend="Container limits"
          value={form.limits}
          onChange={(limits) => change({ limits })}
          path="/defaults/resources/limits"
          problem={problem}
        />
      </div>
      <div className="field">
        <label className="inline">
          <input
            type="checkbox"
            checked={form.autoscaling}
            onChange={(e) => change({ autoscaling: e.target.checked })}
          />
          Scale on CPU with a HorizontalPodAutoscaler
        </label>
      </div>
      {form.autoscaling && (
        <div className="admin-grid">
          <Field id="type-min-replicas" label="Fewest replicas" problem={problem('/defaults/autoscaling/minReplicas')}>
            {(w) => (
              <input
                {...w}
                type="number"
                min={1}
                value={form.minReplicas}
                onChange={(e) => change({ minReplicas: e.target.value })}
              />
            )}
          </Field>
          <Field id="type-max-replicas" label="Most replicas" problem={problem('/defaults/autoscaling/maxReplicas')}>
            {(w) => (
              <input
                {...w}
                type="number"
                min={1}
                value={form.maxReplicas}
                onChange={(e) => change({ maxReplicas: e.target.value })}
              />
            )}
          </Field>
          <Field
            id="type-target-cpu"
            label="Target CPU use (%)"
            problem={problem('/defaults/autoscaling/targetCPUUtilizationPercentage')}
          >
            {(w) => (
              <input
                {...w}
                type="number"
                min={1}
                max={100}
                value={form.targetCpu}
                onChange={(e) => change({ targetCpu: e.target.value })}
              />
            )}
          </Field>
        </div>
      )}
      <div className="admin-grid">
        <Field
          id="type-min-available"
          label="Disruption budget: at least available"
          help="A count (1) or a percentage (50%); empty: no budget"
          problem={problem('/defaults/disruptionBudget/minAvailable')}
        >
          {(w) => <input {...w} value={form.minAvailable} onChange={(e) => change({ minAvailable: e.target.value })} />}
        </Field>
        <Field
          id="type-max-unavailable"
          label="Disruption budget: at most unavailable"
          help="A count or a percentage"
          problem={problem('/defaults/disruptionBudget/maxUnavailable')}
        >
          {(w) => (
            <input {...w} value={form.maxUnavailable} onChange={(e) => change({ maxUnavailable: e.target.value })} />
          )}
        </Field>
      </div>
    </div>
  );
}

export function NamespaceFields({ form, change, problem }: Props) {
  const setRow = (i: number, patch: Partial<{ key: string; value: string }>) =>
    change({ quota: form.quota.map((q, j) => (j === i ? { ...q, ...patch } : q)) });
  const lr = form.limitRange;
  return (
    <div className="card">
      <h2>Namespace quota and limits</h2>
      <fieldset className="admin-plain">
        <legend className="admin-legend">ResourceQuota of each namespace</legend>
        <p className="muted">
          {form.quota.length === 0 ? 'No quota: environments may take what the cluster has. ' : ''}Resources as a
          ResourceQuota names them: requests.cpu, requests.memory, limits.memory, pods…
        </p>
        {problem('/quota') && <div className="field-error">{problem('/quota')}</div>}
        <ul className="admin-rows">
          {form.quota.map((q, i) => {
            const at = `/quota/${pointerSegment(q.key.trim())}`;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place while typing
              <li key={i} className="admin-row">
                <Field id={`quota-key-${i}`} label="Resource">
                  {(w) => <input {...w} value={q.key} onChange={(e) => setRow(i, { key: e.target.value })} />}
                </Field>
                <Field id={`quota-value-${i}`} label="Hard limit" problem={q.key.trim() ? problem(at) : undefined}>
                  {(w) => <input {...w} value={q.value} onChange={(e) => setRow(i, { value: e.target.value })} />}
                </Field>
                <button type="button" onClick={() => change({ quota: form.quota.filter((_, j) => j !== i) })}>
                  Remove<span className="visually-hidden"> quota {q.key || `row ${i + 1}`}</span>
                </button>
              </li>
            );
          })}
        </ul>
        <button type="button" onClick={() => change({ quota: [...form.quota, { key: '', value: '' }] })}>
          Add a quota limit
        </button>
      </fieldset>
      <h3>LimitRange of each container</h3>
      <p className="muted">
        For containers that state no resources of their own (a Helm chart's init container, a debug pod).
      </p>
      <div className="admin-grid-wide">
        <AmountFields
          id="lr-default-request"
          legend="Default request"
          value={lr.defaultRequest}
          onChange={(defaultRequest) => change({ limitRange: { ...lr, defaultRequest } })}
          path="/limits/defaultRequest"
          problem={problem}
        />
        <AmountFields
          id="lr-default"
          legend="Default limit"
          value={lr.default}
          onChange={(d) => change({ limitRange: { ...lr, default: d } })}
          path="/limits/default"
          problem={problem}
        />
        <AmountFields
          id="lr-max"
          legend="Maximum"
          value={lr.max}
          onChange={(max) => change({ limitRange: { ...lr, max } })}
          path="/limits/max"
          problem={problem}
        />
      </div>
    </div>
  );
}

export function GuardrailFields({ form, change, problem }: Props) {
  const types = useEnvironmentTypes();
  const policies = usePolicies();
  const provisioners = useProvisioners();
  const names = types.data?.policies ?? form.policies;
  const describe = (name: string) => policies.data?.items.find((p) => p.name === name)?.description;
  const own = (provisioners.data?.items ?? []).filter((p) => p.source === 'configuration');
  const toggle = (list: string[], item: string, on: boolean) => (on ? [...list, item] : list.filter((x) => x !== item));
  return (
    <div className="card">
      <h2>Guardrails</h2>
      <fieldset className="admin-plain">
        <legend className="admin-legend">Policies every release must pass</legend>
        <ul className="admin-checks">
          {names.map((name, i) => (
            <li key={name}>
              <label className="inline" htmlFor={`policy-${name}`}>
                <input
                  id={`policy-${name}`}
                  type="checkbox"
                  checked={form.policies.includes(name)}
                  onChange={(e) => change({ policies: toggle(form.policies, name, e.target.checked) })}
                />
                <code>{name}</code>
              </label>
              {describe(name) && <div className="field-help">{describe(name)}</div>}
              {problem(`/policies/${i}`) && <div className="field-error">{problem(`/policies/${i}`)}</div>}
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="field">
        <label className="inline">
          <input
            type="checkbox"
            checked={form.requiresApproval}
            onChange={(e) => change({ requiresApproval: e.target.checked })}
          />
          Releases need approval by a second person
        </label>
      </div>
      <div className="admin-grid">
        <Field
          id="type-approval-ttl"
          label="Approval waits (seconds)"
          help={
            Number(form.approvalTtlSeconds) > 0
              ? `${duration(Number(form.approvalTtlSeconds))}, then the release expires`
              : undefined
          }
          problem={problem('/approvalTtlSeconds')}
        >
          {(w) => (
            <input
              {...w}
              type="number"
              min={60}
              value={form.approvalTtlSeconds}
              onChange={(e) => change({ approvalTtlSeconds: e.target.value })}
            />
          )}
        </Field>
        <RoleSelect
          id="type-deploy-role"
          label="Least role to deploy"
          value={form.deploy}
          onChange={(deploy) => change({ deploy })}
          problem={problem('/access/deploy')}
          unset="Default (developer)"
        />
        <RoleSelect
          id="type-approve-role"
          label="Least role to approve"
          value={form.approve}
          onChange={(approve) => change({ approve })}
          problem={problem('/access/approve')}
          unset="Default (maintainer)"
        />
      </div>
      <h3>Lifetime</h3>
      <div className="field">
        <label className="inline">
          <input type="checkbox" checked={form.ephemeral} onChange={(e) => change({ ephemeral: e.target.checked })} />
          Environments of this type are ephemeral: delete them after a while
        </label>
      </div>
      {form.ephemeral && (
        <Field
          id="type-ttl"
          label="Delete after (seconds)"
          help={Number(form.ttlSeconds) > 0 ? duration(Number(form.ttlSeconds)) : undefined}
          problem={problem('/ttlSeconds')}
        >
          {(w) => (
            <input
              {...w}
              type="number"
              min={60}
              value={form.ttlSeconds}
              onChange={(e) => change({ ttlSeconds: e.target.value })}
            />
          )}
        </Field>
      )}
      <h3>Provisioners</h3>
      <p className="muted">Built-in provisioners are always available; this limits the platform's own ones.</p>
      <div className="field">
        <label className="inline">
          <input
            type="checkbox"
            checked={form.limitProvisioners}
            onChange={(e) => change({ limitProvisioners: e.target.checked })}
          />
          Only some of the platform's provisioners
        </label>
      </div>
      {form.limitProvisioners &&
        (own.length === 0 ? (
          <p className="muted">
            The platform defines no provisioners of its own (provisioners.files in the configuration).
          </p>
        ) : (
          <fieldset className="admin-plain">
            <legend className="admin-legend">Allowed provisioners</legend>
            <ul className="admin-checks">
              {own.map((p) => (
                <li key={p.id}>
                  <label className="inline">
                    <input
                      type="checkbox"
                      checked={form.provisioners.includes(p.id)}
                      onChange={(e) => change({ provisioners: toggle(form.provisioners, p.id, e.target.checked) })}
                    />
                    <code>{p.id}</code> <span className="muted">({p.match.type})</span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        ))}
    </div>
  );
}
