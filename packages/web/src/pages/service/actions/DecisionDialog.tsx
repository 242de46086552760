/**
 * Approves or rejects a release waiting for approval (POST /releases/{id}/approve|reject).
 * Approving lets it roll out at once. The person who asked for it may not approve it: the
 * dialog says so up front, and the API's refusal is shown in its words if they try.
 */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call, fieldProblem } from '../../../api/client';
import { useSession } from '../../../api/session';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Field } from '../../../components/Field';
import { TimeAgo } from '../../../components/Page';
import { useServiceContext } from '../context';
import { type Release, shortCommit } from '../model';
import { useRefreshService } from '../queries';

export function DecisionDialog({
  decision,
  release,
  onCancel,
  onDone,
}: {
  decision: 'approve' | 'reject';
  release: Release;
  onCancel: () => void;
  onDone: (outcome: string, environment?: string) => void;
}) {
  const ctx = useServiceContext();
  const session = useSession();
  const refresh = useRefreshService(ctx.service);
  const [comment, setComment] = useState('');
  const summary = ctx.summaries.find((s) => s.environment === release.environment);
  const current = summary?.current ?? null;
  const source = release.promotedFrom
    ? ctx.summaries.flatMap((s) => s.history).find((r) => r.id === release.promotedFrom)
    : undefined;
  const mine = release.createdBy === session.user.username;
  const act = useMutation({
    mutationFn: () => {
      const options = { params: { path: { id: release.id } }, body: comment.trim() ? { comment: comment.trim() } : {} };
      return call(
        decision === 'approve'
          ? api.POST('/api/v1/releases/{id}/approve', options)
          : api.POST('/api/v1/releases/{id}/reject', options),
      );
    },
    onSuccess: ({ release: r }) => {
      refresh();
      onDone(
        decision === 'approve'
          ? `You approved release #${r.number} of ${ctx.service} in ${r.environment}: it rolls out now.`
          : `You rejected release #${r.number} of ${ctx.service} in ${r.environment}; it will not be applied.`,
        r.environment,
      );
    },
  });
  const verb = decision === 'approve' ? 'Approve' : 'Reject';
  return (
    <ConfirmDialog
      open
      danger={decision === 'reject'}
      title={`${verb} release #${release.number} of ${ctx.service} in ${release.environment}`}
      confirmLabel={decision === 'approve' ? `Approve and roll out #${release.number}` : `Reject #${release.number}`}
      busy={act.isPending}
      onConfirm={() => act.mutate()}
      onCancel={onCancel}
    >
      <div className="what-changes" data-testid="what-changes">
        <strong>{decision === 'approve' ? 'What will change' : 'What is being asked'}</strong>
        <p>
          {release.createdBy} asked <TimeAgo at={release.createdAt} /> to roll out image{' '}
          <code>{release.image ?? '—'}</code>
          {release.commit && (
            <>
              {' '}
              (commit <code>{shortCommit(release.commit)}</code>)
            </>
          )}{' '}
          to <strong>{release.environment}</strong>
          {source && (
            <>
              , promoted from {source.environment} release #{source.number}
            </>
          )}
          {current ? (
            <>
              , replacing release #{current.number} (<code>{current.image ?? '—'}</code>).
            </>
          ) : (
            <>: the first release of {ctx.service} there.</>
          )}
        </p>
        {release.reason && <p>Their reason: “{release.reason}”</p>}
        <p className="small">
          {decision === 'approve'
            ? 'Approving applies it at once.'
            : 'Rejecting keeps what runs now; the release stays in the history as rejected.'}
          {release.approvalExpiresAt && (
            <>
              {' '}
              Unanswered, the request lapses <TimeAgo at={release.approvalExpiresAt} />.
            </>
          )}
        </p>
      </div>
      {mine && decision === 'approve' && (
        <p className="notice warn">You asked for this release yourself: approvals take a second person.</p>
      )}
      <Field id="decision-comment" label="Comment (optional)" problem={fieldProblem(act.error, '/comment')}>
        {(w) => <input {...w} value={comment} onChange={(e) => setComment(e.target.value)} />}
      </Field>
      <ErrorNotice
        error={act.error}
        title={decision === 'approve' ? 'The approval was refused' : 'The rejection was refused'}
      />
    </ConfirmDialog>
  );
}
