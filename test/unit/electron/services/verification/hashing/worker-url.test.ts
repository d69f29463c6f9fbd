import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HASH_WORKER_OUTPUT, HASH_WORKER_SOURCE, resolveHashWorkerUrl, resolveWorkerUrl, workerOutput, workerSource } from '../../../../../../electron/services/verification/hashing/worker-url.ts';

describe('worker locations', () => {
  it('points at the TypeScript entry when running from source', () => {
    const url = resolveHashWorkerUrl();
    expect(fileURLToPath(url).endsWith(HASH_WORKER_SOURCE)).toBe(true);
    expect(existsSync(url)).toBe(true);
  });

  it('points at dist/workers/hash-worker.mjs from any bundle one level under dist', () => {
    expect(resolveHashWorkerUrl('file:///app/dist/main/main.cjs').href).toBe(`file:///app/dist/${HASH_WORKER_OUTPUT}`);
    expect(resolveHashWorkerUrl('file:///app/dist/cli/countersign.mjs').href).toBe('file:///app/dist/workers/hash-worker.mjs');
  });

  it('resolves the bundle worker the same way, from source and from a bundle', () => {
    const fromSource = resolveWorkerUrl('bundle-worker');
    expect(fileURLToPath(fromSource).endsWith(workerSource('bundle-worker'))).toBe(true);
    expect(existsSync(fromSource)).toBe(true);
    expect(resolveWorkerUrl('bundle-worker', 'file:///app/dist/main/main.mjs').href).toBe(`file:///app/dist/${workerOutput('bundle-worker')}`);
    expect(resolveWorkerUrl('bundle-worker', 'file:///app/dist/cli/countersign.mjs').href).toBe('file:///app/dist/workers/bundle-worker.mjs');
  });
});
