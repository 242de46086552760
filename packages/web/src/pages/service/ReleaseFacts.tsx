import { TimeAgo } from '../../components/Page';
import { StatusBadge } from '../../components/StatusBadge';
import { type Release, shortCommit, shortImage } from './model';

/** A release at a glance: number and status, image and commit, when and by whom. */
export function ReleaseFacts({ release, compact }: { release: Release; compact?: boolean }) {
  const commit = shortCommit(release.commit);
  return (
    <div className="release-facts" data-release={release.number} data-release-status={release.status}>
      <div className="row">
        <strong>#{release.number}</strong>
        <StatusBadge status={release.status} />
      </div>
      <div className="mono release-image" title={release.image ?? undefined}>
        {shortImage(release.image)}
      </div>
      {!compact && (
        <div className="muted small">
          {commit && (
            <>
              commit <code title={release.commit ?? undefined}>{commit}</code> ·{' '}
            </>
          )}
          <TimeAgo at={release.createdAt} /> by {release.createdBy}
        </div>
      )}
      {compact && (
        <div className="muted small">
          <TimeAgo at={release.createdAt} /> by {release.createdBy}
        </div>
      )}
    </div>
  );
}

/** What kind of release it is, in words: a rollback, a promotion, or a deploy. */
export function releaseOrigin(release: Release, all: readonly Release[]): string {
  if (release.rollbackOf) {
    const to = all.find((r) => r.id === release.rollbackOf);
    return to ? `Rollback to #${to.number}` : 'Rollback';
  }
  if (release.promotedFrom) {
    const from = all.find((r) => r.id === release.promotedFrom);
    return from ? `Promoted from ${from.environment} #${from.number}` : 'Promotion';
  }
  return 'Deploy';
}
