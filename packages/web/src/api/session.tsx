/**
 * Who is signed in. The browser holds only the HttpOnly session cookie; the CSRF token that
 * goes with it is read back from GET /auth/session on every load, so a reload keeps the user
 * signed in without storing anything in JavaScript-readable storage.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { api, call, type Schemas, SlipwayError, setCsrfToken } from './client';

type WhoAmI = Awaited<ReturnType<typeof loadWhoAmI>>;

export interface Session {
  user: { id: string; username: string; displayName: string | null };
  access: WhoAmI['access'];
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

async function loadWhoAmI() {
  return call(api.GET('/api/v1/whoami'));
}

/** The current session, or null when nobody is signed in (the API answered 401). */
async function loadSession() {
  try {
    const session = await call(api.GET('/api/v1/auth/session'));
    setCsrfToken(session.csrfToken);
    const whoami = await loadWhoAmI();
    return { user: session.user, access: whoami.access };
  } catch (error) {
    if (error instanceof SlipwayError && error.code === 'unauthenticated') return null;
    throw error;
  }
}

export const sessionKey = ['session'] as const;

export function useSessionQuery() {
  return useQuery({ queryKey: sessionKey, queryFn: loadSession, staleTime: 60_000, retry: false });
}

/** Signs in with a username and password; the caller refetches the session afterwards. */
export async function signIn(username: string, password: string): Promise<void> {
  const session = await call(api.POST('/api/v1/auth/session', { body: { username, password } }));
  setCsrfToken(session.csrfToken);
}

export function SessionProvider({
  value,
  children,
}: {
  value: NonNullable<Awaited<ReturnType<typeof loadSession>>>;
  children: ReactNode;
}) {
  const queryClient = useQueryClient();
  const session = useMemo<Session>(
    () => ({
      ...value,
      signOut: async () => {
        await call(api.DELETE('/api/v1/auth/session')).catch(() => undefined);
        setCsrfToken(null);
        // Nothing the previous user saw may linger for the next one.
        queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
        queryClient.setQueryData(sessionKey, null);
      },
    }),
    [value, queryClient],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The signed-in user; only used below the app's sign-in gate. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession is used outside of a signed-in page');
  return session;
}

export type ServiceView = Schemas['ServiceView'];
