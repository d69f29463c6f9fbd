import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { FileStatus, ModelVerificationReport } from '../../../../shared/contract/schemas/verification.ts';
import { errorText } from '../../api/error-text.ts';
import { FileStatusChip, describeFileCount } from './file-status-chip.tsx';
import { formatBytes, formatCount, formatDuration } from './progress-format.ts';

const ANCHOR_WORDS = {
  identity: 'Keyless signature: an identity vouched for by an identity provider',
  'public-key': 'A public key named in the policy',
  'ca-chain': 'A certificate from a trusted certificate authority',
} as const;

/** Problems first, so a modified file is never below the fold of a thousand verified ones. */
const ORDER: Record<FileStatus, number> = { modified: 0, missing: 1, refused: 2, extra: 3, verified: 4 };
const MAX_ROWS = 500;

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <TableRow>
      <TableCell component="th" scope="row" sx={{ width: 180, color: 'text.secondary' }}>
        {label}
      </TableCell>
      <TableCell sx={{ overflowWrap: 'anywhere' }}>{children}</TableCell>
    </TableRow>
  );
}

/** The outcome: verified or not (in plain words), who signed, and every file's status. */
export function VerificationResult({ report }: { report: ModelVerificationReport }) {
  const files = [...report.files].sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.path.localeCompare(b.path));
  const counts = files.reduce<Partial<Record<FileStatus, number>>>((acc, f) => {
    acc[f.status] = (acc[f.status] ?? 0) + 1;
    return acc;
  }, {});
  const words = report.failure ? errorText(report.failure.code) : null;

  return (
    <Stack spacing={2} sx={{ mt: 3 }} component="section" aria-labelledby="verification-result-heading">
      <Typography id="verification-result-heading" variant="h6" component="h3">
        Result
      </Typography>
      {report.verified ? (
        <Alert severity="success" role="status">
          <AlertTitle>Verified</AlertTitle>
          Every file matches what was signed, and the signer is one the policy trusts.
        </Alert>
      ) : (
        <Alert severity="error" role="alert">
          <AlertTitle>Not verified</AlertTitle>
          <Typography variant="body2">{words?.title ?? 'The model could not be verified.'}</Typography>
          {words?.action && <Typography variant="body2">{words.action}</Typography>}
          {report.failure && (
            <Typography variant="caption" component="p" sx={{ mt: 0.5, overflowWrap: 'anywhere' }}>
              Details ({report.failure.code}): {report.failure.message}
            </Typography>
          )}
        </Alert>
      )}
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" aria-label="Signature details">
          <TableBody>
            <Fact label="Signed by">{report.signer?.subject ?? 'Unknown: the signature could not be read'}</Fact>
            {report.signer?.issuer && <Fact label="Identity issuer">{report.signer.issuer}</Fact>}
            {report.signer && <Fact label="Trusted through">{ANCHOR_WORDS[report.signer.mode]}</Fact>}
            {report.signer?.signedAt && (
              <Fact label="Signed at">{new Date(report.signer.signedAt).toLocaleString()}</Fact>
            )}
            {report.format && <Fact label="Signature format">{report.format}</Fact>}
            {report.hashAlgorithm && <Fact label="Hash algorithm">{report.hashAlgorithm}</Fact>}
            <Fact label="Checked">
              {formatBytes(report.bytesHashed)} in {formatDuration(report.durationMs)}
            </Fact>
          </TableBody>
        </Table>
      </TableContainer>
      {files.length > 0 && (
        <Box>
          <Typography
            variant="subtitle1"
            component="h4"
            id="verification-files-heading"
            sx={{ fontWeight: 600, mb: 1 }}
          >
            Files ({formatCount(files.length)})
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {(Object.keys(ORDER) as FileStatus[])
              .filter((s) => counts[s])
              .map((s) => describeFileCount(s, counts[s] ?? 0))
              .join('; ')}
            .
          </Typography>
          <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 480 }}>
            <Table size="small" stickyHeader aria-labelledby="verification-files-heading">
              <TableHead>
                <TableRow>
                  <TableCell>Path</TableCell>
                  <TableCell>Status</TableCell>
                  <TableCell>Reason</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {files.slice(0, MAX_ROWS).map((f) => (
                  <TableRow key={f.path}>
                    <TableCell sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>{f.path}</TableCell>
                    <TableCell>
                      <FileStatusChip status={f.status} />
                    </TableCell>
                    <TableCell>{f.reason ?? ''}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          {files.length > MAX_ROWS && (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              Showing the first {formatCount(MAX_ROWS)} of {formatCount(files.length)} files, problems first.
            </Typography>
          )}
        </Box>
      )}
    </Stack>
  );
}
