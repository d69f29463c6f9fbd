import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useId, useMemo, useState, type FormEvent } from 'react';
import type { VerificationProgress } from '../../../../shared/contract/schemas/verification.ts';
import { codeOf } from '../../api/countersign-error.ts';
import { useCancelVerification, useConnections, useContractEvent, useVerifyModel } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import {
  OTHER_ROOT_FILE,
  POLICY_LABELS,
  emptyVerificationForm,
  newJobId,
  toVerifyInput,
  trustedRootConnections,
  trustedRootOptions,
  validateVerificationForm,
  withModelPath,
  type PolicyMode,
  type VerificationField,
  type VerificationFormValues,
} from './verification-form.ts';
import { VerificationProgressView } from './verification-progress.tsx';
import { VerificationResult } from './verification-result.tsx';

type Job = { id: string; progress: VerificationProgress | null };

const mono = { htmlInput: { spellCheck: false, autoCapitalize: 'off', autoCorrect: 'off' } } as const;
const pem = { htmlInput: { spellCheck: false, style: { fontFamily: 'monospace', fontSize: 13 } } } as const;

/**
 * Verify a model folder against its OpenSSF model signature and a signer policy: re-hash
 * every file (with progress and Cancel), then show verified or not, who signed, and each
 * file's status. Used on the Models page now and by the review screen later.
 */
