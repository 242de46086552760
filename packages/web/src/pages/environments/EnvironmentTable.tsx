import { Link } from 'react-router';
import { TimeAgo } from '../../components/Page';
import { StatusBadge } from '../../components/StatusBadge';
import { Table } from '../../components/Table';
import { Origin } from './Origin';
import type { EnvironmentView } from './queries';

/** Every environment: what it is, where it runs, who owns it, its state and lifetime. */
export function EnvironmentTable({ items }: { items: readonly EnvironmentView[] }) {
  return (
    <>
      <WideTable items={items} />
      <Cards items={items} />
    </>
  );
}

/** Wide screens: a table, one row each. */
function WideTable({ items }: { items: readonly EnvironmentView[] }) {
  return (
    <Table
      caption="Environments"
      className="env-table"
      wrapClassName="env-table-wrap"
      columns={['Name', 'Type', 'Cluster', 'Owner', 'Status', 'Expires', 'Origin']}
      items={items}
      empty={null}
    >
      {(env) => (
        <tr key={env.name} data-environment={env.name}>
          <th scope="row">
            <Link to={`/environments/${encodeURIComponent(env.name)}`}>{env.name}</Link>
            <div className="muted mono env-namespace">{env.namespace}</div>
          </th>
          <td>{env.type}</td>
          <td>{env.cluster}</td>
          <td>{env.owner ?? <span className="muted">shared</span>}</td>
          <td>
            <StatusBadge status={env.status} />
            {env.status === 'paused' && env.pausedAt && (
              <div className="muted env-since">
                since <TimeAgo at={env.pausedAt} />
              </div>
            )}
            {env.schedule && <div className="muted env-since">on a schedule</div>}
          </td>
          <td>{env.expiresAt ? <TimeAgo at={env.expiresAt} /> : <span className="muted">never</span>}</td>
          <td>
            <Origin origin={env.origin} />
          </td>
        </tr>
      )}
    </Table>
  );
}

/** Narrow screens (the table is hidden there): a card each, nothing scrolled out of sight. */
function Cards({ items }: { items: readonly EnvironmentView[] }) {
  return (
    <ul className="env-cards" aria-label="Environments">
      {items.map((env) => (
        <li key={env.name} className="card" data-environment={env.name}>
          <div className="env-card-head">
            <Link to={`/environments/${encodeURIComponent(env.name)}`}>{env.name}</Link>
            <StatusBadge status={env.status} />
          </div>
          <div className="muted">
            {env.type} on {env.cluster} · {env.owner ?? 'shared'}
            {env.schedule && ' · on a schedule'}
          </div>
          <div>Expires: {env.expiresAt ? <TimeAgo at={env.expiresAt} /> : <span className="muted">never</span>}</div>
          <Origin origin={env.origin} />
        </li>
      ))}
    </ul>
  );
}
