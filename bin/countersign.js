#!/usr/bin/env node
// Runs the bundled CLI when built, otherwise the TypeScript source (Node 24 strips types).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../dist/cli/countersign.mjs', import.meta.url));
const source = fileURLToPath(new URL('../electron/cli/main.ts', import.meta.url));
const { main } = await import(pathToFileURL(existsSync(built) ? built : source).href);
const io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };
process.exitCode = await main(process.argv.slice(2), io);
