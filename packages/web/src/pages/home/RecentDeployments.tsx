import { Link } from 'react-router';
import { EmptyState, TimeAgo } from '../../components/Page';
import { StatusBadge } from '../../components/StatusBadge';
import { Table } from '../../components/Table';
import { type Release, shortImage } from '../service/model';

/** The newest releases of my services (or of all those I can see): who shipped what, where, when. */
export function RecentDeployments({
  releases,
  mine,
  loading,
}: {
  releases: Release[];
  mine: boolean;
  loading: boolean;
}) {
  return (
    <section aria-labelledby="recent-title">
      <h2 id="recent-title">Recent deployments{mine ? ' of your services' : ''}</h2>
      {loading ? null : (
        <Table
          caption={`Recent deployments${mine ? ' of your services' : ''}`}
          className="recent"
          columns={['Service', 'Environment', 'Release', 'Status', 'By', 'When']}
          items={releases}
          empty={<EmptyState title="No deployments yet">Each deploy, promotion and rollback shows here.</EmptyState>}
        >
          {(r) => (
            <tr key={r.id}>
              <td data-label="Service">
                <Link to={`/services/${r.service}/releases?env=${r.environment}`}>{r.service}</Link>
              </td>
              <td data-label="Environment">{r.environment}</td>
              <td data-label="Release">
                <span>
                  #{r.number} <span className="mono small">{shortImage(r.image)}</span>
                </span>
              </td>
              <td data-label="Status">
                <span>
                  <StatusBadge status={r.status} />
                </span>
              </td>
              <td data-label="By">{r.createdBy}</td>
              <td data-label="When">
                <TimeAgo at={r.createdAt} />
              </td>
            </tr>
          )}
        </Table>
      )}
    </section>
  );
}
