import { Link } from 'react-router';
import { isClone, isPreview, originOf } from './format';

/** Where an environment came from: the pull request of a preview, the environment it clones. */
export function Origin({ origin }: { origin: Record<string, unknown> | null }) {
  const o = originOf(origin);
  if (isPreview(o)) {
    return (
      <span className="env-origin">
        <span className="badge info">Preview</span>{' '}
        {o.url ? (
          <a
            href={o.url}
            target="_blank"
            rel="noreferrer"
            aria-label={`pull request #${o.number} of ${o.repository} (opens GitHub)`}
          >
            pull request #{o.number}
          </a>
        ) : (
          <span>pull request #{o.number}</span>
        )}
        <span className="muted"> · {o.repository}</span>
      </span>
    );
  }
  if (isClone(o)) {
    return (
      <span className="env-origin">
        Clone of <Link to={`/environments/${encodeURIComponent(o.from)}`}>{o.from}</Link>
      </span>
    );
  }
  return <span className="muted">Made by hand</span>;
}
