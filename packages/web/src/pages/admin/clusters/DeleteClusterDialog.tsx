import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../../api/client';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { clusterKeys } from '../../../queries/clusters';
import { useEnvironments } from '../../../queries/environments';
import { listWords } from '../common';

/**
 * Asks before unregistering a cluster, naming the environments that live on it: the API
 * refuses while one is live, and the person should know that before they click.
 */
export function DeleteClusterDialog({ name, onClose }: { name: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const environments = useEnvironments();
  const remove = useMutation({
    mutationFn: () => call(api.DELETE('/api/v1/clusters/{name}', { params: { path: { name } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: clusterKeys.all });
      onClose();
    },
  });
  const on = (environments.data?.items ?? []).filter((e) => e.cluster === name && e.status !== 'deleted');
  return (
    <ConfirmDialog
      open
      title={`Delete cluster ${name}?`}
      confirmLabel="Delete cluster"
      danger
      busy={remove.isPending}
      onConfirm={() => remove.mutate()}
      onCancel={onClose}
    >
      <p>Slipway forgets the cluster and deletes its stored credentials. Nothing on the cluster itself is removed.</p>
      {environments.isPending ? (
        <p className="muted">Looking for environments on it…</p>
      ) : on.length > 0 ? (
        <p className="notice warn">
          {on.length === 1 ? '1 environment lives' : `${on.length} environments live`} on it:{' '}
          <strong>{listWords(on.map((e) => e.name))}</strong>. Delete or move them first; until then the cluster cannot
          be deleted.
        </p>
      ) : (
        <p>No environment depends on it.</p>
      )}
      <ErrorNotice error={remove.error} title="The cluster was not deleted" />
    </ConfirmDialog>
  );
}
