// Starts `electron/preview/main.ts` as a child process with a fresh user-data folder and its
// own keychain service name, and waits (bounded) for the URL it prints. The folder is removed
// only once the child has exited (by `stop`, or when it fails to start); the temp-dir helper
// removes it at the end of the file as a backstop.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './peers.ts';
import { makeTempDir, removeTempDir } from './temp-dir.ts';

export interface RunningPreview {
  url: string;
  origin: string;
  token: string;
  userDataDir: string;
  keychainService: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** Launches the preview server; throws with its output when it does not come up in time. */
export async function startPreview(timeoutMs = 60_000): Promise<RunningPreview> {
  if (!existsSync(path.join(REPO_ROOT, 'dist/renderer/index.html'))) {
    throw new Error('dist/renderer is not built: run `node scripts/build.ts` (npm test does).');
  }
  const userDataDir = makeTempDir('cs-e2e-user-data');
  const keychainService = `countersign-e2e-${process.pid}-${Date.now()}`;
  const child: ChildProcess = spawn(
    process.execPath,
    ['electron/preview/main.ts', '--user-data', userDataDir, '--keychain-service', keychainService],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));

  const started = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`preview did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const check = (): void => {
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64})/.exec(output);
      if (match?.[1] && output.includes('PREVIEW_READY')) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`preview exited with ${code}:\n${output}`));
    });
  });
  let url: string;
  try {
    url = await started;
  } catch (error) {
    await stopChild(child);
    removeTempDir(userDataDir);
    throw error;
  }
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.hash.replace('#token=', ''),
    userDataDir,
    keychainService,
    output: () => output,
    stop: async () => {
      await stopChild(child);
      removeTempDir(userDataDir);
    },
  };
}

/** Asks the child to stop, forces it after 5 s, and resolves once it has exited (or 5 s more). */
async function stopChild(child: ChildProcess): Promise<void> {
  const exited = (): boolean => child.exitCode !== null || child.signalCode !== null;
  const waitForExit = (ms: number): Promise<unknown> =>
    Promise.race([new Promise((r) => child.once('exit', r)), new Promise((r) => setTimeout(r, ms).unref())]);
  if (exited()) return;
  child.kill('SIGTERM');
  await waitForExit(5000);
  if (exited()) return;
  child.kill('SIGKILL');
  await waitForExit(5000);
}
