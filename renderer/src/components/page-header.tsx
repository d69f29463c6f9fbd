import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

/** A page's one h1 and its one-line purpose. */
export function PageHeader({ title, summary, actions }: { title: string; summary?: string; actions?: ReactNode }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 2, mb: 3 }}>
      <Box sx={{ flex: 1 }}>
        <Typography variant="h4" component="h1" sx={{ fontWeight: 600 }}>
          {title}
        </Typography>
        {summary && (
          <Typography variant="body1" color="text.secondary" sx={{ mt: 0.5 }}>
            {summary}
          </Typography>
        )}
      </Box>
      {actions}
    </Box>
  );
}
