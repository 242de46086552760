/**
 * Registers a cluster with a pasted kubeconfig, or with a ServiceAccount token and the API
 * server's address. The server checks the credentials against the cluster before storing
 * them, and says which field is wrong (`/kubeconfig`, `/server`, `/name`).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, call, fieldProblem, SlipwayError } from '../../../api/client';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Field } from '../../../components/Field';
import { clusterKeys } from '../../../queries/clusters';

type Mode = 'kubeconfig' | 'token';

const tokenFields = ['/server', '/token', '/caData', '/insecureSkipTlsVerify'];

/**
 * The body is one of two shapes (anyOf), so a mistake in one shape comes back with complaints
 * about the other too ("server is required", "kubeconfig is not a known field"). Only what
 * concerns the shape this form sent is kept, once each.
 */
function forMode(error: unknown, mode: Mode): unknown {
  if (!(error instanceof SlipwayError) || !error.fields) return error;
  const other = (path: string) => (mode === 'kubeconfig' ? tokenFields.includes(path) : path === '/kubeconfig');
  const seen = new Set<string>();
  const fields = error.fields.filter((f) => {
    const key = `${f.path} ${f.message}`;
    if (other(f.path) || f.message === 'is not a known field' || /anyOf/.test(f.message) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (fields.length === 0) return error;
  return new SlipwayError(error.code, error.message, { fields, ...(error.hint ? { hint: error.hint } : {}) });
}

export function RegisterClusterForm({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<Mode>('kubeconfig');
  const [name, setName] = useState('');
  const [kubeconfig, setKubeconfig] = useState('');
  const [server, setServer] = useState('');
  const [token, setToken] = useState('');
  const [caData, setCaData] = useState('');
  const [insecure, setInsecure] = useState(false);
  const register = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/clusters', {
          body:
            mode === 'kubeconfig'
              ? { name, kubeconfig }
              : {
                  name,
                  server,
                  token,
                  ...(caData.trim() ? { caData: caData.trim() } : {}),
                  ...(insecure ? { insecureSkipTlsVerify: true } : {}),
                },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: clusterKeys.all });
      onDone();
    },
  });
  const error = forMode(register.error, mode);
  const problem = (path: string) => fieldProblem(error, path);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate();
  };
  return (
    <form className="card admin-form" onSubmit={submit} aria-labelledby="register-cluster-title">
      <h2 id="register-cluster-title">Register a cluster</h2>
      <Field id="cluster-name" label="Name" help="A DNS label, e.g. eu-prod-1" problem={problem('/name')}>
        {(w) => <input {...w} value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off" />}
      </Field>
      <fieldset className="admin-choice">
        <legend>Credentials</legend>
        <label className="inline">
          <input type="radio" name="mode" checked={mode === 'kubeconfig'} onChange={() => setMode('kubeconfig')} />A
          kubeconfig
        </label>
        <label className="inline">
          <input type="radio" name="mode" checked={mode === 'token'} onChange={() => setMode('token')} />A
          ServiceAccount token
        </label>
      </fieldset>
      {mode === 'kubeconfig' ? (
        <Field
          id="cluster-kubeconfig"
          label="Kubeconfig"
          help={
            <>
              Its current context is used. Certificates must be inline:{' '}
              <code>kubectl config view --minify --flatten</code> prints one that is.
            </>
          }
          problem={problem('/kubeconfig')}
        >
          {(w) => (
            <textarea
              {...w}
              className="mono"
              rows={10}
              spellCheck={false}
              value={kubeconfig}
              onChange={(e) => setKubeconfig(e.target.value)}
              required
            />
          )}
        </Field>
      ) : (
        <>
          <Field id="cluster-server" label="API server URL" help="https://…" problem={problem('/server')}>
            {(w) => <input {...w} type="url" value={server} onChange={(e) => setServer(e.target.value)} required />}
          </Field>
          <Field id="cluster-token" label="ServiceAccount token" problem={problem('/token')}>
            {(w) => (
              <input
                {...w}
                type="password"
                autoComplete="off"
                value={token}
                onChange={(e) => setToken(e.target.value)}
                required
              />
            )}
          </Field>
          <Field
            id="cluster-ca"
            label="CA certificate (base64)"
            help="The cluster's CA, base64 of the PEM, as in certificate-authority-data"
            problem={problem('/caData')}
          >
            {(w) => (
              <textarea
                {...w}
                className="mono"
                rows={3}
                spellCheck={false}
                value={caData}
                onChange={(e) => setCaData(e.target.value)}
              />
            )}
          </Field>
          <div className="field">
            <label className="inline">
              <input type="checkbox" checked={insecure} onChange={(e) => setInsecure(e.target.checked)} />
              Skip TLS verification (only for test clusters)
            </label>
          </div>
        </>
      )}
      <ErrorNotice error={error} title="The cluster was not registered" />
      <div className="row">
        <button type="submit" className="primary" disabled={register.isPending}>
          {register.isPending ? 'Checking the cluster…' : 'Register'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
