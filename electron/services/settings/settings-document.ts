// The shape of the settings file as this version of Countersign writes it. Older shapes
// live in migrations.ts; this file only knows the current one.
import { z } from 'zod';
import { Preferences, type SettingsState } from '../../../shared/contract/schemas/app.ts';
import { ConnectionAuth, ConnectionKind } from '../../../shared/contract/schemas/connections.ts';

/** The schema version this build reads and writes. Bump it together with a new migration. */
export const CURRENT_SCHEMA_VERSION = 2;

/**
 * A connection profile as stored on disk. It has no secret and no `hasSecret`: the secret
 * lives only in the OS keychain, and whether one is there is asked of the keychain.
 * Unknown keys are stripped on read, so nothing a hand edit adds survives the next write.
 */
export const StoredConnection = z.object({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(80),
  kind: ConnectionKind,
  url: z.string().trim().min(1).max(2048),
  auth: ConnectionAuth,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StoredConnection = z.infer<typeof StoredConnection>;

/** The whole settings document, version 2. */
export const SettingsDocument = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  preferences: Preferences,
  connections: z.array(StoredConnection).max(500),
});
export type SettingsDocument = z.infer<typeof SettingsDocument>;

/** One problem found while loading settings, as `settings:get` reports it. */
export type SettingsProblem = SettingsState['problems'][number];

export const DEFAULT_PREFERENCES: Preferences = { theme: 'system' };

export function defaultDocument(): SettingsDocument {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, preferences: { ...DEFAULT_PREFERENCES }, connections: [] };
}
