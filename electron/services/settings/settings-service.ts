// Preferences and connection profiles, kept in a conf-like store. The file is read once,
// migrated and checked here; from then on this service holds the truth and writes the
// whole document back on each change. Secrets never come through here: a stored
// connection has no field that could hold one, and the schema strips unknown keys.
import type { Preferences, SettingsState } from '../../../shared/contract/schemas/app.ts';
import { backupFile } from './backup.ts';
import { migrateSettings } from './migrations.ts';
import {
  CURRENT_SCHEMA_VERSION,
  SettingsDocument,
  StoredConnection,
  defaultDocument,
  type SettingsProblem,
} from './settings-document.ts';
import type { KeyValueStore } from './settings-store.ts';
import { stripUrlCredentials } from './url-credentials.ts';

/** Reads and writes preferences and connection profiles. */
export interface SettingsService {
  /** Preferences, the schema version, and every problem found while loading. */
  state(): SettingsState;
  /** Applies a partial change to the preferences and saves it. */
  updatePreferences(patch: { theme?: Preferences['theme'] | undefined }): SettingsState;
  /** All stored profiles, oldest first. */
  connections(): StoredConnection[];
  connection(id: string): StoredConnection | undefined;
  /** Adds the profile, or replaces the one with the same id. Throws a ZodError on a bad shape. */
  putConnection(connection: StoredConnection): void;
  /** Removes the profile; false when there was none. */
  removeConnection(id: string): boolean;
}

export interface SettingsServiceOptions {
  store: KeyValueStore;
  now?: () => Date;
  /** Problems found before the store was opened (see openSettingsStore). */
  problems?: readonly SettingsProblem[];
}

function isEmpty(raw: Record<string, unknown>): boolean {
  return Object.keys(raw).length === 0;
}

/**
 * Loads settings from `store`: a fresh file gets the defaults; an older version is
 * backed up and migrated (reported as SETTINGS_MIGRATED); a user name or password in a
 * profile's URL is removed (also reported as SETTINGS_MIGRATED); a file that does not match any
 * version is backed up to `<path>.corrupt-<timestamp>.json` and reported as
 * SETTINGS_CORRUPT before the defaults replace it. Throws only when a backup cannot be
 * written, so a file is never replaced without a copy.
 */
export function createSettingsService(options: SettingsServiceOptions): SettingsService {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  const problems: SettingsProblem[] = [...(options.problems ?? [])];

  const corrupt = (reason: string): SettingsDocument => {
    const at = now();
    const backupPath = backupFile(store.path, 'corrupt', at);
    problems.push({
      code: 'SETTINGS_CORRUPT',
      message: `The settings file did not match what Countersign expects (${reason}). A copy was kept at ${backupPath}; Countersign started with default settings.`,
      backupPath,
      at: at.toISOString(),
    });
    return defaultDocument();
  };

  const load = (): { document: SettingsDocument; dirty: boolean } => {
    let raw: Record<string, unknown>;
    try {
      raw = { ...store.store };
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      return { document: corrupt('it is not valid JSON'), dirty: true };
    }
    if (isEmpty(raw)) return { document: defaultDocument(), dirty: true };
    const at = now();
    const outcome = migrateSettings(raw, at);
    if (!outcome.ok) return { document: corrupt(outcome.reason), dirty: true };
    const { document, names } = stripUrlCredentials(outcome.document);
    const migrated = outcome.fromVersion !== CURRENT_SCHEMA_VERSION;
    if (!migrated && names.length === 0) return { document, dirty: false };
    // One problem per load (the settings page keys its warnings by code and time).
    const parts: string[] = [];
    let backupPath: string | null = null;
    if (migrated) {
      backupPath = backupFile(store.path, `v${outcome.fromVersion}`, at);
      parts.push(`Settings were upgraded from version ${outcome.fromVersion} to ${CURRENT_SCHEMA_VERSION}. The old file was kept at ${backupPath}.`);
    }
    if (names.length > 0) {
      // No backup for this change alone: a copy would be one more file holding the password.
      parts.push(
        `The address of ${names.map((n) => `“${n}”`).join(', ')} held a user name or password. It was removed from the address and from the settings file; enter the credentials in the connection's authentication fields, which keep them in the system keychain.`,
      );
      if (backupPath !== null) parts.push('The copy of the old file still holds them: delete it once the connections work.');
    }
    problems.push({ code: 'SETTINGS_MIGRATED', message: parts.join(' '), backupPath, at: at.toISOString() });
    return { document, dirty: true };
  };

  const loaded = load();
  let document = loaded.document;

  const save = (next: SettingsDocument): void => {
    // Parsing again is the last gate before disk: it strips anything that is not a field
    // of the document, so no caller can smuggle a secret into the file.
    const checked = SettingsDocument.parse(next);
    store.store = structuredClone(checked) as unknown as Record<string, unknown>;
    document = checked;
  };
  if (loaded.dirty) save(document);

  const state = (): SettingsState => ({
    preferences: { ...document.preferences },
    schemaVersion: document.schemaVersion,
    problems: problems.map((p) => ({ ...p })),
  });

  return {
    state,
    updatePreferences(patch) {
      const preferences: Preferences = { ...document.preferences };
      if (patch.theme !== undefined) preferences.theme = patch.theme;
      save({ ...document, preferences });
      return state();
    },
    connections: () => document.connections.map((c) => structuredClone(c)),
    connection(id) {
      const found = document.connections.find((c) => c.id === id);
      return found === undefined ? undefined : structuredClone(found);
    },
    putConnection(connection) {
      const checked = StoredConnection.parse(connection);
      const index = document.connections.findIndex((c) => c.id === checked.id);
      const connections = [...document.connections];
      if (index === -1) connections.push(checked);
      else connections[index] = checked;
      save({ ...document, connections });
    },
    removeConnection(id) {
      const connections = document.connections.filter((c) => c.id !== id);
      if (connections.length === document.connections.length) return false;
      save({ ...document, connections });
      return true;
    },
  };
}
