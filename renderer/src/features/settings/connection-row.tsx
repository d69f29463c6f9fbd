import KeyIcon from '@mui/icons-material/Key';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { Connection } from '../../../../shared/contract/schemas/connections.ts';
import { useTestConnection } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { AUTH_LABELS, kindLabel } from './connection-form.ts';

function authSummary(connection: Connection): string {
  return connection.auth.type === 'basic'
    ? `${AUTH_LABELS.basic} (${connection.auth.username})`
    : AUTH_LABELS[connection.auth.type];
}

/** One profile in the list, with Test, Edit and Remove; the test's outcome shows under it. */
export function ConnectionRow({
  connection,
  onEdit,
  onRemove,
}: {
  connection: Connection;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const test = useTestConnection();
  const outcome = test.isPending ? null : test.isSuccess || test.isError ? test : null;
  return (
    <>
      <TableRow sx={outcome ? { '& > td, & > th': { borderBottom: 'none' } } : undefined}>
        <TableCell component="th" scope="row">
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            {connection.name}
          </Typography>
        </TableCell>
        <TableCell>{kindLabel(connection.kind)}</TableCell>
        <TableCell sx={{ overflowWrap: 'anywhere', minWidth: 200 }}>
          <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
            {connection.url}
          </Typography>
        </TableCell>
        <TableCell>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
            <span>{authSummary(connection)}</span>
            {connection.hasSecret && (
              <Chip
                size="small"
                icon={<KeyIcon />}
                label="Secret stored in keychain"
                variant="outlined"
                color="success"
              />
            )}
          </Stack>
        </TableCell>
        <TableCell align="right">
          <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
            <Button
              size="small"
              loading={test.isPending}
              onClick={() => test.mutate(connection.id)}
              aria-label={`Test ${connection.name}`}
            >
              Test
            </Button>
            <Button size="small" onClick={onEdit} aria-label={`Edit ${connection.name}`}>
              Edit
            </Button>
            <Button size="small" color="error" onClick={onRemove} aria-label={`Remove ${connection.name}`}>
              Remove
            </Button>
          </Stack>
        </TableCell>
      </TableRow>
      {outcome && (
        <TableRow>
          <TableCell colSpan={5} sx={{ pt: 0 }}>
            <Box role="status" aria-live="polite">
              {test.isSuccess && (
                <Alert severity="success" onClose={() => test.reset()}>
                  Reached {connection.name} in {Math.round(test.data.latencyMs)} ms
                  {test.data.serverVersion ? ` — server version ${test.data.serverVersion}` : ''}. {test.data.detail}
                </Alert>
              )}
              {test.isError && (
                <ErrorAlert
                  error={test.error}
                  title={`Could not reach ${connection.name}.`}
                  action={
                    <Button color="inherit" size="small" onClick={() => test.reset()}>
                      Dismiss
                    </Button>
                  }
                />
              )}
            </Box>
          </TableCell>
        </TableRow>
      )}
    </>
  );
}
