import { useMutation } from '@tanstack/react-query';
import { api, call } from '../../../api/client';
import { ErrorNotice } from '../../../components/ErrorNotice';

/** Walks the whole hash chain on the server and says, in words, whether it is intact. */
export function VerifyChain() {
  const verify = useMutation({ mutationFn: () => call(api.GET('/api/v1/audit/verify')) });
  const result = verify.data;
  return (
    <div className="row admin-verify">
      <button type="button" onClick={() => verify.mutate()} disabled={verify.isPending}>
        {verify.isPending ? 'Verifying…' : 'Verify chain'}
      </button>
      <div role="status" aria-live="polite" className="admin-verify-result">
        {result?.ok && (
          <p className="notice ok" data-testid="verify-result">
            <strong>The audit chain is intact.</strong> All {result.checked} entries check out: none was edited, removed
            or reordered.
          </p>
        )}
        {result && !result.ok && (
          <p className="notice bad" data-testid="verify-result">
            <strong>The audit chain is broken.</strong>{' '}
            {result.broken
              ? `At entry #${result.broken.seq}: ${result.broken.reason}.`
              : 'An entry was edited, removed or reordered.'}{' '}
            {result.checked} entries were checked before it.
          </p>
        )}
      </div>
      <ErrorNotice error={verify.error} title="The chain could not be verified" />
    </div>
  );
}
