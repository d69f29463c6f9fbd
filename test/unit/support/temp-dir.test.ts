// The temp-dir helper removes each folder when its owner ends, and not before: tests that
// close services in afterEach/afterAll hooks rely on their folders still being there.
// (That the whole suite leaves nothing behind is checked by running it with a private TMPDIR.)
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../../support/temp-dir.ts';

let fileDir: string;

beforeAll(() => {
  fileDir = makeTempDir('cs-temp-dir-test');
});
afterAll(() => {
  // Runs before the helper's own afterAll (hooks run in reverse order of registration).
  expect(existsSync(fileDir)).toBe(true);
});

describe('a folder made inside a test', () => {
  let made: string | undefined;
  const seenInAfterEach: boolean[] = [];
  afterEach(() => {
    if (made !== undefined) seenInAfterEach.push(existsSync(made));
  });

  it('is new, empty, named after the prefix and under the system temp folder', () => {
    made = makeTempDir('cs-temp-dir-test');
    expect(path.dirname(made)).toBe(tmpdir());
    expect(path.basename(made)).toMatch(/^cs-temp-dir-test-[A-Za-z0-9]{6}$/);
    expect(readdirSync(made)).toEqual([]);
    expect(makeTempDir('cs-temp-dir-test')).not.toBe(made);
  });

  it('outlived its test’s afterEach hooks, then was removed before the next test', () => {
    expect(seenInAfterEach).toEqual([true]);
    expect(made).toBeDefined();
    expect(existsSync(made!)).toBe(false);
    made = undefined;
  });
});

describe('a folder made outside a test', () => {
  it('lasts for the whole file', () => {
    expect(existsSync(fileDir)).toBe(true);
  });
});

describe('removeTempDir', () => {
  it('removes a folder at once, and accepts one already gone', () => {
    const dir = makeTempDir('cs-temp-dir-test');
    removeTempDir(dir);
    expect(existsSync(dir)).toBe(false);
    expect(() => removeTempDir(dir)).not.toThrow();
  });
});
