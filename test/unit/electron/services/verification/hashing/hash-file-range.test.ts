import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../../../support/temp-dir.ts';
import { FileSwappedError, HashCancelledError, hashFileRange } from '../../../../../../electron/services/verification/hashing/hash-file-range.ts';

const dir = makeTempDir('cs-range');
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

  it('hashes the file only when it is the one listed (same device and inode)', async () => {
    const other = path.join(dir, 'other.bin');
    writeFileSync(other, data);
    const identity = (p: string) => {
      const st = statSync(p, { bigint: true });
      return { dev: st.dev, ino: st.ino };
    };
    const ok = await hashFileRange({ path: file, start: 0, end: 10, algorithm: 'sha256', buffer: new Uint8Array(16), noFollow: true, expected: identity(file) });
    expect(ok.digestHex).toBe(sha(data.subarray(0, 10)));
    // Same content, another file: not what was listed.
    const wrong = hashFileRange({ path: file, start: 0, end: 10, algorithm: 'sha256', buffer: new Uint8Array(16), noFollow: true, expected: identity(other) });
    await expect(wrong).rejects.toBeInstanceOf(FileSwappedError);
    await expect(wrong).rejects.toMatchObject({ code: 'PATH_ESCAPE' });
  });

  it('refuses a path whose folder was swapped for a link to another folder after listing', async () => {
    // O_NOFOLLOW guards the last component only; the inode check catches the folder swap.
    const model = path.join(dir, 'model');
    const outside = path.join(dir, 'outside');
    mkdirSync(path.join(model, 'sub'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(path.join(model, 'sub', 'w.bin'), 'weights');
    writeFileSync(path.join(outside, 'w.bin'), 'secret');
    const listed = statSync(path.join(model, 'sub', 'w.bin'), { bigint: true });
    renameSync(path.join(model, 'sub'), path.join(dir, 'sub-moved'));
    symlinkSync(outside, path.join(model, 'sub'));
    let read = 0;
    await expect(
      hashFileRange({
        path: path.join(model, 'sub', 'w.bin'),
        start: 0,
        end: null,
        algorithm: 'sha256',
        buffer: new Uint8Array(16),
        noFollow: true,
        expected: { dev: listed.dev, ino: listed.ino },
        onBytes: (n) => (read += n),
      }),
    ).rejects.toMatchObject({ code: 'PATH_ESCAPE' });
    expect(read).toBe(0);
  });

  it('refuses anything but a regular file', async () => {
    await expect(hashFileRange({ path: dir, start: 0, end: null, algorithm: 'sha256', buffer: new Uint8Array(16), noFollow: true })).rejects.toMatchObject({
      code: 'PATH_ESCAPE',
    });
  });

  it('refuses to open the file through a symbolic link when told not to follow', async () => {
    const link = path.join(dir, 'link.bin');
    symlinkSync(file, link);
    await expect(hashFileRange({ path: link, start: 0, end: null, algorithm: 'sha256', buffer: new Uint8Array(16), noFollow: true })).rejects.toMatchObject({ code: 'ELOOP' });
    const followed = await hashFileRange({ path: link, start: 0, end: null, algorithm: 'sha256', buffer: new Uint8Array(65_536), noFollow: false });
    expect(followed.digestHex).toBe(sha(data));
  });
});