export function VerificationPanel({ initial }: { initial?: Partial<VerificationFormValues> }) {
  const [values, setValues] = useState<VerificationFormValues>(() => ({
    ...emptyVerificationForm(),
    // A path handed in without a choice is a typed file, not the public-good root.
    ...(initial?.trustedRootPath ? { trustedRootChoice: OTHER_ROOT_FILE } : {}),
    ...initial,
  }));
  const [touched, setTouched] = useState<Partial<Record<VerificationField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [job, setJob] = useState<Job | null>(null);
  const verify = useVerifyModel();
  const cancel = useCancelVerification();
  const id = useId();
  const connections = useConnections();
  const roots = useMemo(() => trustedRootConnections(connections.data ?? []), [connections.data]);

  useContractEvent('verification:progress', (message) => {
    setJob((current) => (current && current.id === message.jobId ? { ...current, progress: message } : current));
  });

  const errors = validateVerificationForm(values, roots);
  const show = (field: VerificationField) => (submitted || touched[field] ? errors[field] : undefined);
  const blur = (field: VerificationField) => () => setTouched((t) => ({ ...t, [field]: true }));
  const set = <K extends keyof VerificationFormValues>(key: K, value: VerificationFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const running = verify.isPending;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(errors).length > 0 || running) return;
    const jobId = newJobId();
    setJob({ id: jobId, progress: null });
    cancel.reset();
    verify.mutate(toVerifyInput(values, jobId, roots), { onSettled: () => setJob(null) });
  }

  const cancelled = verify.isError && codeOf(verify.error) === 'CANCELLED';

  return (
    <Paper variant="outlined" sx={{ p: 3 }} component="section" aria-labelledby={`${id}-heading`}>
      <Typography id={`${id}-heading`} variant="h5" component="h2" sx={{ mb: 0.5 }}>
        Verify a model
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2.5 }}>
        Re-hashes every file of a model folder on this computer and checks them, and the signature, against who the
        policy trusts to sign models.
      </Typography>
      <form onSubmit={onSubmit} noValidate aria-label="Verify a model">
        <Stack spacing={2.5}>
          <TextField
            label="Model folder"
            value={values.modelPath}
            onChange={(e) => setValues((v) => withModelPath(v, e.target.value))}
            onBlur={blur('modelPath')}
            error={show('modelPath') !== undefined}
            helperText={
              show('modelPath') ?? 'The folder holding the model files, for example /srv/models/fraud-scorer/14'
            }
            required
            disabled={running}
            slotProps={mono}
          />
          <TextField
            label="Signature file"
            value={values.signaturePath}
            onChange={(e) => setValues((v) => ({ ...v, signaturePath: e.target.value, signatureEdited: true }))}
            onBlur={blur('signaturePath')}
            error={show('signaturePath') !== undefined}
            helperText={show('signaturePath') ?? 'Defaults to model.sig inside the model folder.'}
            disabled={running}
            slotProps={mono}
          />
          <FormControl disabled={running}>
            <FormLabel id={`${id}-policy`}>Who may have signed</FormLabel>
            <RadioGroup
              aria-labelledby={`${id}-policy`}
              value={values.mode}
              onChange={(e) => set('mode', e.target.value as PolicyMode)}
            >
              {(Object.keys(POLICY_LABELS) as PolicyMode[]).map((m) => (
                <FormControlLabel key={m} value={m} control={<Radio />} label={POLICY_LABELS[m]} />
              ))}
            </RadioGroup>
          </FormControl>
          {values.mode === 'identity' && (
            <>
              <TextField
                label="Signer identity"
                value={values.identity}
                onChange={(e) => set('identity', e.target.value)}
                onBlur={blur('identity')}
                error={show('identity') !== undefined}
                helperText={
                  show('identity') ??
                  'The e-mail address or workload URL in the signing certificate, for example release@example.com'
                }
                required
                disabled={running}
                slotProps={mono}
              />
              <FormControlLabel
                control={
                  <Checkbox
                    checked={values.identityIsPattern}
                    onChange={(e) => set('identityIsPattern', e.target.checked)}
                    disabled={running}
                  />
                }
                label="The identity is a regular expression"
              />
              <TextField
                label="Identity issuer"
                value={values.issuer}
                onChange={(e) => set('issuer', e.target.value)}
                onBlur={blur('issuer')}
                error={show('issuer') !== undefined}
                helperText={
                  show('issuer') ??
                  'The identity provider, for example https://accounts.google.com or https://token.actions.githubusercontent.com'
                }
                required
                disabled={running}
                slotProps={mono}
              />
              <TextField
                select
                label="Trusted root"
                value={values.trustedRootChoice}
                onChange={(e) => set('trustedRootChoice', e.target.value)}
                error={values.trustedRootChoice !== OTHER_ROOT_FILE && show('trustedRootPath') !== undefined}
                helperText={
                  (values.trustedRootChoice !== OTHER_ROOT_FILE ? show('trustedRootPath') : undefined) ??
                  'Which Sigstore deployment issued the signing certificate. Add a private one under Settings → Connections.'
                }
                disabled={running}
              >
                {trustedRootOptions(roots).map((o) => (
                  <MenuItem key={o.value} value={o.value}>
                    {o.label}
                  </MenuItem>
                ))}
              </TextField>
              {values.trustedRootChoice === OTHER_ROOT_FILE && (
                <TextField
                  label="Trusted root file"
                  value={values.trustedRootPath}
                  onChange={(e) => set('trustedRootPath', e.target.value)}
                  onBlur={blur('trustedRootPath')}
                  error={show('trustedRootPath') !== undefined}
                  helperText={
                    show('trustedRootPath') ?? 'The full path of a private Sigstore deployment’s trusted_root.json.'
                  }
                  required
                  disabled={running}
                  slotProps={mono}
                />
              )}
            </>
          )}
          {values.mode === 'public-key' && (
            <TextField
              label="Public key (PEM)"
              value={values.publicKeyPem}
              onChange={(e) => set('publicKeyPem', e.target.value)}
              onBlur={blur('publicKeyPem')}
              error={show('publicKeyPem') !== undefined}
              helperText={show('publicKeyPem') ?? 'The public half of the key the model was signed with.'}
              multiline
              minRows={4}
              required
              disabled={running}
              slotProps={pem}
            />
          )}
          {values.mode === 'ca-chain' && (
            <TextField
              label="Certificate authority chain (PEM)"
              value={values.caChainPem}
              onChange={(e) => set('caChainPem', e.target.value)}
              onBlur={blur('caChainPem')}
              error={show('caChainPem') !== undefined}
              helperText={
                show('caChainPem') ??
                'The root certificate, and any intermediates, that the signing certificate must chain to.'
              }
              multiline
              minRows={4}
              required
              disabled={running}
              slotProps={pem}
            />
          )}
          <TextField
            label="Ignore these paths (optional)"
            value={values.ignorePaths}
            onChange={(e) => set('ignorePaths', e.target.value)}
            onBlur={blur('ignorePaths')}
            error={show('ignorePaths') !== undefined}
            helperText={show('ignorePaths') ?? 'One per line, relative to the model folder, for example .git'}
            multiline
            minRows={2}
            disabled={running}
            slotProps={mono}
          />
          <Box>
            <Button type="submit" variant="contained" loading={running}>
              Verify
            </Button>
          </Box>
        </Stack>
      </form>
      {running && job && (
        <VerificationProgressView
          progress={job.progress}
          cancelling={cancel.isPending || cancel.isSuccess}
          onCancel={() => cancel.mutate(job.id)}
        />
      )}
      {cancel.isError && running && (
        <ErrorAlert error={cancel.error} title="The verification could not be cancelled." />
      )}
      {cancelled && (
        <Alert severity="info" sx={{ mt: 3 }}>
          Verification cancelled. Nothing was concluded about this model.
        </Alert>
      )}
      {verify.isError && !cancelled && (
        <Box sx={{ mt: 3 }}>
          <ErrorAlert error={verify.error} title="The model could not be verified." />
        </Box>
      )}
      {verify.isSuccess && <VerificationResult report={verify.data} />}
    </Paper>
  );
}
