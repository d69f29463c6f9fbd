import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { describeError } from '../api/error-text.ts';

/**
 * Shows a failed call in plain words (from its code), what to do, and the technical
 * detail in small print for whoever the reader hands it to.
 */
export function ErrorAlert({ error, title, action }: { error: unknown; title?: string; action?: ReactNode }) {
  const words = describeError(error);
  return (
    <Alert severity="error" role="alert" action={action}>
      <AlertTitle>{title ?? words.title}</AlertTitle>
      {title !== undefined && <Typography variant="body2">{words.title}</Typography>}
      {words.action && <Typography variant="body2">{words.action}</Typography>}
      {words.detail && (
        <Typography variant="caption" component="p" sx={{ mt: 0.5, opacity: 0.85, overflowWrap: 'anywhere' }}>
          Details ({words.code}): {words.detail}
        </Typography>
      )}
    </Alert>
  );
}
