import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSignedName, comparePaths, isIgnored, isInside, toRootRelative } from '../../../../../../electron/services/verification/model-signing/paths.ts';

describe('signed names', () => {
  it('canonicalises names as POSIX paths do', () => {
    expect(checkSignedName('a//b/./c/')).toEqual({ ok: true, path: 'a/b/c' });
    expect(checkSignedName('./weights.bin')).toEqual({ ok: true, path: 'weights.bin' });
    expect(checkSignedName('.')).toEqual({ ok: true, path: '.' });
    expect(checkSignedName('')).toEqual({ ok: true, path: '.' });
    expect(checkSignedName('..foo/x')).toEqual({ ok: true, path: '..foo/x' });
  });

  it('refuses names that would leave the model folder', () => {
    expect(checkSignedName('../etc/passwd').ok).toBe(false);
    expect(checkSignedName('a/../../b').ok).toBe(false);
    expect(checkSignedName('/etc/passwd').ok).toBe(false);
    expect(checkSignedName('a\0b').ok).toBe(false);
  });
});

describe('ignore paths', () => {
  const root = path.resolve('/models/m');
  it('takes relative paths relative to the model and keeps absolute ones inside it', () => {
    expect(toRootRelative('ignore-me', root)).toBe('ignore-me');
    expect(toRootRelative('sub/dir/', root)).toBe('sub/dir');
    expect(toRootRelative(path.join(root, 'x', 'y'), root)).toBe('x/y');
    expect(toRootRelative('..foo', root)).toBe('..foo');
  });

  it('drops entries that name the model root itself, which would ignore every file', () => {
    for (const p of ['.', '', './', 'sub/..', './sub/../.', root, `${root}/`]) expect(toRootRelative(p, root)).toBeNull();
  });

  it('drops paths outside the model', () => {
    expect(toRootRelative('../other', root)).toBeNull();
    expect(toRootRelative('/etc', root)).toBeNull();
  });

  it('ignores a path and everything under it, matching whole segments only', () => {
    expect(isIgnored('.git', ['.git'])).toBe(true);
    expect(isIgnored('.git/config', ['.git'])).toBe(true);
    expect(isIgnored('.github/x', ['.git'])).toBe(false);
    expect(isIgnored('anything', ['.'])).toBe(false);
    expect(isIgnored('anything', [''])).toBe(false);
    expect(isIgnored('model.sig', [])).toBe(false);
  });
});

describe('confinement and ordering', () => {
  it('tells whether a real path lies inside the root', () => {
    expect(isInside('/a/b', '/a/b')).toBe(true);
    expect(isInside('/a/b', '/a/b/c')).toBe(true);
    expect(isInside('/a/b', '/a/b/..c')).toBe(true);
    expect(isInside('/a/b', '/a/bc')).toBe(false);
    expect(isInside('/a/b', '/a')).toBe(false);
  });

  it('orders paths segment by segment like Python PurePosixPath (a/b before a-b)', () => {
    const sorted = ['a-b', 'a/b', 'B', 'a', 'a/a/z', 'é', 'z'].sort(comparePaths);
    expect(sorted).toEqual(['B', 'a', 'a/a/z', 'a/b', 'a-b', 'z', 'é']);
  });
});
