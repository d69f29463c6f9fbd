// Settings that cannot be read are kept, never thrown away: the file is copied beside
// itself before anything overwrites it, so a user (or support) can recover it by hand.
import { constants, copyFileSync } from 'node:fs';

const MAX_ATTEMPTS = 100;

/** A file-name-safe UTC timestamp: `2025-01-31T12-00-00-000Z`. */
export function fileStamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

/**
 * Copies `path` to `<path>.<label>-<timestamp>.json` (a counter is added on the rare
 * same-millisecond clash) and returns the copy's path. Throws the file system's error
 * when the copy cannot be made; callers must not overwrite the original then.
 */
export function backupFile(path: string, label: string, now: Date): string {
  const base = `${path}.${label}-${fileStamp(now)}`;
  for (let i = 0; i < MAX_ATTEMPTS; i++) {
    const target = i === 0 ? `${base}.json` : `${base}-${i}.json`;
    try {
      copyFileSync(path, target, constants.COPYFILE_EXCL);
      return target;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`Could not find a free backup name beside ${path}`);
}
