// The messages between the hash pool (main thread) and a hash worker. Kept in one place so
// both sides agree on the shape; the worker imports it from here.
import type { HashAlgorithm } from './algorithms.ts';
import type { FileIdentity } from './hash-file-range.ts';

/**
 * Shared memory one hashing job uses to talk to every worker without messages:
 * bytes 0-3 hold the cancel flag (Int32, 1 = stop), bytes 8-15 the bytes hashed so far
 * (BigInt64, only ever added to, so progress is monotonic by construction).
 */
export const CONTROL_BYTES = 16;

/** Views over a job's control block. */
export function controlViews(buffer: SharedArrayBuffer): { flag: Int32Array; bytes: BigInt64Array } {
  return { flag: new Int32Array(buffer, 0, 1), bytes: new BigInt64Array(buffer, 8, 1) };
}

/** What to hash: one byte range of one file. */
export interface HashRange {
  path: string;
  start: number;
  /** Exclusive end; null hashes to end of file. */
  end: number | null;
  algorithm: HashAlgorithm;
  /** Open without following a final symbolic link. */
  noFollow: boolean;
  /**
   * The device and inode the listing saw at `path`: the worker refuses to hash any other
   * file (outcome errorCode PATH_ESCAPE), which closes the race of a folder swapped for a
   * symbolic link between listing and hashing.
   */
  expected?: FileIdentity | null;
}

/** The outcome of hashing one range: a digest, or the file-system error that stopped it. */
export type HashOutcome = { ok: true; digestHex: string; bytes: number } | { ok: false; errorCode: string; message: string };

/**
 * Pool → worker: hash these ranges, one after the other, for one job. Small files travel
 * many to a message: one message per file cost more than hashing a 16 KiB file does.
 */
export interface HashBatchMessage {
  type: 'hash';
  batchId: number;
  control: SharedArrayBuffer;
  ranges: HashRange[];
}

/** Worker → pool: one outcome per range of the batch, in its order; or the job was cancelled. */
export type HashBatchReply = { type: 'done'; batchId: number; outcomes: HashOutcome[] } | { type: 'cancelled'; batchId: number };
