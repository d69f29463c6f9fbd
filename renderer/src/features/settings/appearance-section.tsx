import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { ThemePreference } from '../../../../shared/contract/schemas/app.ts';
import { useSettings, useUpdateSettings } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';

const THEME_LABELS: Record<ThemePreference, string> = {
  system: 'Follow the operating system',
  light: 'Light',
  dark: 'Dark',
};

/** Settings → Appearance: the theme preference. */
export function AppearanceSection() {
  const settings = useSettings();
  const update = useUpdateSettings();
  // Shown at once on click (the mutation's own pending state arrives a tick later, and a
  // controlled radio would snap back meanwhile); dropped when main answers.
  const [choosing, setChoosing] = useState<ThemePreference | null>(null);
  const current = choosing ?? settings.data?.preferences.theme;
  return (
    <Box component="section" aria-labelledby="appearance-heading" sx={{ mb: 4 }}>
      <Typography id="appearance-heading" variant="h5" component="h2" sx={{ mb: 1 }}>
        Appearance
      </Typography>
      <Typography id="theme-label" color="text.secondary">
        Theme
      </Typography>
      <RadioGroup
        row
        aria-labelledby="theme-label"
        value={current ?? 'system'}
        onChange={(e) => {
          const parsed = ThemePreference.safeParse(e.target.value);
          if (!parsed.success) return;
          setChoosing(parsed.data);
          update.mutate({ theme: parsed.data }, { onSettled: () => setChoosing(null) });
        }}
      >
        {ThemePreference.options.map((t) => (
          <FormControlLabel
            key={t}
            value={t}
            control={<Radio />}
            label={THEME_LABELS[t]}
            disabled={!settings.isSuccess}
          />
        ))}
      </RadioGroup>
      {settings.isError && <ErrorAlert error={settings.error} title="Your preferences could not be loaded." />}
      {update.isError && <ErrorAlert error={update.error} title="The theme was not changed." />}
    </Box>
  );
}
