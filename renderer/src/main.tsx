import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { bootstrapApi, browserTokenEnvironment } from './api/bootstrap.ts';
import { createSessionStatus } from './api/session-status.ts';
import { App } from './app/app.tsx';
import { NoTokenScreen } from './app/startup-screens.tsx';
import { buildTheme } from './app/theme.ts';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

const session = createSessionStatus();
const boot = bootstrapApi(window, browserTokenEnvironment(), session);
const prefersDark = window.matchMedia('(prefers-color-scheme: dark)').matches;

createRoot(container).render(
  <StrictMode>
    {boot.kind === 'ready' ? (
      <App api={boot.api} session={session} />
    ) : (
      <ThemeProvider theme={buildTheme(prefersDark ? 'dark' : 'light')}>
        <CssBaseline enableColorScheme />
        <NoTokenScreen />
      </ThemeProvider>
    )}
  </StrictMode>,
);
