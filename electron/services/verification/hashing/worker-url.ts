// Where the hash worker's entry file is, from source or from a bundled build. The worker
// is never imported (services must not import electron/workers); it is started by URL.
import { pathToFileURL } from 'node:url';

/** The worker's source entry, relative to the repository root (for the build script). */
export const HASH_WORKER_SOURCE = 'electron/workers/hash-worker.ts';

/**
 * The worker's bundled output, relative to `dist/`. The build must emit the source entry
 * there as a standalone ES module: bundles live one level down (dist/main/, dist/cli/),
 * so from any of them the worker is `../workers/hash-worker.mjs`.
 */
export const HASH_WORKER_OUTPUT = 'workers/hash-worker.mjs';

function currentModuleUrl(): string {
  // In a CommonJS bundle import.meta is empty; __filename is the bundle there.
  const url = (import.meta as { url?: string }).url;
  if (typeof url === 'string') return url;
  return pathToFileURL(__filename).href;
}

/**
 * The URL to pass to `new Worker()`. `moduleUrl` (this file's URL by default) decides the
 * layout: a `.ts` module means we run from source and Node strips the worker's types too.
 */
export function resolveHashWorkerUrl(moduleUrl: string = currentModuleUrl()): URL {
  if (new URL(moduleUrl).pathname.endsWith('.ts')) {
    return new URL('../../../workers/hash-worker.ts', moduleUrl);
  }
  return new URL(`../${HASH_WORKER_OUTPUT}`, moduleUrl);
}
