import { Link } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { EmptyState, Loading, TimeAgo } from '../../components/Page';
import { StatusBadge } from '../../components/StatusBadge';
import { Table } from '../../components/Table';
import type { ReleaseView } from './queries';

/** The services deployed in the environment: each one's newest release and how it is doing. */
export function EnvironmentServices({
  releases,
  error,
  pending,
  environment,
  paused,
}: {
  releases: readonly ReleaseView[];
  error: unknown;
  pending: boolean;
  environment: string;
  /** Paused: the releases keep their verdict, but nothing runs. */
  paused: boolean;
}) {
  return (
    <section aria-labelledby="env-services-title">
      <h2 id="env-services-title">Services</h2>
      <ErrorNotice error={error} title="The releases could not be read" />
      {pending && <Loading what="services" />}
      {(releases.length > 0 || (!pending && !error)) && (
        <Table
          caption={`Services deployed in ${environment}`}
          columns={['Service', 'Release', 'Status', 'Image', 'Deployed']}
          items={releases}
          empty={
            <EmptyState title="Nothing is deployed here yet">
              Deploy with <code>slipway deploy --env {environment}</code>, or from a service’s page.
            </EmptyState>
          }
        >
          {(r) => (
            <tr key={r.id} data-service={r.service}>
              <td>
                <Link to={`/services/${encodeURIComponent(r.service)}`}>{r.service}</Link>
              </td>
              <td>#{r.number}</td>
              <td>
                <StatusBadge status={r.status} />
                {paused && (
                  <>
                    {' '}
                    <StatusBadge status="paused" label="scaled to zero" />
                  </>
                )}
                {r.message && <div className="muted env-release-message">{r.message}</div>}
              </td>
              <td>{r.image ? <code className="env-image">{r.image}</code> : <span className="muted">—</span>}</td>
              <td>
                <TimeAgo at={r.createdAt} /> <span className="muted">by {r.createdBy}</span>
              </td>
            </tr>
          )}
        </Table>
      )}
    </section>
  );
}
