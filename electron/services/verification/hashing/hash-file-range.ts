// The inner loop of every hash: read a byte range in large chunks into one reused buffer.
// It is synchronous on purpose: it only ever runs inside a worker thread, where blocking
// is free and a synchronous read avoids a round trip through libuv's small thread pool.
import { closeSync, constants, openSync, readSync } from 'node:fs';
import type { HashAlgorithm } from './algorithms.ts';
import { createStreamingHasher } from './algorithms.ts';

/** Read size: large enough that syscalls are noise, small enough to cancel promptly. */
export const DEFAULT_CHUNK_BYTES = 2 * 1024 * 1024;

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
  /** Called after each chunk with the bytes just read. */
  onBytes?: (bytes: number) => void;
  /** Polled between chunks. */
  isCancelled?: () => boolean;
}

/**
 * Hashes `[start, end)` of a file and returns the hex digest and the bytes read. A file
 * shorter than `end` is hashed as far as it goes (the digest then differs, which is the
 * point). Throws the fs error (ENOENT, ELOOP, EACCES...) or HashCancelledError.
 */
export async function hashFileRange(options: HashRangeOptions): Promise<{ digestHex: string; bytes: number }> {
  const { path, start, end, buffer } = options;
  const hasher = await createStreamingHasher(options.algorithm);
  const flags = constants.O_RDONLY | (options.noFollow && constants.O_NOFOLLOW !== undefined ? constants.O_NOFOLLOW : 0);
  const fd = openSync(path, flags);
  try {
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
