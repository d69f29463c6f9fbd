// Compares what the signature lists with what the folder holds, file by file, and says in
// plain words why each file that fails does.
import type { FileResult } from '../../../../shared/contract/index.ts';
import type { HashOutcome } from '../hashing/hash-pool.ts';
import type { WalkEntry } from './model-walk.ts';
import { isIgnored } from './paths.ts';
import type { SignedItem, SignedManifest } from './statement.ts';

/** A file of the folder with the outcome of each range hashed from it. */
export interface HashedFile {
  rel: string;
  size: number;
  ranges: Array<{ start: number; end: number | null; outcome: HashOutcome }>;
}

/** A per-file result plus whether the failure is a path escape. */
export interface ComparedFile extends FileResult {
  escape: boolean;
}

const result = (path: string, fields: Partial<ComparedFile> & Pick<FileResult, 'status' | 'reason'>): ComparedFile => ({
  path,
  expectedDigest: null,
  actualDigest: null,
  size: null,
  escape: false,
  ...fields,
});

function readFailure(path: string, size: number, outcome: Extract<HashOutcome, { ok: false }>): ComparedFile {
  if (outcome.errorCode === 'ENOENT') {
    return result(path, { status: 'missing', reason: 'The file disappeared while it was being checked.' });
  }
  if (outcome.errorCode === 'PATH_ESCAPE') {
    // The worker opened something other than the file listed: a folder on the way was
    // swapped (perhaps for a link out of the model) between listing and hashing.
    return result(path, { status: 'refused', reason: 'The file was replaced while it was being checked; it was not read.', escape: true });
  }
  if (outcome.errorCode === 'ELOOP') {
    return result(path, { status: 'refused', reason: 'The file was replaced by a symbolic link while it was being checked.', size });
  }
  return result(path, { status: 'refused', reason: `The file could not be read (${outcome.errorCode}).`, size });
}

function compareWholeFile(item: SignedItem, file: HashedFile): ComparedFile {
  const outcome = file.ranges[0]?.outcome;
  if (!outcome) return result(file.rel, { status: 'modified', reason: 'The file could not be hashed.', size: file.size });
  if (!outcome.ok) return readFailure(file.rel, file.size, outcome);
  const base = { expectedDigest: item.digestHex, actualDigest: outcome.digestHex, size: outcome.bytes };
  if (outcome.digestHex === item.digestHex) return result(file.rel, { status: 'verified', reason: null, ...base });
  return result(file.rel, { status: 'modified', reason: `The content differs from what was signed (the file now has ${outcome.bytes} bytes).`, ...base });
}

function compareShards(items: SignedItem[], file: HashedFile): ComparedFile {
  const signedSize = items.reduce((max, i) => Math.max(max, i.end ?? 0), 0);
  // Checked in file order, whatever order the signature lists them in: the first shard
  // that differs is the one reported, so a made-up signature cannot learn whether a short
  // shard at the end of a file matches a guess while the shards before it do not.
  const inFileOrder = [...items].sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
  const expected = new Map(inFileOrder.map((i) => [`${i.start}:${i.end}`, i.digestHex]));
  const actual = new Map(file.ranges.map((r) => [`${r.start}:${r.end}`, r.outcome]));
  const sameLayout = expected.size === actual.size && [...expected.keys()].every((k) => actual.has(k));
  if (!sameLayout) {
    return result(file.rel, {
      status: 'modified',
      reason: `The size changed: ${signedSize} bytes were signed, the file now has ${file.size} bytes.`,
      size: file.size,
    });
  }
  for (const [key, digestHex] of expected) {
    const outcome = actual.get(key);
    if (!outcome) continue;
    if (!outcome.ok) return readFailure(file.rel, file.size, outcome);
    if (outcome.digestHex !== digestHex) {
      const [start, end] = key.split(':');
      return result(file.rel, {
        status: 'modified',
        reason: `Bytes ${start} to ${end} differ from what was signed.`,
        expectedDigest: digestHex,
        actualDigest: outcome.digestHex,
        size: file.size,
      });
    }
  }
  const only = items.length === 1 ? items[0]?.digestHex ?? null : null;
  return result(file.rel, { status: 'verified', reason: null, expectedDigest: only, actualDigest: only, size: file.size });
}

/**
 * One result per path: every signed item and every file found, each exactly once, sorted
 * by path. `ignores` are the paths left out of hashing (a signed file among them is missing).
 */
export function compareWithManifest(
  manifest: SignedManifest,
  entries: readonly WalkEntry[],
  hashed: ReadonlyMap<string, HashedFile>,
  ignores: readonly string[],
): ComparedFile[] {
  const results = new Map<string, ComparedFile>();
  const expected = new Map<string, SignedItem[]>();
  for (const item of manifest.items) {
    const list = expected.get(item.path);
    if (list) list.push(item);
    else expected.set(item.path, [item]);
  }
  for (const bad of manifest.refused) {
    results.set(bad.name, result(bad.name, { status: 'refused', reason: `The signature names a path outside the model folder. ${bad.reason}`, escape: true }));
  }
  for (const entry of entries) {
    if (entry.kind !== 'refused' || results.has(entry.rel)) continue;
    const signed = expected.has(entry.rel) ? ' It is listed in the signature.' : '';
    results.set(entry.rel, result(entry.rel, { status: 'refused', reason: `${entry.reason}${signed}`, escape: entry.code === 'PATH_ESCAPE' }));
  }
  const sharded = manifest.serialization.method === 'shards';
  for (const [path, items] of expected) {
    if (results.has(path)) continue;
    const file = hashed.get(path);
    if (!file) {
      const reason =
        path !== '.' && isIgnored(path, ignores)
          ? 'Listed in the signature, but excluded by the ignore paths, so it was not checked.'
          : 'Listed in the signature, but not found in the model folder.';
      results.set(path, result(path, { status: 'missing', reason, expectedDigest: items.length === 1 ? items[0]?.digestHex ?? null : null }));
      continue;
    }
    const first = items[0];
    results.set(path, sharded || !first ? compareShards(items, file) : compareWholeFile(first, file));
  }
  for (const [path, file] of hashed) {
    if (results.has(path)) continue;
    if (sharded && file.size === 0) {
      // The shards method records no shard for an empty file, so the reference cannot
      // tell an added empty file from a signed one; we say so rather than guess.
      results.set(path, result(path, { status: 'verified', reason: 'An empty file: the shards method signs no content for it.', size: 0 }));
      continue;
    }
    const outcome = file.ranges[0]?.outcome;
    results.set(
      path,
      result(path, {
        status: 'extra',
        reason: 'Not in the signature: a file added after signing.',
        actualDigest: outcome?.ok && file.ranges.length === 1 ? outcome.digestHex : null,
        size: file.size,
      }),
    );
  }
  return [...results.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
