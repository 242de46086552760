/**
 * Rolls an environment back (POST /releases/{id}/rollback): a new release with exactly the
 * objects of an earlier healthy one. The dialog names the release it leaves and the one it
 * returns to, with their images.
 */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call, fieldProblem } from '../../../api/client';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Field } from '../../../components/Field';
import { useServiceContext } from '../context';
import { type Release, rollbackTarget, shortImage } from '../model';
import { useRefreshService } from '../queries';

export function RollbackDialog({
  environment,
  target: given,
  onCancel,
  onDone,
}: {
  environment: string;
  target: Release | undefined;
  onCancel: () => void;
  onDone: (outcome: string, environment?: string) => void;
}) {
  const ctx = useServiceContext();
  const refresh = useRefreshService(ctx.service);
  const summary = ctx.summaries.find((s) => s.environment === environment);
  const target = given ?? (summary ? rollbackTarget(summary) : null);
  const current = summary?.current ?? null;
  const [reason, setReason] = useState('');
  const rollback = useMutation({
    mutationFn: (id: string) =>
      call(
        api.POST('/api/v1/releases/{id}/rollback', {
          params: { path: { id } },
          body: reason.trim() ? { reason: reason.trim() } : {},
        }),
      ),
    onSuccess: ({ release }) => {
      refresh();
      onDone(
        `Rolled ${ctx.service} in ${environment} back to #${target?.number} (${shortImage(release.image)}) as release #${release.number}.`,
        environment,
      );
    },
  });
  return (
    <ConfirmDialog
      open
      danger
      title={`Roll back ${ctx.service} in ${environment}`}
      confirmLabel={target ? `Roll back to #${target.number}` : 'Roll back'}
      busy={rollback.isPending || !target}
      onConfirm={() => target && rollback.mutate(target.id)}
      onCancel={onCancel}
    >
      {target ? (
        <div className="what-changes" data-testid="what-changes">
          <strong>What will change</strong>
          <p>
            {current ? (
              <>
                {ctx.service} in {environment} leaves release #{current.number} (<code>{current.image ?? '—'}</code>,{' '}
                {current.status.replace(/_/g, ' ')})
              </>
            ) : (
              <>
                {ctx.service} in {environment}
              </>
            )}{' '}
            and returns to <strong>release #{target.number}</strong> — image <code>{target.image ?? '—'}</code>
            {target.commit ? (
              <>
                , commit <code>{target.commit.slice(0, 12)}</code>
              </>
            ) : null}
            .
          </p>
          <p className="small">
            A new release is made with exactly the objects of #{target.number} as they were applied then. It was healthy
            here, so it needs no approval.
          </p>
        </div>
      ) : (
        <p>
          There is no earlier healthy release of {ctx.service} in {environment} to go back to.
        </p>
      )}
      <Field id="rollback-reason" label="Reason (optional)" problem={fieldProblem(rollback.error, '/reason')}>
        {(w) => <input {...w} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <ErrorNotice error={rollback.error} title="The rollback was refused" />
    </ConfirmDialog>
  );
}
