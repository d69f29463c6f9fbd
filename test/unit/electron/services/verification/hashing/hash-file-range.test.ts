import { createHash } from 'node:crypto';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HashCancelledError, hashFileRange } from '../../../../../../electron/services/verification/hashing/hash-file-range.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'cs-range-'));
const data = Buffer.alloc(1_000_003).map((_, i) => (i * 7) & 0xff);
const file = path.join(dir, 'data.bin');
writeFileSync(file, data);
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('hashing a byte range of a file', () => {
  it('hashes a whole file through a buffer smaller than the file', async () => {
    let reported = 0;
    const r = await hashFileRange({ path: file, start: 0, end: null, algorithm: 'sha256', buffer: new Uint8Array(65_536), noFollow: true, onBytes: (n) => (reported += n) });
    expect(r).toEqual({ digestHex: sha(data), bytes: data.length });
    expect(reported).toBe(data.length);
  });

  it('hashes exactly [start, end) of the file', async () => {
    const r = await hashFileRange({ path: file, start: 1000, end: 500_000, algorithm: 'sha256', buffer: new Uint8Array(4096), noFollow: true });
    expect(r).toEqual({ digestHex: sha(data.subarray(1000, 500_000)), bytes: 499_000 });
  });

  it('hashes only what exists when the file is shorter than the range', async () => {
    const r = await hashFileRange({ path: file, start: 999_000, end: 2_000_000, algorithm: 'sha256', buffer: new Uint8Array(4096), noFollow: true });
    expect(r).toEqual({ digestHex: sha(data.subarray(999_000)), bytes: 1003 });
  });

  it('stops between chunks when cancelled', async () => {
    let polls = 0;
    await expect(
      hashFileRange({ path: file, start: 0, end: null, algorithm: 'sha256', buffer: new Uint8Array(4096), noFollow: true, isCancelled: () => ++polls > 3 }),
    ).rejects.toBeInstanceOf(HashCancelledError);
    expect(polls).toBe(4);
  });

  it('refuses to open the file through a symbolic link when told not to follow', async () => {
    const link = path.join(dir, 'link.bin');
    symlinkSync(file, link);
    await expect(hashFileRange({ path: link, start: 0, end: null, algorithm: 'sha256', buffer: new Uint8Array(16), noFollow: true })).rejects.toMatchObject({ code: 'ELOOP' });
    const followed = await hashFileRange({ path: link, start: 0, end: null, algorithm: 'sha256', buffer: new Uint8Array(65_536), noFollow: false });
    expect(followed.digestHex).toBe(sha(data));
  });
});
