import { Link } from 'react-router';
import { StatusBadge } from '../../components/StatusBadge';
import { Table } from '../../components/Table';
import type { Deployments } from './catalog-api';

/** For a Component that Slipway deploys: each environment it runs in and the release there. */
export function EntityDeployments({ deployments }: { deployments: Deployments }) {
  const service = `/services/${encodeURIComponent(deployments.service)}`;
  return (
    <section className="card entity-card entity-wide" aria-labelledby="entity-deployments-title">
      <div className="entity-card-head">
        <h2 id="entity-deployments-title">Where it runs</h2>
        <Link to={service}>Service {deployments.service}</Link>
      </div>
      <Table
        caption={`Environments of service ${deployments.service}`}
        columns={['Environment', 'Type', 'Release', 'Status', 'Image']}
        items={deployments.environments}
        empty={
          <p className="muted">
            Service {deployments.service} has not been deployed yet. Deploy it with{' '}
            <code>slipway deploy --env ENVIRONMENT</code>.
          </p>
        }
      >
        {(env) => (
          <tr key={env.name}>
            <th scope="row">
              <Link to={`/environments/${encodeURIComponent(env.name)}`}>{env.name}</Link>
            </th>
            <td>{env.type}</td>
            <td>{env.current ? `#${env.current.number}` : <span className="muted">none running</span>}</td>
            <td>
              {env.current ? (
                <StatusBadge status={env.current.status} />
              ) : (
                <StatusBadge status="missing" label="not running" />
              )}
            </td>
            <td className="mono entity-image">{env.current?.image ?? <span className="muted">—</span>}</td>
          </tr>
        )}
      </Table>
    </section>
  );
}
