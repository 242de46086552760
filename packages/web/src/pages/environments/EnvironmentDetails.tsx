import type { ReactNode } from 'react';
import { TimeAgo } from '../../components/Page';
import { StatusBadge } from '../../components/StatusBadge';
import { Table } from '../../components/Table';
import { flatten } from './format';
import { Origin } from './Origin';
import type { EnvironmentView } from './queries';

/** What the environment is: its place, its owner, its lifetime and where it came from. */
export function EnvironmentDetails({ env }: { env: EnvironmentView }) {
  const rows: Array<[string, ReactNode]> = [
    ['Status', <StatusBadge key="s" status={env.status} />],
    ['Type', env.type],
    ['Cluster', env.cluster],
    ['Namespace', <code key="n">{env.namespace}</code>],
    ['Owner', env.owner ?? 'Shared (the platform’s)'],
    ['Domain', env.domain ?? '—'],
    [
      'Routes',
      env.routeKind === 'HTTPRoute'
        ? `HTTPRoute${env.gateway ? ` via ${env.gateway.name}` : ''}`
        : `Ingress${env.ingressClassName ? ` (${env.ingressClassName})` : ''}`,
    ],
    ['Expires', env.expiresAt ? <TimeAgo key="e" at={env.expiresAt} /> : 'Never'],
    ['Origin', <Origin key="o" origin={env.origin} />],
    [
      'Created',
      <span key="c">
        <TimeAgo at={env.createdAt} /> by {env.createdBy}
      </span>,
    ],
  ];
  return (
    <section aria-labelledby="env-details-title" className="card">
      <h2 id="env-details-title">Details</h2>
      <dl className="env-facts">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The pause/resume schedule, in the environment's time zone. */
export function EnvironmentSchedule({ env }: { env: EnvironmentView }) {
  return (
    <section aria-labelledby="env-schedule-title" className="card">
      <h2 id="env-schedule-title">Schedule</h2>
      {env.schedule ? (
        <dl className="env-facts">
          <div>
            <dt>Pauses at</dt>
            <dd>
              <code>{env.schedule.pause}</code>
            </dd>
          </div>
          <div>
            <dt>Resumes at</dt>
            <dd>
              <code>{env.schedule.resume}</code>
            </dd>
          </div>
          <div>
            <dt>Time zone</dt>
            <dd>{env.schedule.timezone}</dd>
          </div>
        </dl>
      ) : (
        <p className="muted">No schedule: it runs until someone pauses it.</p>
      )}
    </section>
  );
}

/** The settings services get here: the type's defaults, with this environment's overrides marked. */
export function EnvironmentDefaults({ env }: { env: EnvironmentView }) {
  const overridden = new Set(flatten(env.overrides).map(([k]) => k));
  const rows = flatten(env.defaults);
  return (
    <section aria-labelledby="env-defaults-title" className="card">
      <h2 id="env-defaults-title">Defaults for services</h2>
      <p className="muted">From type {env.type}; settings changed for this environment are marked.</p>
      <Table
        caption="Defaults and overrides"
        className="env-defaults"
        wrap={false}
        columns={['Setting', 'Value']}
        items={rows}
        empty="The type sets no defaults."
      >
        {([key, value]) => (
          <tr key={key}>
            <th scope="row" className="mono">
              {key}
            </th>
            <td>
              <code>{value}</code> {overridden.has(key) && <span className="badge warn">overridden here</span>}
            </td>
          </tr>
        )}
      </Table>
    </section>
  );
}
