// Lists a model folder: every regular file that is not ignored, and every entry we refuse
// to hash with the reason. The walk never leaves the folder's real path.
//
// The file-system calls are synchronous on purpose: the walk runs in the model-verify
// worker thread (or a CLI), where blocking costs nothing, and a synchronous lstat is ~3 µs
// where an awaited one is a round trip through libuv's four-thread pool, which the whole
// process shares (a walk of thousands of files would queue the main thread's own file
// operations behind it). Never call it on the app's main thread.
import type { BigIntStats, Dirent } from 'node:fs';
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../../shared/errors.ts';
import type { FileIdentity } from '../hashing/hash-file-range.ts';
import { isIgnored, isInside } from './paths.ts';

/** Why an entry was refused. PATH_ESCAPE is the security-relevant one. */
export type RefusalCode = 'PATH_ESCAPE' | 'SYMLINK_NOT_ALLOWED' | 'SPECIAL_FILE' | 'UNREADABLE';

export type WalkEntry =
  | {
      kind: 'file';
      rel: string;
      abs: string;
      size: number;
      viaSymlink: boolean;
      /** Device and inode seen here; hashing must open this very file (see hash-file-range.ts). */
      identity: FileIdentity;
    }
  | { kind: 'refused'; rel: string; code: RefusalCode; reason: string };

export interface WalkOptions {
  allowSymlinks: boolean;
  /** Paths relative to the root (POSIX) to leave out, with everything under them. */
  ignores: readonly string[];
  maxEntries?: number;
  maxDepth?: number;
}

export interface ModelListing {
  /** The real path of the model (folder or single file). */
  root: string;
  /** The model is one file; its only entry is named '.'. */
  singleFile: boolean;
  entries: WalkEntry[];
}

function fileEntry(rel: string, abs: string, st: BigIntStats, viaSymlink: boolean): WalkEntry {
  return { kind: 'file', rel, abs, size: Number(st.size), viaSymlink, identity: { dev: st.dev, ino: st.ino } };
}

function fsCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Lists `modelPath` (absolute), blocking the calling thread while it does (see above).
 * Rejects with AppError NOT_FOUND when it does not exist, INVALID_INPUT when it is neither a
 * file nor a folder or holds more than `maxEntries` entries (folders included).
 */
export async function walkModel(modelPath: string, options: WalkOptions): Promise<ModelListing> {
  let root: string;
  try {
    // The path the user chose may itself be a link (a mounted volume, /tmp on macOS);
    // confinement is to wherever it really is.
    root = realpathSync(modelPath);
  } catch (error) {
    if (fsCode(error) === 'ENOENT') throw new AppError('NOT_FOUND', `The model path does not exist: ${modelPath}`, { cause: error });
    throw new AppError('INVALID_INPUT', `The model path cannot be read: ${modelPath}`, { cause: error });
  }
  const rootStat = statSync(root, { bigint: true });
  if (rootStat.isFile()) {
    return { root, singleFile: true, entries: [fileEntry('.', root, rootStat, false)] };
  }
  if (!rootStat.isDirectory()) throw new AppError('INVALID_INPUT', `The model path is neither a file nor a folder: ${modelPath}`);

  const maxEntries = options.maxEntries ?? 1_000_000;
  const maxDepth = options.maxDepth ?? 256;
  const entries: WalkEntry[] = [];
  const visited = new Set<string>([root]);
  const stack: Array<{ abs: string; rel: string; depth: number }> = [{ abs: root, rel: '', depth: 0 }];
  let folders = 0;
  const push = (entry: WalkEntry): void => {
    entries.push(entry);
    if (entries.length + folders > maxEntries) throw tooMany(maxEntries);
  };

  while (stack.length > 0) {
    const dir = stack.pop();
    if (!dir) break;
    if (dir.depth > maxDepth) {
      push({ kind: 'refused', rel: dir.rel, code: 'UNREADABLE', reason: `Folders nest deeper than ${maxDepth} levels.` });
      continue;
    }
    let children: Dirent[];
    try {
      children = readdirSync(dir.abs, { withFileTypes: true });
    } catch (error) {
      push({ kind: 'refused', rel: dir.rel || '.', code: 'UNREADABLE', reason: `The folder cannot be read (${fsCode(error) ?? 'error'}).` });
      continue;
    }
    for (const child of children) {
      const found = lookAt(root, dir, child, options);
      if (found === null) continue;
      if (found.kind !== 'dir') {
        push(found);
        continue;
      }
      if (found.viaSymlink && visited.has(found.real)) {
        push({ kind: 'refused', rel: found.rel, code: 'UNREADABLE', reason: 'The symbolic link loops back to a folder already listed.' });
        continue;
      }
      if (found.viaSymlink) visited.add(found.real);
      // Folders count toward the bound too: millions of empty ones are no model either.
      folders += 1;
      if (entries.length + folders > maxEntries) throw tooMany(maxEntries);
      stack.push({ abs: found.real, rel: found.rel, depth: dir.depth + 1 });
    }
  }
  entries.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return { root, singleFile: false, entries };
}

