import { Link } from 'react-router';
import { TimeAgo } from '../../components/Page';
import { StatusBadge } from '../../components/StatusBadge';
import { type EnvironmentSummary, shortImage } from '../service/model';

/** A service and, per environment, the status of what runs there: health at a glance. */
export function ServiceCard({
  service,
  summaries,
}: {
  service: { name: string; owner: string | null };
  summaries: EnvironmentSummary[] | undefined;
}) {
  return (
    <article className="card service-card" data-service={service.name} aria-labelledby={`card-${service.name}`}>
      <header className="service-card-head">
        <h3 id={`card-${service.name}`}>
          <Link to={`/services/${service.name}`}>{service.name}</Link>
        </h3>
        <span className="muted small">{service.owner ? `team ${service.owner}` : 'platform'}</span>
      </header>
      {!summaries ? (
        <p className="muted small">Reading its environments…</p>
      ) : summaries.length === 0 ? (
        <p className="muted small">
          Not deployed yet. <Link to={`/services/${service.name}`}>Deploy it</Link>
        </p>
      ) : (
        <ul className="plain env-list">
          {summaries.map((s) => {
            const waiting = s.pending[0];
            return (
              <li key={s.environment} data-environment={s.environment}>
                <Link className="env-name" to={`/services/${service.name}/live?env=${s.environment}`}>
                  {s.environment}
                </Link>
                {s.current ? (
                  <>
                    <StatusBadge status={s.current.status} />
                    <span className="muted small env-when">
                      <TimeAgo at={s.current.createdAt} />
                    </span>
                    <span className="mono small env-image" title={s.current.image ?? undefined}>
                      #{s.current.number} {shortImage(s.current.image)}
                    </span>
                  </>
                ) : (
                  !waiting && <span className="muted small env-image">nothing running yet</span>
                )}
                {waiting && (
                  <span className="env-pending">
                    <StatusBadge status="pending_approval" label={`#${waiting.number} pending approval`} />
                    <span className="mono small">{shortImage(waiting.image)}</span>
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </article>
  );
}
