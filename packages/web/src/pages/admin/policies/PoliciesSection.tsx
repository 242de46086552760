/**
 * The guardrails in force: the policies releases are checked against (and which environment
 * types enforce each), approvals and roles per environment type, and deploy freezes that have
 * not ended. Built-in policies are attached to environment types, so each type links to its
 * editor; CEL policies carry their own match and are listed beside them.
 */
import { Link } from 'react-router';
import { Loading, PageHeader, TimeAgo } from '../../../components/Page';
import { StatusBadge } from '../../../components/StatusBadge';
import { Table } from '../../../components/Table';
import { usePolicies } from '../../../queries/policies';
import { duration, SectionError } from '../common';

type Guardrails = NonNullable<ReturnType<typeof usePolicies>['data']>;

export function PoliciesSection() {
  const policies = usePolicies();
  return (
    <section>
      <PageHeader
        title="Policies"
        summary="What every release is checked against before it reaches an environment. Policies are switched on per environment type."
      />
      {policies.isPending && <Loading what="policies" />}
      {policies.error && <SectionError error={policies.error} what="the policies" />}
      {policies.data && (
        <>
          <PolicyTable data={policies.data} />
          <CelPolicyTable data={policies.data} />
          <TypeGuardrails data={policies.data} />
          <Freezes data={policies.data} />
        </>
      )}
    </section>
  );
}

function TypeLink({ name }: { name: string }) {
  return <Link to={`/admin/environment-types/${name}`}>{name}</Link>;
}

function PolicyTable({ data }: { data: Guardrails }) {
  return (
    <section aria-labelledby="policies-list">
      <h2 id="policies-list">Policies</h2>
      <Table
        caption="Policies and the environment types that enforce them"
        columns={['Policy', 'What it checks', 'When a release breaks it', 'Enforced in']}
        items={data.items}
        empty="No policies are defined."
      >
        {(p) => (
          <tr key={p.name} data-testid={`policy-${p.name}`}>
            <th scope="row" className="admin-nowrap">
              <code>{p.name}</code>
            </th>
            <td>{p.description}</td>
            <td className="muted">{p.remedy ? `Fix: ${p.remedy}` : ''}</td>
            <td>
              {p.environmentTypes.length === 0 ? (
                <span className="muted">Not enforced</span>
              ) : (
                <ul className="admin-tags">
                  {p.environmentTypes.map((t) => (
                    <li key={t}>
                      <TypeLink name={t} />
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        )}
      </Table>
    </section>
  );
}

/** Where a CEL policy applies, in words: its match lists, or everywhere. */
function applies(match: Guardrails['celPolicies'][number]['match']): string {
  const parts = [
    match.environmentTypes.length ? `types ${match.environmentTypes.join(', ')}` : '',
    match.teams.length ? `teams ${match.teams.join(', ')}` : '',
    match.services.length ? `services ${match.services.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'Everywhere';
}

const severityLabel = { enforce: 'refuses', warn: 'warns', audit: 'records' } as const;

/** The platform's own policies in CEL (docs/cel.md); written with `slipway policy apply`. */
function CelPolicyTable({ data }: { data: Guardrails }) {
  return (
    <section aria-labelledby="policies-cel">
      <h2 id="policies-cel">CEL policies</h2>
      <p className="muted small">
        Written by platform engineers in CEL and checked at every deploy and promotion where they apply. Manage them
        with <code>slipway policy apply -f FILE</code>; try one first with <code>slipway policy dry-run</code>.
      </p>
      <Table
        caption="CEL policies, what breaking them does, and where they apply"
        columns={['Policy', 'Expression', 'When a release breaks it', 'Applies to']}
        items={data.celPolicies}
        empty="No CEL policies yet."
      >
        {(p) => (
          <tr key={p.name} data-testid={`cel-policy-${p.name}`}>
            <th scope="row" className="admin-nowrap">
              <code>{p.name}</code>
            </th>
            <td>
              <code>{p.expression}</code>
            </td>
            <td>
              <StatusBadge
                status={p.severity === 'enforce' ? 'failed' : 'paused'}
                label={severityLabel[p.severity as keyof typeof severityLabel] ?? p.severity}
              />
              {p.remedy && <span className="muted"> Fix: {p.remedy}</span>}
            </td>
            <td>{applies(p.match)}</td>
          </tr>
        )}
      </Table>
    </section>
  );
}

function TypeGuardrails({ data }: { data: Guardrails }) {
  return (
    <section aria-labelledby="policies-types">
      <h2 id="policies-types">Per environment type</h2>
      <Table
        caption="Guardrails per environment type"
        columns={['Environment type', 'Policies', 'Approval', 'Deploys · approves', 'Quota', 'Lifetime']}
        items={data.environmentTypes}
        empty="No environment types yet."
      >
        {(t) => (
          <tr key={t.name}>
            <th scope="row">
              <TypeLink name={t.name} />
            </th>
            <td>{t.policies.length ? t.policies.join(', ') : <span className="muted">none</span>}</td>
            <td>
              {t.requiresApproval ? (
                `A second person, within ${duration(t.approvalTtlSeconds)}`
              ) : (
                <span className="muted">Not needed</span>
              )}
            </td>
            <td>
              {t.access.deploy} · {t.access.approve}
            </td>
            <td>{t.quota ? 'Yes' : <span className="muted">None</span>}</td>
            <td>
              {t.ttlSeconds ? `Deleted after ${duration(t.ttlSeconds)}` : <span className="muted">Long-lived</span>}
            </td>
          </tr>
        )}
      </Table>
    </section>
  );
}

function Freezes({ data }: { data: Guardrails }) {
  return (
    <section aria-labelledby="policies-freezes">
      <h2 id="policies-freezes">Deploy freezes</h2>
      {data.freezes.length === 0 ? (
        <p className="muted">No deploy freeze is in force or scheduled.</p>
      ) : (
        <ul className="stack admin-list">
          {data.freezes.map((f) => (
            <li key={f.name} className="card">
              <div className="row">
                <strong>{f.name}</strong>
                <StatusBadge
                  status={f.mode === 'block' ? 'failed' : 'paused'}
                  label={f.mode === 'block' ? 'blocks deploys' : 'warns on deploys'}
                />
                <span className="badge">{f.active ? 'in force' : 'scheduled'}</span>
              </div>
              {f.reason && <p>{f.reason}</p>}
              <p className="muted small">
                {f.active ? 'Ends' : 'Starts'} <TimeAgo at={f.active ? f.endsAt : f.startsAt} /> · covers{' '}
                {f.environmentTypes.length === 0 && f.environments.length === 0
                  ? 'every environment'
                  : [...f.environmentTypes.map((t) => `type ${t}`), ...f.environments].join(', ')}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
