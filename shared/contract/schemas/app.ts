import { z } from 'zod';

export const ThemePreference = z.enum(['system', 'light', 'dark']);
export type ThemePreference = z.infer<typeof ThemePreference>;

/** What the About panel shows. */
export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  transport: z.enum(['electron', 'preview']),
  platform: z.string(),
  versions: z.record(z.string(), z.string()),
  userDataDir: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const Preferences = z.object({
  theme: ThemePreference,
});
export type Preferences = z.infer<typeof Preferences>;

/** Settings as the renderer sees them, with any problem found when they were loaded. */
export const SettingsState = z.object({
  preferences: Preferences,
  schemaVersion: z.number().int(),
  problems: z.array(
    z.object({
      code: z.enum(['SETTINGS_CORRUPT', 'SETTINGS_MIGRATED']),
      message: z.string(),
      backupPath: z.string().nullable(),
      at: z.string(),
    }),
  ),
});
export type SettingsState = z.infer<typeof SettingsState>;

export const ExternalUrl = z.object({ url: z.string().max(4096) });
