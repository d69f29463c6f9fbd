import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useAppInfo } from '../api/queries.ts';
import { ErrorAlert } from '../components/error-alert.tsx';

const TRANSPORT_WORDS = { electron: 'Desktop app', preview: 'Browser preview (development only)' } as const;

/** One row of the facts table: a row header and its value (`wrap` for long paths). */
function FactRow({ label, wrap = false, children }: { label: string; wrap?: boolean; children: ReactNode }) {
  return (
    <TableRow>
      <TableCell component="th" scope="row">
        {label}
      </TableCell>
      <TableCell {...(wrap ? { sx: { overflowWrap: 'anywhere' } } : {})}>{children}</TableCell>
    </TableRow>
  );
}

/** The About panel: what this build is and what it runs on, from `app:info`. */
export function AboutDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const info = useAppInfo(open);
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="about-title" maxWidth="sm" fullWidth>
      <DialogTitle id="about-title">About Countersign</DialogTitle>
      <DialogContent>
        {info.isPending && <LinearProgress aria-label="Loading version information" />}
        {info.isError && <ErrorAlert error={info.error} title="Version information could not be loaded." />}
        {info.data && (
          <>
            <Typography sx={{ mb: 2 }}>
              {info.data.name} {info.data.version}: a console for model governance, signature verification and signed
              approvals.
            </Typography>
            <Table size="small" aria-label="Versions">
              <TableBody>
                <FactRow label="Version">{info.data.version}</FactRow>
                <FactRow label="Running as">{TRANSPORT_WORDS[info.data.transport]}</FactRow>
                <FactRow label="Platform">{info.data.platform}</FactRow>
                {Object.entries(info.data.versions)
                  .sort(([a], [b]) => a.localeCompare(b))
                  .map(([name, version]) => (
                    <FactRow key={name} label={name}>
                      {version}
                    </FactRow>
                  ))}
                <FactRow label="Data folder" wrap>
                  {info.data.userDataDir}
                </FactRow>
              </TableBody>
            </Table>
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}
