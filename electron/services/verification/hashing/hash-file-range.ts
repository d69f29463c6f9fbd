// The inner loop of every hash: read a byte range in large chunks into one reused buffer.
// It is synchronous on purpose: it only ever runs inside a worker thread, where blocking
// is free and a synchronous read avoids a round trip through libuv's small thread pool.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { HashAlgorithm } from './algorithms.ts';
import { createStreamingHasher } from './algorithms.ts';

/**
 * Read size: large enough that syscalls are noise, small enough to cancel promptly.
 * Measured in the worker pool (2 workers, 3 GiB, page cache warm): 1-2 MiB hash ~1.58 GB
 * per CPU-second, 128-512 KiB ~1.52, 8 MiB ~1.39 (a single-threaded loop outside a worker
 * favoured 256 KiB instead: measure changes here with `npm run bench`, not a micro-test).
 */
export const DEFAULT_CHUNK_BYTES = 2 * 1024 * 1024;

/**
 * Which file a path named when it was listed: device and inode, as bigints so 64-bit inode
 * numbers compare exactly.
 */
export interface FileIdentity {
  dev: bigint;
  ino: bigint;
}

/**
 * Thrown when the opened file is not the regular file that was listed (code PATH_ESCAPE):
 * something on the path was swapped after the listing, maybe to reach outside the model.
 */
export class FileSwappedError extends Error {
  readonly code = 'PATH_ESCAPE';
  constructor(message: string) {
    super(message);
    this.name = 'FileSwappedError';
  }
}

/** Thrown (by value) when the caller's cancel check returned true mid-file. */
export class HashCancelledError extends Error {
  constructor() {
    super('Hashing was cancelled.');
    this.name = 'HashCancelledError';
  }
}

export interface HashRangeOptions {
  path: string;
  start: number;
  /** Exclusive end; null hashes to end of file. */
  end: number | null;
  algorithm: HashAlgorithm;
  /** A scratch buffer the caller reuses across calls. */
  buffer: Uint8Array;
  /** Refuse to open the file through a symbolic link (closes a swap-after-check race). */
  noFollow: boolean;
  /**
   * The file the path named when it was listed; the opened file must be that one. Absent:
   * any regular file will do.
   */
  expected?: FileIdentity | null | undefined;
  /** Called after each chunk with the bytes just read. */
  onBytes?: (bytes: number) => void;
  /** Polled between chunks. */
  isCancelled?: () => boolean;
}

/**
 * Hashes `[start, end)` of a file and returns the hex digest and the bytes read. A file
 * shorter than `end` is hashed as far as it goes (the digest then differs, which is the
 * point). Throws the fs error (ENOENT, ELOOP, EACCES...), FileSwappedError (code
 * PATH_ESCAPE) when the opened file is not a regular file or not `expected`, or
 * HashCancelledError.
 */
export async function hashFileRange(options: HashRangeOptions): Promise<{ digestHex: string; bytes: number }> {
  const { path, start, end, buffer } = options;
  const hasher = await createStreamingHasher(options.algorithm);
  // O_NONBLOCK: a FIFO swapped in after the listing must not hang the worker in open(); it
  // changes nothing for regular files. (Both flags are undefined on Windows.)
  const flags =
    constants.O_RDONLY |
    (options.noFollow && constants.O_NOFOLLOW !== undefined ? constants.O_NOFOLLOW : 0) |
    (constants.O_NONBLOCK ?? 0);
  const fd = openSync(path, flags);
  try {
    checkOpenedFile(fd, options.expected);
    let position = start;
    let total = 0;
    // Bounded: each pass reads > 0 bytes of a finite range, or stops at end of file.
    for (;;) {
      if (options.isCancelled?.()) throw new HashCancelledError();
      const want = end === null ? buffer.byteLength : Math.min(buffer.byteLength, end - position);
      if (want <= 0) break;
      const got = readSync(fd, buffer, 0, want, position);
      if (got === 0) break;
      hasher.update(buffer.subarray(0, got));
      position += got;
      total += got;
      options.onBytes?.(got);
    }
    return { digestHex: hasher.digestHex(), bytes: total };
  } finally {
    closeSync(fd);
  }
}

// ---- SECURITY: the file we opened is the file we listed ----------------------------------
// O_NOFOLLOW guards only the last component of the path. A folder on the way swapped for a
// symbolic link between the listing and this open would make us read (and report on) a file
// outside the model. One fstat of the open descriptor settles it: same device and inode as
// the listing saw, and a regular file, or we read nothing.
function checkOpenedFile(fd: number, expected: FileIdentity | null | undefined): void {
  const st = fstatSync(fd, { bigint: true });
  if (!st.isFile()) throw new FileSwappedError('The path no longer leads to a regular file.');
  if (expected && (st.dev !== expected.dev || st.ino !== expected.ino)) {
    throw new FileSwappedError('The path no longer leads to the file that was listed.');
  }
}
