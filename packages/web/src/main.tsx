import './styles/tokens.css';
import './styles/base.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { SlipwayError } from './api/client';
import { SessionProvider, sessionKey, useSessionQuery } from './api/session';
import { routes } from './app/routes';
import { applyTheme, savedTheme } from './app/theme';
import { ErrorNotice } from './components/ErrorNotice';
import { Loading } from './components/Page';
import { SignInPage } from './pages/SignInPage';

applyTheme(savedTheme());

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A refusal (4xx) will not change by asking again; a network blip might.
      retry: (count, error) => count < 2 && !(error instanceof SlipwayError && error.status < 500),
    },
  },
});

// A session that ends while the app is open (expired, signed out elsewhere) brings back the
// sign-in form instead of a page of errors.
queryClient.getQueryCache().subscribe((event) => {
  const error = event.query.state.error;
  if (error instanceof SlipwayError && error.code === 'unauthenticated' && event.query.queryKey[0] !== sessionKey[0]) {
    void queryClient.invalidateQueries({ queryKey: sessionKey });
  }
});

const router = createBrowserRouter(routes);

/** Signed in: the app. Not signed in: the sign-in form, at whatever address was asked for. */
function App() {
  const session = useSessionQuery();
  if (session.isPending) return <Loading what="Slipway" />;
  if (session.error) return <ErrorNotice error={session.error} title="Slipway could not be reached" />;
  if (!session.data) return <SignInPage />;
  return (
    <SessionProvider value={session.data}>
      <Suspense fallback={<Loading what="the page" />}>
        <RouterProvider router={router} />
      </Suspense>
    </SessionProvider>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
