import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { api, call, fieldProblem } from '../api/client';
import { sessionKey, signIn } from '../api/session';
import { ErrorNotice } from '../components/ErrorNotice';

/** Username and password, or the organisation's single sign-on when OIDC is configured. */
export function SignInPage() {
  const queryClient = useQueryClient();
  const methods = useQuery({ queryKey: ['auth-methods'], queryFn: () => call(api.GET('/api/v1/auth/methods')) });
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = 'Sign in · Slipway';
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username, password);
      await queryClient.invalidateQueries({ queryKey: sessionKey });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const returnTo = `${location.pathname}${location.search}`;
  return (
    <main id="main" className="sign-in">
      <form
        className="card stack"
        onSubmit={submit}
        aria-labelledby="sign-in-title"
        style={{ width: 'min(380px, 92vw)' }}
      >
        <h1 id="sign-in-title" className="row">
          <img src="/favicon.svg" alt="" width={30} height={30} /> Sign in to Slipway
        </h1>
        <ErrorNotice error={error} title="Could not sign in" />
        {methods.data?.password !== false && (
          <>
            <div>
              <label htmlFor="username">Username</label>
              <input
                id="username"
                name="username"
                autoComplete="username"
                required
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                aria-invalid={fieldProblem(error, '/username') ? true : undefined}
              />
            </div>
            <div>
              <label htmlFor="password">Password</label>
              <input
                id="password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </div>
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Signing in…' : 'Sign in'}
            </button>
          </>
        )}
        {methods.data?.oidc && (
          <a className="button" href={`${methods.data.oidc.loginUrl}?returnTo=${encodeURIComponent(returnTo)}`}>
            Sign in with single sign-on
          </a>
        )}
      </form>
    </main>
  );
}
