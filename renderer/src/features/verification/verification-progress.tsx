import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { VerificationProgress } from '../../../../shared/contract/schemas/verification.ts';
import { formatBytes, formatCount, progressPercent } from './progress-format.ts';

/** The running job: bytes hashed of the total, the file being hashed, and Cancel. */
export function VerificationProgressView({
  progress,
  cancelling,
  onCancel,
}: {
  progress: VerificationProgress | null;
  cancelling: boolean;
  onCancel: () => void;
}) {
  const percent = progress ? progressPercent(progress) : 0;
  return (
    <Paper variant="outlined" sx={{ p: 2, mt: 3 }} aria-busy="true">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1 }}>
        <Typography variant="subtitle1" component="h3" sx={{ flex: 1, fontWeight: 600 }}>
          {cancelling ? 'Cancelling…' : 'Verifying…'}
        </Typography>
        <Button color="inherit" variant="outlined" onClick={onCancel} disabled={cancelling}>
          Cancel
        </Button>
      </Box>
      <LinearProgress
        variant={progress ? 'determinate' : 'indeterminate'}
        value={percent}
        aria-label="Verification progress"
      />
      <Box role="status" aria-live="polite" sx={{ mt: 1 }}>
        {progress ? (
          <>
            <Typography variant="body2">
              {formatBytes(progress.bytesDone)} of {formatBytes(progress.bytesTotal)} hashed ({Math.floor(percent)}%) ·{' '}
              {formatCount(progress.filesDone)} of {formatCount(progress.filesTotal)} files
            </Typography>
            {progress.currentFile && (
              <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
                Now hashing <code>{progress.currentFile}</code>
              </Typography>
            )}
          </>
        ) : (
          <Typography variant="body2" color="text.secondary">
            Reading the signature and listing the model&apos;s files…
          </Typography>
        )}
      </Box>
    </Paper>
  );
}
