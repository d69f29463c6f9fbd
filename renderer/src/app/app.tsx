import Alert from '@mui/material/Alert';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import useMediaQuery from '@mui/material/useMediaQuery';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { CountersignApi } from '../../../shared/contract/api.ts';
import { ApiProvider } from '../api/api-context.tsx';
import { codeOf } from '../api/countersign-error.ts';
import { useContractInvalidation, useSettings } from '../api/queries.ts';
import type { SessionStatus } from '../api/session-status.ts';
import { ModelsPage } from '../features/models/models-page.tsx';
import { NotBuiltYetPage } from '../features/placeholders/not-built-yet-page.tsx';
import { PLANNED_PAGES } from '../features/placeholders/planned-pages.ts';
import { SettingsPage } from '../features/settings/settings-page.tsx';
import { AppShell } from './app-shell.tsx';
import { useHashRoute, type Route } from './hash-router.ts';
import { SessionExpiredScreen } from './startup-screens.tsx';
import { buildTheme, resolveMode } from './theme.ts';
import { PageHeader } from '../components/page-header.tsx';

/** Codes worth a second try: the peer may simply not have been up yet. */
const TRANSIENT = new Set(['NOT_AVAILABLE', 'CONNECTION_UNREACHABLE', 'REGISTRY_UNREACHABLE']);

/** The app's query client: no retries of definite answers, no refetch on window focus. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (count, error) => count < 2 && TRANSIENT.has(codeOf(error)),
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

function Page({ route }: { route: Route }) {
  switch (route.section) {
    case 'models':
      return <ModelsPage />;
    case 'settings':
      return <SettingsPage />;
    case 'inbox':
    case 'monitors':
    case 'incidents':
    case 'audit':
      return <NotBuiltYetPage {...PLANNED_PAGES[route.section]} />;
    case 'not-found':
      return (
        <>
          <PageHeader title="Page not found" summary="There is no page at this address." />
          <Alert severity="warning">Choose a section on the left.</Alert>
        </>
      );
  }
}

/** Applies the theme preference (or the OS's) to everything below it. */
function Themed({ children }: { children: ReactNode }) {
  const settings = useSettings();
  const prefersDark = useMediaQuery('(prefers-color-scheme: dark)', { noSsr: true });
  const mode = resolveMode(settings.data?.preferences.theme ?? 'system', prefersDark);
  const theme = useMemo(() => buildTheme(mode), [mode]);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline enableColorScheme />
      {children}
    </ThemeProvider>
  );
}

function Routed({ banner }: { banner?: ReactNode }) {
  const { route, navigate } = useHashRoute();
  useContractInvalidation();
  return (
    <AppShell current={route.section === 'not-found' ? null : route.section} onNavigate={navigate} banner={banner}>
      <Page route={route} />
    </AppShell>
  );
}

const noSession: SessionStatus['subscribe'] = () => () => {};

/** The whole app over a given API. `session` is the preview transport's status, if any. */
export function App({
  api,
  session,
  queryClient,
}: {
  api: CountersignApi;
  session?: SessionStatus;
  queryClient?: QueryClient;
}) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  const snapshot = useSyncExternalStore(
    session?.subscribe ?? noSession,
    () => session?.get() ?? null,
    () => session?.get() ?? null,
  );
  const banner =
    snapshot?.stream === 'failed' ? (
      <Alert severity="warning" sx={{ mb: 2 }}>
        Live updates from the preview server stopped. Reload the page to reconnect.
      </Alert>
    ) : undefined;
  return (
    <ApiProvider api={api}>
      <QueryClientProvider client={client}>
        <Themed>{snapshot?.expired ? <SessionExpiredScreen /> : <Routed banner={banner} />}</Themed>
      </QueryClientProvider>
    </ApiProvider>
  );
}
