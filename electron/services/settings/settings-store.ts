// Opening the settings file. `conf` (and electron-store over it) throws from its
// constructor on a file that is not JSON, and reads a JSON file that is not an object as
// an empty store, which would silently drop it on the next write. Both are caught here
// first: the raw file is backed up and reported, and only then is a fresh store made.
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { backupFile } from './backup.ts';
import type { SettingsProblem } from './settings-document.ts';

/**
 * The part of a `conf`/electron-store instance the settings service uses: the whole
 * store as an object (reading it reads the file; assigning it writes the file) and the
 * file's path, for backups.
 */
export interface KeyValueStore {
  store: Record<string, unknown>;
  readonly path: string;
}

/** What {@link openSettingsStore} hands back: the store and what was wrong with the old file. */
export interface OpenedSettingsStore<S extends KeyValueStore> {
  store: S | KeyValueStore;
  problems: SettingsProblem[];
}

type Inspection = { kind: 'absent' | 'ok' } | { kind: 'corrupt'; reason: string } | { kind: 'unreadable'; reason: string };

function inspect(path: string): Inspection {
  if (!existsSync(path)) return { kind: 'absent' };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { kind: 'unreadable', reason: (error as NodeJS.ErrnoException).code ?? 'read failed' };
  }
  // A byte order mark is what an editor may add; conf skips it too.
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { kind: 'corrupt', reason: 'it is empty' };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { kind: 'corrupt', reason: 'it is not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'corrupt', reason: 'it does not hold a JSON object' };
  }
  return { kind: 'ok' };
}

function setAside(path: string, reason: string, now: Date): SettingsProblem {
  const backupPath = backupFile(path, 'corrupt', now);
  unlinkSync(path);
  return {
    code: 'SETTINGS_CORRUPT',
    message: `The settings file could not be read (${reason}). A copy was kept at ${backupPath}; Countersign started with default settings.`,
    backupPath,
    at: now.toISOString(),
  };
}

/** An in-memory stand-in used when the settings file exists but cannot be read at all. */
function memoryStore(path: string): KeyValueStore {
  let data: Record<string, unknown> = {};
  return {
    path,
    get store() {
      return structuredClone(data);
    },
    set store(value: Record<string, unknown>) {
      data = structuredClone(value);
    },
  };
}

/**
 * Opens the settings store at `path` through `factory` (main passes one that builds an
 * electron-store, the preview and tests one that builds a `conf`). A file that is not a
 * JSON object is copied to `<path>.corrupt-<timestamp>.json`, removed, and reported as
 * SETTINGS_CORRUPT with the copy's path. A file that cannot be read at all (permissions)
 * is left untouched and the session runs on an in-memory store, also reported.
 * Throws only when the backup itself cannot be made (then nothing was removed), or when
 * `factory` fails for a reason other than bad JSON.
 */
export function openSettingsStore<S extends KeyValueStore>(
  factory: () => S,
  path: string,
  now: () => Date = () => new Date(),
): OpenedSettingsStore<S> {
  const problems: SettingsProblem[] = [];
  const found = inspect(path);
  if (found.kind === 'unreadable') {
    problems.push({
      code: 'SETTINGS_CORRUPT',
      message: `The settings file at ${path} could not be opened (${found.reason}). It was left as it is; changes made now last only until Countersign quits.`,
      backupPath: null,
      at: now().toISOString(),
    });
    return { store: memoryStore(path), problems };
  }
  if (found.kind === 'corrupt') problems.push(setAside(path, found.reason, now()));
  try {
    return { store: factory(), problems };
  } catch (error) {
    // The file changed between the look above and the store's own read: set it aside too.
    if (!(error instanceof SyntaxError) || !existsSync(path)) throw error;
    problems.push(setAside(path, 'it is not valid JSON', now()));
    return { store: factory(), problems };
  }
}
