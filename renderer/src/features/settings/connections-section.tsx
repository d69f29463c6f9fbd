import AddIcon from '@mui/icons-material/Add';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { Connection } from '../../../../shared/contract/schemas/connections.ts';
import { useConnections } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { ConnectionDialog } from './connection-dialog.tsx';
import { ConnectionRow } from './connection-row.tsx';
import { RemoveConnectionDialog } from './remove-connection-dialog.tsx';

type Editing = { mode: 'add' } | { mode: 'edit'; connection: Connection } | null;

/** Settings → Connections: the profiles, and adding, editing, testing and removing them. */
export function ConnectionsSection() {
  const connections = useConnections();
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<Connection | null>(null);
  const list = connections.data ?? [];

  return (
    <Box component="section" aria-labelledby="connections-heading">
      <Box sx={{ display: 'flex', alignItems: 'center', mb: 1.5 }}>
        <Typography id="connections-heading" variant="h5" component="h2" sx={{ flex: 1 }}>
          Connections
        </Typography>
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing({ mode: 'add' })}>
          Add connection
        </Button>
      </Box>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        Model registries and monitoring servers Countersign reads from. Passwords and tokens are kept in your operating
        system&apos;s keychain.
      </Typography>
      {connections.isPending && <LinearProgress aria-label="Loading connections" />}
      {connections.isError && <ErrorAlert error={connections.error} title="The connections could not be loaded." />}
      {connections.isSuccess && list.length === 0 && (
        <Paper variant="outlined" sx={{ p: 3, textAlign: 'center' }}>
          <Typography>
            No connections yet — add your MLflow registry, a workspace folder, or your Prometheus and Alertmanager
            servers.
          </Typography>
        </Paper>
      )}
      {list.length > 0 && (
        <TableContainer component={Paper} variant="outlined">
          <Table aria-labelledby="connections-heading" size="small">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>Kind</TableCell>
                <TableCell>URL or folder</TableCell>
                <TableCell>Authentication</TableCell>
                <TableCell align="right">Actions</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {list.map((c) => (
                <ConnectionRow
                  key={c.id}
                  connection={c}
                  onEdit={() => setEditing({ mode: 'edit', connection: c })}
                  onRemove={() => setRemoving(c)}
                />
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {editing && (
        <ConnectionDialog
          connection={editing.mode === 'edit' ? editing.connection : null}
          all={list}
          onClose={() => setEditing(null)}
        />
      )}
      {removing && <RemoveConnectionDialog connection={removing} onClose={() => setRemoving(null)} />}
    </Box>
  );
}
