// Temporary folders for tests, removed when the test (or the test file) that made them ends,
// so a run of the suite leaves nothing behind in the system's temporary folder.
//
// Two lifetimes, chosen by where the folder is made:
// - inside a test, or a beforeEach/afterEach hook: removed by `onTestFinished`, which runs
//   after the test's afterEach hooks (so a hook that closes a service still sees its files);
// - anywhere else (module top level, a describe body, a beforeAll hook): removed by the
//   `afterAll` below, after the file's last test.
//
// That `afterAll` is registered when a test file first imports this module. Vitest isolates
// test files (each gets fresh modules; `isolate` is on by default and this project keeps
// it), so every file that uses the helper gets its own hook and its own list. Vitest runs
// afterAll hooks in reverse order of registration ("stack"), and this one is registered
// while the file's imports load, before the file's own hooks: it therefore runs after them,
// once the file has closed its servers and stopped its child processes. For the same reason
// only vitest test files (and their helpers) may import this module: plain scripts such as
// test/bench/run.ts would fail on the `afterAll` call.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, onTestFinished, TestRunner } from 'vitest';

const madeOutsideTests = new Set<string>();

afterAll(() => {
  for (const dir of madeOutsideTests) removeTempDir(dir);
  madeOutsideTests.clear();
});

/**
 * Makes a new, empty folder `<os temp>/<prefix>-XXXXXX` and arranges its removal: when the
 * current test finishes if called in a test (or its beforeEach/afterEach hooks), otherwise
 * after the test file's last test and its own afterAll hooks. Give the prefix a `cs-` start
 * so a leak is easy to trace (`makeTempDir('cs-model')`).
 *
 * A test that starts a child process writing into the folder must wait for that child to
 * exit before it ends (or stop it in an afterEach/afterAll hook), since removal follows them.
 * Throws what `mkdtempSync` throws (for example when the temp folder is not writable).
 */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  if (TestRunner.getCurrentTest() === undefined) madeOutsideTests.add(dir);
  else onTestFinished(() => removeTempDir(dir));
  return dir;
}

/**
 * Removes a folder made by `makeTempDir` now, for code that must delete it at a precise
 * moment (after a child process exits). Absent folders are fine; retries briefly when a
 * closing process still holds a file. Throws when the folder cannot be removed.
 */
export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
  madeOutsideTests.delete(dir);
}