function tooMany(maxEntries: number): AppError {
  return new AppError('INVALID_INPUT', `The model folder holds more than ${maxEntries} entries.`);
}

interface FoundDir {
  kind: 'dir';
  rel: string;
  real: string;
  viaSymlink: boolean;
}

/** One child of a folder: an entry, a folder to descend into, or null when ignored. */
function lookAt(root: string, dir: { abs: string; rel: string }, child: Dirent, options: WalkOptions): WalkEntry | FoundDir | null {
  const rel = dir.rel ? `${dir.rel}/${child.name}` : child.name;
  if (isIgnored(rel, options.ignores)) return null;
  const abs = path.join(dir.abs, child.name);
  if (child.isSymbolicLink()) {
    const entry = followLink(root, rel, abs, options.allowSymlinks);
    return entry.kind === 'dir' ? { kind: 'dir', rel, real: entry.real, viaSymlink: true } : entry;
  }
  if (child.isDirectory()) return { kind: 'dir', rel, real: abs, viaSymlink: false };
  if (!child.isFile()) {
    return { kind: 'refused', rel, code: 'SPECIAL_FILE', reason: 'Not a regular file (a device, socket or pipe); it cannot be part of a model.' };
  }
  try {
    const st = lstatSync(abs, { bigint: true });
    if (st.isFile()) return fileEntry(rel, abs, st, false);
    return { kind: 'refused', rel, code: 'UNREADABLE', reason: 'The file changed while the folder was being listed.' };
  } catch (error) {
    return { kind: 'refused', rel, code: 'UNREADABLE', reason: `The file cannot be read (${fsCode(error) ?? 'error'}).` };
  }
}

// ---- SECURITY: symbolic links ----------------------------------------------------------
// A link is resolved to its real target first; a target outside the model's real folder
// is refused as PATH_ESCAPE whatever the signature allows, so a signed model can never make
// us read (and report digests of) files elsewhere on the machine.
function followLink(root: string, rel: string, abs: string, allowSymlinks: boolean): WalkEntry | { kind: 'dir'; real: string } {
  let real: string;
  try {
    real = realpathSync(abs);
  } catch (error) {
    return { kind: 'refused', rel, code: 'UNREADABLE', reason: `A symbolic link whose target cannot be reached (${fsCode(error) ?? 'error'}).` };
  }
  if (!isInside(root, real)) {
    return { kind: 'refused', rel, code: 'PATH_ESCAPE', reason: 'A symbolic link that points outside the model folder.' };
  }
  if (!allowSymlinks) {
    return { kind: 'refused', rel, code: 'SYMLINK_NOT_ALLOWED', reason: 'A symbolic link, and the signature does not allow symbolic links.' };
  }
  const target = statSync(real, { bigint: true });
  if (target.isDirectory()) return { kind: 'dir', real };
  if (target.isFile()) return fileEntry(rel, real, target, true);
  return { kind: 'refused', rel, code: 'SPECIAL_FILE', reason: 'A symbolic link to something that is not a regular file.' };
}
