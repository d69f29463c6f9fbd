// Where the built pieces live, relative to the app folder (the asar in a packaged app,
// the repository in development). scripts/build.ts writes them there.
import path from 'node:path';

/** The built renderer, served over app://. */
export function rendererDirOf(appPath: string): string {
  return path.join(appPath, 'dist', 'renderer');
}

/** The sandboxed preload, bundled to one CommonJS file. */
export function preloadPathOf(appPath: string): string {
  return path.join(appPath, 'dist', 'preload', 'preload.cjs');
}
