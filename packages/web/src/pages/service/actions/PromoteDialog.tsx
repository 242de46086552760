/**
 * Promotes a healthy release of one environment to another (POST /promotions). A dry run is
 * asked first, so the dialog shows exactly what moves: the release, its image and commit,
 * what it replaces in the target, the objects it changes, and whether approval is needed.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call, fieldProblem } from '../../../api/client';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Field } from '../../../components/Field';
import { Loading } from '../../../components/Page';
import { typeOf, useServiceContext } from '../context';
import { environmentOrder, shortCommit, shortImage } from '../model';
import { useRefreshService } from '../queries';

interface DiffCounts {
  added?: unknown[];
  removed?: unknown[];
  changed?: unknown[];
  unchanged?: number;
}

export function PromoteDialog({
  from: initialFrom,
  to: initialTo,
  onCancel,
  onDone,
}: {
  from: string | undefined;
  to: string | undefined;
  onCancel: () => void;
  onDone: (outcome: string, environment?: string) => void;
}) {
  const ctx = useServiceContext();
  const refresh = useRefreshService(ctx.service);
  const sources = ctx.summaries.filter((s) => s.lastHealthy);
  const [from, setFrom] = useState(
    sources.find((s) => s.environment === initialFrom)?.environment ?? sources[0]?.environment ?? '',
  );
  const healthy =
    ctx.summaries.find((s) => s.environment === from)?.history.filter((r) => r.status === 'healthy') ?? [];
  const [number, setNumber] = useState<number | undefined>(undefined);
  const targets = ctx.environments.filter((e) => e.name !== from && e.status !== 'deleted' && e.status !== 'deleting');
  // A natural next step: the first environment after `from` in the promotion order.
  const order = environmentOrder(ctx.environments);
  const next = targets.find((e) => order.indexOf(e.name) > order.indexOf(from)) ?? targets[0];
  const [to, setTo] = useState(initialTo ?? next?.name ?? '');
  const target = targets.some((e) => e.name === to) ? to : (next?.name ?? '');
  const [reason, setReason] = useState('');
  const body = {
    service: ctx.service,
    from,
    to: target,
    ...(number ? { number } : {}),
    ...(reason.trim() ? { reason: reason.trim() } : {}),
  };

  const preview = useQuery({
    queryKey: ['promotion-preview', ctx.service, from, target, number ?? 0],
    queryFn: () => call(api.POST('/api/v1/promotions', { body: { ...body, dryRun: true } })),
    enabled: !!from && !!target,
    retry: false,
    staleTime: 0,
  });
  const promote = useMutation({
    mutationFn: () => call(api.POST('/api/v1/promotions', { body })),
    onSuccess: (answer) => {
      refresh();
      if (!('release' in answer)) return;
      const r = answer.release;
      onDone(
        r.status === 'pending_approval'
          ? `Promoted to ${r.environment} as release #${r.number} (${shortImage(r.image)}): it is pending approval by someone other than you.`
          : `Promoted ${shortImage(r.image)} to ${r.environment} as release #${r.number}.`,
        r.environment,
      );
    },
  });
  const { requiresApproval, env } = typeOf(ctx, target);
  const source = preview.data?.source;
  const current = preview.data?.current;
  const diff = (preview.data?.diff ?? {}) as DiffCounts;

  return (
    <ConfirmDialog
      open
      title={`Promote ${ctx.service}`}
      confirmLabel={target ? `Promote to ${target}` : 'Promote'}
      busy={promote.isPending}
      onConfirm={() => promote.mutate()}
      onCancel={onCancel}
    >
      {sources.length === 0 ? (
        <p>{ctx.service} has no healthy release to promote yet.</p>
      ) : (
        <>
          <div className="two-fields">
            <Field id="promote-from" label="From" problem={fieldProblem(promote.error, '/from')}>
              {(w) => (
                <select
                  {...w}
                  value={from}
                  onChange={(e) => {
                    setFrom(e.target.value);
                    setNumber(undefined);
                  }}
                >
                  {sources.map((s) => (
                    <option key={s.environment} value={s.environment}>
                      {s.environment}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="promote-to" label="To" problem={fieldProblem(promote.error, '/to')}>
              {(w) => (
                <select {...w} value={target} onChange={(e) => setTo(e.target.value)}>
                  {targets.map((e) => (
                    <option key={e.name} value={e.name}>
                      {e.name} ({e.type})
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <Field id="promote-release" label="Release" problem={fieldProblem(promote.error, '/number')}>
            {(w) => (
              <select
                {...w}
                value={number ?? ''}
                onChange={(e) => setNumber(e.target.value ? Number(e.target.value) : undefined)}
              >
                <option value="">Newest healthy{healthy[0] ? ` (#${healthy[0].number})` : ''}</option>
                {healthy.map((r) => (
                  <option key={r.id} value={r.number}>
                    #{r.number} — {shortImage(r.image)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="promote-reason" label="Reason (optional)" problem={fieldProblem(promote.error, '/reason')}>
            {(w) => <input {...w} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <div className="what-changes" data-testid="what-changes">
            <strong>What will change</strong>
            {preview.isPending && <Loading what="what the promotion would change" />}
            <ErrorNotice error={preview.error} title="This promotion would be refused" />
            {source && (
              <>
                <p>
                  Release #{source.number} of {from} — image <code>{source.image ?? '—'}</code>
                  {source.commit && (
                    <>
                      , commit <code>{shortCommit(source.commit)}</code>
                    </>
                  )}{' '}
                  — goes to <strong>{target}</strong>
                  {current ? (
                    <>
                      , replacing its release #{current.number} (<code>{current.image ?? '—'}</code>).
                    </>
                  ) : (
                    <>, its first release of {ctx.service} there.</>
                  )}
                </p>
                <p className="small">
                  Objects: {diff.changed?.length ?? 0} changed, {diff.added?.length ?? 0} added,{' '}
                  {diff.removed?.length ?? 0} removed, {diff.unchanged ?? 0} unchanged (rendered with {target}'s
                  settings).
                </p>
                {requiresApproval ? (
                  <p>
                    <strong>Needs approval:</strong> {target} is a {env?.type} environment; the release waits as{' '}
                    <em>pending approval</em> until someone other than you approves it.
                  </p>
                ) : (
                  <p>No approval needed: it rolls out at once.</p>
                )}
              </>
            )}
          </div>
        </>
      )}
      <ErrorNotice error={promote.error} title="The promotion was refused" />
    </ConfirmDialog>
  );
}
