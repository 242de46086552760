/**
 * Pauses or resumes a whole environment (POST /environments/{name}/pause|resume). Pausing
 * reaches every service in it, not only this one: the dialog says so.
 */
import { useMutation } from '@tanstack/react-query';
import { api, call } from '../../../api/client';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { useServiceContext } from '../context';
import { useRefreshService } from '../queries';

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

export function PauseDialog({
  verb,
  environment,
  onCancel,
  onDone,
}: {
  verb: 'pause' | 'resume';
  environment: string;
  onCancel: () => void;
  onDone: (outcome: string, environment?: string) => void;
}) {
  const ctx = useServiceContext();
  const refresh = useRefreshService(ctx.service);
  const act = useMutation({
    mutationFn: () =>
      call(
        verb === 'pause'
          ? api.POST('/api/v1/environments/{name}/pause', { params: { path: { name: environment } } })
          : api.POST('/api/v1/environments/{name}/resume', { params: { path: { name: environment } } }),
      ),
    onSuccess: (answer) => {
      refresh();
      onDone(
        verb === 'pause'
          ? `Paused ${environment}: ${count(answer.scaledDown, 'workload')} scaled to zero, ${count(answer.suspended, 'CronJob')} suspended.`
          : `Resumed ${environment}: ${count(answer.scaledDown, 'workload')} scaled back up, ${count(answer.suspended, 'CronJob')} running again.`,
        environment,
      );
    },
  });
  return (
    <ConfirmDialog
      open
      danger={verb === 'pause'}
      title={`${verb === 'pause' ? 'Pause' : 'Resume'} environment ${environment}`}
      confirmLabel={verb === 'pause' ? `Pause ${environment}` : `Resume ${environment}`}
      busy={act.isPending}
      onConfirm={() => act.mutate()}
      onCancel={onCancel}
    >
      <div className="what-changes" data-testid="what-changes">
        <strong>What will change</strong>
        {verb === 'pause' ? (
          <p>
            Every Deployment and StatefulSet in {environment} scales to zero and its CronJobs are suspended — for{' '}
            <strong>every service in {environment}</strong>, not only {ctx.service}. Nothing is deleted; resuming brings
            them back as they were.
          </p>
        ) : (
          <p>
            Every workload in {environment} scales back to the replicas it had, and its CronJobs run again — for every
            service in {environment}.
          </p>
        )}
      </div>
      <ErrorNotice
        error={act.error}
        title={`The environment could not be ${verb === 'pause' ? 'paused' : 'resumed'}`}
      />
    </ConfirmDialog>
  );
}
