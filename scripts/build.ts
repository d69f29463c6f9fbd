#!/usr/bin/env node
// Builds every runtime without the Electron binary: esbuild for main (ESM), the sandboxed
// preload (one CommonJS file, since sandboxed preloads cannot require modules), the worker
// threads and the CLI; Vite for the renderer. `--renderer` builds only the renderer (what the
// preview needs).
import { build, type BuildOptions } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = (...p: string[]): string => path.join(root, 'dist', ...p);
const rendererOnly = process.argv.includes('--renderer');

// Native and Electron modules stay outside the bundle (keytar is unpacked from asar).
const external = ['electron', '@github/keytar'];
const node: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: true,
  external,
  logLevel: 'warning',
  // ESM bundles of CommonJS dependencies need a require().
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  format: 'esm',
  outExtension: { '.js': '.mjs' },
};

async function buildNode(): Promise<void> {
  rmSync(out(), { recursive: true, force: true });
  const workers = readdirSync(path.join(root, 'electron/workers'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(root, 'electron/workers', f));
  await Promise.all([
    build({ ...node, entryPoints: [path.join(root, 'electron/main/main.ts')], outdir: out('main') }),
    build({
      ...node,
      entryPoints: [path.join(root, 'electron/preload/preload.ts')],
      outfile: out('preload', 'preload.cjs'),
      format: 'cjs',
      banner: {},
      outExtension: {},
      platform: 'browser',
    }),
    build({ ...node, entryPoints: workers, outdir: out('workers') }),
    build({ ...node, entryPoints: { countersign: path.join(root, 'electron/cli/main.ts') }, outdir: out('cli') }),
  ]);
}

async function buildRenderer(): Promise<void> {
  await viteBuild({ configFile: path.join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
}

if (!rendererOnly) await buildNode();
await buildRenderer();
console.log(`build: ${rendererOnly ? 'renderer' : 'main, preload, workers, cli, renderer'} → dist/`);
