import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { walkModel } from '../../../../../../electron/services/verification/model-signing/model-walk.ts';
import { makeModel } from './model-fixtures.ts';
import { makeTempDir } from '../../../../../support/temp-dir.ts';

const summary = (entries: Awaited<ReturnType<typeof walkModel>>['entries']) =>
  entries.map((e) => (e.kind === 'file' ? `${e.rel}=${e.size}` : `${e.rel}!${e.code}`));

describe('listing a model folder', () => {
  it('lists every regular file with its size, at any depth, sorted', async () => {
    const root = makeModel({ 'b.bin': 'bb', 'a/x.txt': 'x', 'a/deep/y': 'yyy', empty: '' });
    const listing = await walkModel(root, { allowSymlinks: false, ignores: [] });
    expect(summary(listing.entries)).toEqual(['a/deep/y=3', 'a/x.txt=1', 'b.bin=2', 'empty=0']);
    expect(listing.singleFile).toBe(false);
  });

  it('records the device and inode of each file, the target for a link, for hashing to check', async () => {
    const root = makeModel({ 'real/w.bin': 'weights', 'b.bin': 'bb' });
    symlinkSync('real/w.bin', path.join(root, 'alias.bin'));
    const listing = await walkModel(root, { allowSymlinks: true, ignores: [] });
    const identity = (p: string) => {
      const st = lstatSync(path.join(root, p), { bigint: true });
      return { dev: st.dev, ino: st.ino };
    };
    const byRel = Object.fromEntries(listing.entries.map((e) => [e.rel, e.kind === 'file' ? e.identity : null]));
    expect(byRel).toEqual({ 'alias.bin': identity('real/w.bin'), 'b.bin': identity('b.bin'), 'real/w.bin': identity('real/w.bin') });
    const single = await walkModel(path.join(root, 'b.bin'), { allowSymlinks: false, ignores: [] });
    expect(single.entries[0]).toMatchObject({ kind: 'file', identity: identity('b.bin') });
  });

  it('leaves out ignored paths and everything under them', async () => {
    const root = makeModel({ 'keep/a': 'a', '.git/config': 'c', 'model.sig': '{}', 'skip/dir/f': 'f' });
    const listing = await walkModel(root, { allowSymlinks: false, ignores: ['.git', 'model.sig', 'skip'] });
    expect(summary(listing.entries)).toEqual(['keep/a=1']);
  });

  it('lists a single-file model as one entry named "."', async () => {
    const root = makeModel({ 'w.bin': 'abc' });
    const listing = await walkModel(path.join(root, 'w.bin'), { allowSymlinks: false, ignores: ['w.bin'] });
    expect(listing.singleFile).toBe(true);
    expect(summary(listing.entries)).toEqual(['.=3']);
  });

  it('refuses a symbolic link that points outside the folder as PATH_ESCAPE, even when links are allowed', async () => {
    const parent = makeTempDir('cs-walk');
    const root = makeModel({ a: 'a' }, parent);
    writeFileSync(path.join(parent, 'secret'), 'secret');
    symlinkSync(path.join(parent, 'secret'), path.join(root, 'to-secret'));
    symlinkSync('/etc', path.join(root, 'etc-dir'));
    for (const allowSymlinks of [false, true]) {
      const listing = await walkModel(root, { allowSymlinks, ignores: [] });
      expect(summary(listing.entries)).toEqual(['a=1', 'etc-dir!PATH_ESCAPE', 'to-secret!PATH_ESCAPE']);
    }
  });

  it('refuses links inside the folder unless allowed, then hashes their target', async () => {
    const root = makeModel({ 'real/w.bin': 'weights' });
    symlinkSync('real/w.bin', path.join(root, 'alias.bin'));
    symlinkSync('real', path.join(root, 'alias-dir'));
    const refused = await walkModel(root, { allowSymlinks: false, ignores: [] });
    expect(summary(refused.entries)).toEqual(['alias-dir!SYMLINK_NOT_ALLOWED', 'alias.bin!SYMLINK_NOT_ALLOWED', 'real/w.bin=7']);
    const allowed = await walkModel(root, { allowSymlinks: true, ignores: [] });
    expect(summary(allowed.entries)).toEqual(['alias-dir/w.bin=7', 'alias.bin=7', 'real/w.bin=7']);
    expect(allowed.entries.find((e) => e.rel === 'alias.bin')).toMatchObject({ kind: 'file', viaSymlink: true, abs: path.join(allowed.root, 'real/w.bin') });
  });

  it('does not loop on a link to a folder it already listed', async () => {
    const root = makeModel({ 'd/f': 'f' });
    symlinkSync('..', path.join(root, 'd', 'up'));
    const listing = await walkModel(root, { allowSymlinks: true, ignores: [] });
    expect(summary(listing.entries)).toEqual(['d/f=1', 'd/up!UNREADABLE']);
  });

  it('refuses broken links and special files', async () => {
    const root = makeModel({ a: 'a' });
    symlinkSync('nowhere', path.join(root, 'broken'));
    execFileSync('mkfifo', [path.join(root, 'pipe')]);
    const listing = await walkModel(root, { allowSymlinks: true, ignores: [] });
    expect(summary(listing.entries)).toEqual(['a=1', 'broken!UNREADABLE', 'pipe!SPECIAL_FILE']);
  });

  it('throws NOT_FOUND for a missing model and bounds the number of entries', async () => {
    await expect(walkModel(path.join(makeTempDir('cs-walk'), 'absent'), { allowSymlinks: false, ignores: [] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const root = makeModel({});
    for (let i = 0; i < 5; i += 1) mkdirSync(path.join(root, `d${i}`));
    for (let i = 0; i < 5; i += 1) writeFileSync(path.join(root, `d${i}`, 'f'), '');
    await expect(walkModel(root, { allowSymlinks: false, ignores: [], maxEntries: 3 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('counts folders toward the bound, so a tree of empty folders cannot keep it walking', async () => {
    const root = makeModel({});
    for (let i = 0; i < 150; i += 1) mkdirSync(path.join(root, `empty-${i}`));
    await expect(walkModel(root, { allowSymlinks: false, ignores: [], maxEntries: 5 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect((await walkModel(root, { allowSymlinks: false, ignores: [], maxEntries: 150 })).entries).toEqual([]);
  });
});
