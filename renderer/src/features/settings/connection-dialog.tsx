import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useId, useMemo, useState, type FormEvent } from 'react';
import type { Connection, ConnectionKind } from '../../../../shared/contract/schemas/connections.ts';
import { useSaveConnection } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import {
  AUTH_LABELS,
  KIND_OPTIONS,
  connectionFormContext,
  connectionFormFrom,
  connectionWarnings,
  emptyConnectionForm,
  secretReentryReason,
  secretRequired,
  locationField,
  toConnectionDraft,
  usesLocalPath,
  validateConnectionForm,
  type AuthType,
  type ConnectionField,
  type ConnectionFormValues,
} from './connection-form.ts';

/**
 * Add or edit a connection profile. Mount it only while open (the parent does), so its
 * state, and the secret typed into it, ends with it.
 */
export function ConnectionDialog({
  connection,
  all,
  onClose,
}: {
  /** The profile to edit, or null to add one. */
  connection: Connection | null;
  all: readonly Connection[];
  onClose: () => void;
}) {
  const [values, setValues] = useState<ConnectionFormValues>(() =>
    connection ? connectionFormFrom(connection) : emptyConnectionForm(),
  );
  const [touched, setTouched] = useState<Partial<Record<ConnectionField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const { save, pending, error } = useSaveConnection();
  const ctx = useMemo(() => connectionFormContext(connection, all), [connection, all]);
  const errors = validateConnectionForm(values, ctx);
  const warnings = connectionWarnings(values);
  const show = (field: ConnectionField) => (submitted || touched[field] ? errors[field] : undefined);
  const titleId = useId();

  const set = <K extends keyof ConnectionFormValues>(key: K, value: ConnectionFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const blur = (field: ConnectionField) => () => setTouched((t) => ({ ...t, [field]: true }));

  // A workspace folder and a trusted root file are local: no sign-in section.
  const local = usesLocalPath(values.kind);
  const location = locationField(values.kind);
  const auth: AuthType = local ? 'none' : values.authType;
  const secretWord = auth === 'basic' ? 'password' : 'token';
  const keeping = ctx.hasStoredSecret && !values.removeSecret && !secretRequired(values, ctx);
  // A stored secret is only kept for the server and sign-in it was saved for; the main
  // process refuses anything else, so the form says why before the user hits that.
  const reentry = secretReentryReason(values, ctx);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(errors).length > 0) return;
    const draft = toConnectionDraft(values, ctx);
    // --- Security: the secret leaves renderer state as soon as it is handed to main.
    setValues((v) => ({ ...v, secret: '' }));
    const saved = await save(draft);
    if (saved) onClose();
  }

  return (
    <Dialog open onClose={pending ? undefined : onClose} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={titleId}>
        <DialogTitle id={titleId}>
          {connection ? `Edit connection “${connection.name}”` : 'Add a connection'}
        </DialogTitle>
        <DialogContent>
          <Stack spacing={2.5} sx={{ pt: 1 }}>
            <TextField
              label="Name"
              value={values.name}
              onChange={(e) => set('name', e.target.value)}
              onBlur={blur('name')}
              error={show('name') !== undefined}
              helperText={show('name') ?? 'How this connection is shown in Countersign.'}
              required
              autoFocus
              slotProps={{ htmlInput: { maxLength: 80 } }}
            />
            <TextField
              select
              label="Kind"
              value={values.kind}
              onChange={(e) => set('kind', e.target.value as ConnectionKind)}
              helperText="What this connection points at."
            >
              {KIND_OPTIONS.map((o) => (
                <MenuItem key={o.kind} value={o.kind}>
                  {o.label}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              label={location.label}
              value={values.url}
              onChange={(e) => set('url', e.target.value)}
              onBlur={blur('url')}
              error={show('url') !== undefined}
              helperText={show('url') ?? location.helper}
              required
              slotProps={{ htmlInput: { spellCheck: false, autoCapitalize: 'off', autoCorrect: 'off' } }}
            />
            {!local && (
              <FormControl>
                <FormLabel id={`${titleId}-auth`}>Authentication</FormLabel>
                <RadioGroup
                  row
                  aria-labelledby={`${titleId}-auth`}
                  value={values.authType}
                  onChange={(e) => set('authType', e.target.value as AuthType)}
                >
                  {(Object.keys(AUTH_LABELS) as AuthType[]).map((a) => (
                    <FormControlLabel key={a} value={a} control={<Radio />} label={AUTH_LABELS[a]} />
                  ))}
                </RadioGroup>
              </FormControl>
            )}
            {auth === 'basic' && (
              <TextField
                label="Username"
                value={values.username}
                onChange={(e) => set('username', e.target.value)}
                onBlur={blur('username')}
                error={show('username') !== undefined}
                helperText={show('username')}
                required
                autoComplete="off"
                slotProps={{ htmlInput: { spellCheck: false, autoCapitalize: 'off' } }}
              />
            )}
            {auth !== 'none' && (
              <TextField
                label={auth === 'basic' ? 'Password' : 'Token'}
                type="password"
                value={values.secret}
                onChange={(e) => set('secret', e.target.value)}
                onBlur={blur('secret')}
                disabled={values.removeSecret}
                error={show('secret') !== undefined}
                placeholder={keeping ? 'Stored in keychain — leave blank to keep' : undefined}
                helperText={
                  show('secret') ??
                  (keeping
                    ? `Stored in keychain — leave blank to keep the current ${secretWord}.`
                    : values.removeSecret
                      ? `The stored ${secretWord} will be deleted; this connection cannot sign in until you enter a new one.`
                      : (reentry ?? `Kept in your operating system's keychain, never in Countersign's files.`))
                }
                required={secretRequired(values, ctx)}
                autoComplete="new-password"
              />
            )}
            {ctx.hasStoredSecret && auth !== 'none' && (
              <FormControlLabel
                control={
                  <Checkbox
                    checked={values.removeSecret}
                    onChange={(e) => setValues((v) => ({ ...v, removeSecret: e.target.checked, secret: '' }))}
                  />
                }
                label={`Remove the stored ${secretWord} from the keychain`}
              />
            )}
            {ctx.hasStoredSecret && auth === 'none' && (
              <Alert severity="info">The secret stored for this connection will be deleted from the keychain.</Alert>
            )}
            {warnings.map((w) => (
              <Alert key={w} severity="warning">
                {w}
              </Alert>
            ))}
            {error !== null && <ErrorAlert error={error} title="The connection was not saved." />}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" loading={pending}>
            {connection ? 'Save changes' : 'Add connection'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
