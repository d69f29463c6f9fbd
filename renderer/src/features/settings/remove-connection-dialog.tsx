import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import { useId } from 'react';
import type { Connection } from '../../../../shared/contract/schemas/connections.ts';
import { useRemoveConnection } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';

/** Asks before removing a profile, and says that its stored secret goes too. */
export function RemoveConnectionDialog({ connection, onClose }: { connection: Connection; onClose: () => void }) {
  const remove = useRemoveConnection();
  const titleId = useId();
  const descId = useId();
  return (
    <Dialog
      open
      onClose={remove.isPending ? undefined : onClose}
      aria-labelledby={titleId}
      aria-describedby={descId}
      role="alertdialog"
    >
      <DialogTitle id={titleId}>Remove “{connection.name}”?</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <DialogContentText id={descId}>
            Countersign will forget this connection
            {connection.hasSecret ? ' and delete its password or token from the keychain' : ''}. Nothing on the server
            itself is changed.
          </DialogContentText>
          {remove.isError && <ErrorAlert error={remove.error} title="The connection was not removed." />}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={remove.isPending} autoFocus>
          Keep it
        </Button>
        <Button
          color="error"
          variant="contained"
          loading={remove.isPending}
          onClick={() => remove.mutate(connection.id, { onSuccess: onClose })}
        >
          Remove
        </Button>
      </DialogActions>
    </Dialog>
  );
}
