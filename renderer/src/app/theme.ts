import { createTheme, type Theme } from '@mui/material/styles';
import type { ThemePreference } from '../../../shared/contract/schemas/app.ts';

/** No web fonts (the CSP allows none from elsewhere, and the app works offline): the OS's own. */
export const SYSTEM_FONT_STACK = [
  'system-ui',
  '-apple-system',
  '"Segoe UI"',
  'Roboto',
  '"Helvetica Neue"',
  '"Noto Sans"',
  '"Liberation Sans"',
  'Arial',
  'sans-serif',
].join(',');

/** The palette mode to use: the preference, or the OS's when the preference is `system`. */
export function resolveMode(preference: ThemePreference, osPrefersDark: boolean): 'light' | 'dark' {
  if (preference === 'system') return osPrefersDark ? 'dark' : 'light';
  return preference;
}

/** The app's MUI theme for one mode, with a focus ring that is always visible. */
export function buildTheme(mode: 'light' | 'dark'): Theme {
  const base = createTheme({
    palette: {
      mode,
      primary: { main: mode === 'dark' ? '#8ab4f8' : '#1a56b0' },
      secondary: { main: mode === 'dark' ? '#c58af9' : '#6a3fb5' },
      background: mode === 'dark' ? { default: '#121417', paper: '#1b1e23' } : { default: '#f6f7f9', paper: '#ffffff' },
    },
    typography: { fontFamily: SYSTEM_FONT_STACK },
    shape: { borderRadius: 6 },
  });
  const ring = `3px solid ${base.palette.primary.main}`;
  return createTheme(base, {
    components: {
      MuiCssBaseline: {
        styleOverrides: {
          // Keyboard users must always see where they are; text inputs show focus by their border.
          '*:focus-visible:not(input):not(textarea)': { outline: ring, outlineOffset: 2 },
          '.skip-link': {
            position: 'absolute',
            left: 8,
            top: -64,
            zIndex: 2000,
            padding: '8px 16px',
            background: base.palette.background.paper,
            color: base.palette.text.primary,
            borderRadius: 6,
          },
          '.skip-link:focus': { top: 8 },
        },
      },
      MuiTooltip: { defaultProps: { arrow: true } },
    },
  });
}
