import { Link } from 'react-router';
import { TimeAgo } from '../../components/Page';
import { StatusBadge } from '../../components/StatusBadge';
import { Origin } from './Origin';
import type { EnvironmentView } from './queries';

/** Every environment: what it is, where it runs, who owns it, its state and lifetime. */
export function EnvironmentTable({ items }: { items: readonly EnvironmentView[] }) {
  return (
    <>
      <Table items={items} />
      <Cards items={items} />
    </>
  );
}

/** Wide screens: a table, one row each. */
function Table({ items }: { items: readonly EnvironmentView[] }) {
  return (
    <div className="table-wrap env-table-wrap">
      <table className="env-table">
        <caption className="visually-hidden">Environments</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Cluster</th>
            <th scope="col">Owner</th>
            <th scope="col">Status</th>
            <th scope="col">Expires</th>
            <th scope="col">Origin</th>
          </tr>
        </thead>
        <tbody>
          {items.map((env) => (
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
          ))}
        </tbody>
      </table>
    </div>
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
