import { Link } from 'react-router';
import { TimeAgo } from '../../components/Page';
import { StatusBadge } from '../../components/StatusBadge';
import { type Release, shortImage } from '../service/model';

export type NeedsYouItem =
  | { kind: 'approve'; release: Release }
  | { kind: 'waiting'; release: Release }
  | { kind: 'broken'; release: Release; now: Release | null };

const order: Record<NeedsYouItem['kind'], number> = { broken: 0, approve: 1, waiting: 2 };

/**
 * What the person should look at first: releases they may approve, rollouts of their services
 * that failed or degraded, and their own releases waiting for someone else. Each links to the
 * service page where they can act.
 */
export function NeedsYou({ items, loading }: { items: NeedsYouItem[]; loading: boolean }) {
  const sorted = [...items].sort((a, b) => order[a.kind] - order[b.kind]);
  return (
    <section aria-labelledby="needs-title" className="needs-you">
      <h2 id="needs-title">
        Needs you{' '}
        {items.some((i) => i.kind !== 'waiting') && (
          <span className="badge warn">{items.filter((i) => i.kind !== 'waiting').length}</span>
        )}
      </h2>
      {loading ? null : sorted.length === 0 ? (
        <p className="card muted" data-empty>
          Nothing needs you right now: no release waits for your approval and none of your rollouts failed.
        </p>
      ) : (
        <ul className="plain stack tight">
          {sorted.map((item) => (
            <li key={`${item.kind}${item.release.id}`} className={`needs-item ${item.kind}`} data-needs={item.kind}>
              <Item item={item} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Item({ item }: { item: NeedsYouItem }) {
  const r = item.release;
  const to = `/services/${r.service}?env=${r.environment}`;
  const what = (
    <>
      <strong>
        {r.service} #{r.number}
      </strong>{' '}
      in {r.environment} — <span className="mono">{shortImage(r.image)}</span>
    </>
  );
  if (item.kind === 'approve') {
    return (
      <>
        <StatusBadge status="pending_approval" />
        <span className="needs-text">
          {what}, asked by {r.createdBy} <TimeAgo at={r.createdAt} />
          {r.approvalExpiresAt && (
            <>
              ; lapses <TimeAgo at={r.approvalExpiresAt} />
            </>
          )}
        </span>
        <Link className="button primary" to={to}>
          Review {r.service} #{r.number}
        </Link>
      </>
    );
  }
  if (item.kind === 'broken') {
    return (
      <>
        <StatusBadge status={r.status} />
        <span className="needs-text">
          {what}: {r.message}
          {item.now && item.now.id !== r.id && (
            <span className="muted">
              {' '}
              {item.now.createdBy === 'slipway' ? 'Slipway rolled back automatically: release' : 'Now running: release'}{' '}
              #{item.now.number} ({shortImage(item.now.image)}) is {item.now.status.replace(/_/g, ' ')}.
            </span>
          )}
        </span>
        <Link className="button" to={`/services/${r.service}/live?env=${r.environment}`}>
          Look at {r.service} in {r.environment}
        </Link>
      </>
    );
  }
  return (
    <>
      <StatusBadge status="pending_approval" label="waiting for someone else" />
      <span className="needs-text">
        {what}: you asked <TimeAgo at={r.createdAt} />; another person must approve it.
      </span>
      <Link className="button" to={to}>
        Open {r.service}
      </Link>
    </>
  );
}
