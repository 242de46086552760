import { Link } from 'react-router';
import { EmptyState, TimeAgo } from '../../components/Page';
import { StatusBadge } from '../../components/StatusBadge';
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
      {loading ? null : releases.length === 0 ? (
        <EmptyState title="No deployments yet">Each deploy, promotion and rollback shows here.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="recent">
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Environment</th>
                <th scope="col">Release</th>
                <th scope="col">Status</th>
                <th scope="col">By</th>
                <th scope="col">When</th>
              </tr>
            </thead>
            <tbody>
              {releases.map((r) => (
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
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
