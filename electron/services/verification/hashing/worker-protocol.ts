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

/** Pool → worker: hash one range. */
export interface HashTaskMessage {
  type: 'hash';
  taskId: number;
  path: string;
  start: number;
  end: number | null;
  algorithm: HashAlgorithm;
  noFollow: boolean;
  /** The file the listing saw at `path`; the worker refuses any other (PATH_ESCAPE). */
  expected?: FileIdentity | null;
  control: SharedArrayBuffer;
}

/** Worker → pool: the outcome of one task. */
export type HashTaskReply =
  | { type: 'done'; taskId: number; digestHex: string; bytes: number }
  | { type: 'failed'; taskId: number; errorCode: string; message: string }
  | { type: 'cancelled'; taskId: number };
