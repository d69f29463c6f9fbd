import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import { PageHeader } from '../../components/page-header.tsx';
import { VerificationPanel } from '../verification/verification-panel.tsx';

/** Models: for now only the verification tool; the registry browser comes later. */
export function ModelsPage() {
  return (
    <>
      <PageHeader title="Models" summary="Models in your registries, and checks of their integrity." />
      <Alert severity="info" sx={{ mb: 3 }}>
        <AlertTitle>The registry browser is not built yet</AlertTitle>
        Listing and searching the models and versions in your registries will come here. Until then you can verify a
        model folder directly.
      </Alert>
      <VerificationPanel />
    </>
  );
}
