import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../../api/client';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { environmentTypeKeys } from '../../../queries/environment-types';
import { useEnvironments } from '../../../queries/environments';
import { listWords } from '../common';

/** Asks before deleting a type, naming the environments of that type (the API refuses while one is live). */
export function DeleteTypeDialog({
  name,
  onClose,
  onDeleted,
}: {
  name: string;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const queryClient = useQueryClient();
  const environments = useEnvironments();
  const remove = useMutation({
    mutationFn: () => call(api.DELETE('/api/v1/environment-types/{name}', { params: { path: { name } } })),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: environmentTypeKeys.one(name), exact: true });
      await queryClient.invalidateQueries({ queryKey: environmentTypeKeys.all });
      onDeleted();
    },
  });
  const ofType = (environments.data?.items ?? []).filter((e) => e.type === name && e.status !== 'deleted');
  return (
    <ConfirmDialog
      open
      title={`Delete environment type ${name}?`}
      confirmLabel="Delete type"
      danger
      busy={remove.isPending}
      onConfirm={() => remove.mutate()}
      onCancel={onClose}
    >
      <p>New environments can no longer be of this type. Its defaults, quota and policies are gone for good.</p>
      {environments.isPending ? (
        <p className="muted">Looking for environments of this type…</p>
      ) : ofType.length > 0 ? (
        <p className="notice warn">
          {ofType.length === 1 ? '1 environment is' : `${ofType.length} environments are`} of this type:{' '}
          <strong>{listWords(ofType.map((e) => e.name))}</strong>. It cannot be deleted until they are.
        </p>
      ) : (
        <p>No environment is of this type.</p>
      )}
      <ErrorNotice error={remove.error} title="The environment type was not deleted" />
    </ConfirmDialog>
  );
}
