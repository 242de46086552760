import { TimeAgo } from '../../components/Page';
import { useServiceContext } from './context';
import { shortImage } from './model';

/** Releases of the service waiting for approval, on every tab but Overview (its matrix has them). */
export function PendingBanner() {
  const ctx = useServiceContext();
  const pending = ctx.summaries.flatMap((s) => s.pending);
  if (pending.length === 0) return null;
  return (
    <section className="notice warn" aria-label="Waiting for approval">
      <ul className="plain stack tight">
        {pending.map((r) => (
          <li key={r.id} className="row pending-row">
            <span>
              <strong>
                Release #{r.number} to {r.environment} is waiting for approval
              </strong>{' '}
              — <span className="mono">{shortImage(r.image)}</span>, asked by {r.createdBy} <TimeAgo at={r.createdAt} />
              {r.approvalExpiresAt && (
                <>
                  , lapses <TimeAgo at={r.approvalExpiresAt} />
                </>
              )}
              .
            </span>
            <span className="row">
              <button type="button" className="primary" onClick={() => ctx.act({ kind: 'approve', release: r })}>
                Approve #{r.number}…
              </button>
              <button type="button" className="danger" onClick={() => ctx.act({ kind: 'reject', release: r })}>
                Reject…
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
