import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import type { TrustStatus } from '../../../../shared/contract/schemas/verification.ts';
import { useRefreshTrust, useTrustStatus } from '../../api/queries.ts';
import { errorText } from '../../api/error-text.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';

const SOURCE_WORDS: Record<TrustStatus['source'], string> = {
  shipped: 'The Sigstore public-good trusted root built into this version of Countersign.',
  cache: 'A Sigstore trusted root refreshed through TUF earlier, kept on this computer.',
  tuf: 'A Sigstore trusted root refreshed through TUF in this session.',
};

const when = (iso: string | null): string => (iso ? new Date(iso).toLocaleString() : '—');

/**
 * Settings → Signature trust: which Sigstore trusted root keyless signatures are checked
 * against, and a refresh through TUF on request (never automatically).
 */
export function TrustSection() {
  const status = useTrustStatus();
  const refresh = useRefreshTrust();
  const data = refresh.data ?? status.data;
  return (
    <Box component="section" aria-labelledby="trust-heading" sx={{ mb: 4 }}>
      <Typography id="trust-heading" variant="h5" component="h2" sx={{ mb: 1 }}>
        Signature trust
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        Keyless model signatures are checked against a Sigstore trusted root. It works offline; refreshing it
        contacts the Sigstore TUF repository.
      </Typography>
      {status.isError && <ErrorAlert error={status.error} title="The trust settings could not be read." />}
      {data && (
        <Box role="status" aria-live="polite" sx={{ mb: 2 }}>
          <Typography>{SOURCE_WORDS[data.source]}</Typography>
          {data.source !== 'shipped' && (
            <Typography variant="body2" color="text.secondary">
              Fetched {when(data.fetchedAt)}; valid until {when(data.expires)}.
            </Typography>
          )}
        </Box>
      )}
      {data?.error && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          The last refresh did not succeed, so the root above stays in use. {errorText(data.error.code).title}
          <Typography variant="caption" component="p" sx={{ mt: 0.5, overflowWrap: 'anywhere' }}>
            Details ({data.error.code}): {data.error.message}
          </Typography>
        </Alert>
      )}
      {refresh.isError && <ErrorAlert error={refresh.error} title="The refresh could not be started." />}
      <Button variant="outlined" onClick={() => refresh.mutate()} loading={refresh.isPending} disabled={!status.isSuccess}>
        Refresh from Sigstore
      </Button>
    </Box>
  );
}
