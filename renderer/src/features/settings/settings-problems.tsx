import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { SettingsState } from '../../../../shared/contract/schemas/app.ts';

const TITLES: Record<SettingsState['problems'][number]['code'], string> = {
  SETTINGS_CORRUPT: 'Your saved settings could not be read',
  SETTINGS_MIGRATED: 'Your settings were upgraded to a new format',
};

/** Problems found when the settings were loaded, as warnings that say where the backup is. */
export function SettingsProblems({ problems }: { problems: SettingsState['problems'] }) {
  if (problems.length === 0) return null;
  return (
    <Stack spacing={1.5} sx={{ mb: 3 }}>
      {problems.map((p) => (
        <Alert key={`${p.code}-${p.at}`} severity={p.code === 'SETTINGS_CORRUPT' ? 'warning' : 'info'}>
          <AlertTitle>{TITLES[p.code]}</AlertTitle>
          <Typography variant="body2">{p.message}</Typography>
          {p.backupPath && (
            <Typography variant="body2" sx={{ mt: 0.5, overflowWrap: 'anywhere' }}>
              The previous file was kept at <code>{p.backupPath}</code>.
            </Typography>
          )}
          <Typography variant="caption" color="text.secondary">
            Noticed {new Date(p.at).toLocaleString()}
          </Typography>
        </Alert>
      ))}
    </Stack>
  );
}
