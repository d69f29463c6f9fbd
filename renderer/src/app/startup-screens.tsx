import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

function Screen({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 3 }}>
      <Paper variant="outlined" sx={{ p: 4, maxWidth: 620 }}>
        <Typography variant="h4" component="h1" sx={{ fontWeight: 600, mb: 2 }}>
          {title}
        </Typography>
        {children}
      </Paper>
    </Box>
  );
}

/** A plain browser opened without the preview's link: nothing can be reached. */
export function NoTokenScreen() {
  return (
    <Screen title="Open Countersign from its preview link">
      <Typography sx={{ mb: 2 }}>
        This page is Countersign&apos;s interface, but it was opened without the access token it needs, so it cannot
        reach anything.
      </Typography>
      <Typography sx={{ mb: 1 }}>To use it:</Typography>
      <Box component="ol" sx={{ mt: 0, pl: 3 }}>
        <li>
          <Typography>
            Start the desktop app, or run the preview server with <code>npm run preview</code>.
          </Typography>
        </li>
        <li>
          <Typography>
            Open the exact address it prints, which ends in <code>#token=…</code>.
          </Typography>
        </li>
      </Box>
    </Screen>
  );
}

/** The preview server answered 401: the token is wrong, or the server was restarted. */
export function SessionExpiredScreen() {
  return (
    <Screen title="This preview session has expired">
      <Typography sx={{ mb: 2 }}>
        This preview session has expired or the link lacks its token: open the URL the preview printed.
      </Typography>
      <Typography color="text.secondary">
        Each run of the preview server prints a new link with a new token; links from earlier runs stop working.
      </Typography>
    </Screen>
  );
}
