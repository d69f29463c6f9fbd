// Where a worker thread's entry file is, from source or from a bundled build. Workers are
// never imported (services must not import electron/workers); they are started by URL.
// Every worker (hashing here, bundle verification in ../sigstore, whole model verifications
// in ../model-signing) resolves through this one function, so the source and bundle layouts
// are described in one place.
import { pathToFileURL } from 'node:url';

/** The names of the worker entries in electron/workers/ (without extension). */
export type WorkerName = 'hash-worker' | 'bundle-worker' | 'model-verify-worker';

/** A worker's source entry, relative to the repository root (for the build script). */
export function workerSource(name: WorkerName): string {
  return `electron/workers/${name}.ts`;
}

/**
 * A worker's bundled output, relative to `dist/`. The build (scripts/build.ts) emits every
 * electron/workers/*.ts entry there as a standalone ES module: bundles live one level down
 * (dist/main/, dist/cli/), so from any of them a worker is `../workers/<name>.mjs`.
 */
export function workerOutput(name: WorkerName): string {
  return `workers/${name}.mjs`;
}

/** The hash worker's source entry, relative to the repository root. */
export const HASH_WORKER_SOURCE = workerSource('hash-worker');

/** The hash worker's bundled output, relative to `dist/`. */
export const HASH_WORKER_OUTPUT = workerOutput('hash-worker');

function currentModuleUrl(): string {
  // In a CommonJS bundle import.meta is empty; __filename is the bundle there.
  const url = (import.meta as { url?: string }).url;
  if (typeof url === 'string') return url;
  return pathToFileURL(__filename).href;
}

/**
 * The URL to pass to `new Worker()` for the worker `name`. `moduleUrl` (this file's URL by
 * default) decides the layout: a `.ts` module means we run from source (this file sits in
 * electron/services/verification/hashing/) and Node strips the worker's types too; anything
 * else is a bundle one level under dist/.
 */
export function resolveWorkerUrl(name: WorkerName, moduleUrl: string = currentModuleUrl()): URL {
  if (new URL(moduleUrl).pathname.endsWith('.ts')) {
    return new URL(`../../../workers/${name}.ts`, moduleUrl);
  }
  return new URL(`../${workerOutput(name)}`, moduleUrl);
}

/** The hash worker's URL; see {@link resolveWorkerUrl}. */
export function resolveHashWorkerUrl(moduleUrl: string = currentModuleUrl()): URL {
  return resolveWorkerUrl('hash-worker', moduleUrl);
}
