import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HASH_WORKER_OUTPUT, HASH_WORKER_SOURCE, resolveHashWorkerUrl } from '../../../../../../electron/services/verification/hashing/worker-url.ts';

describe('hash worker location', () => {
  it('points at the TypeScript entry when running from source', () => {
    const url = resolveHashWorkerUrl();
    expect(fileURLToPath(url).endsWith(HASH_WORKER_SOURCE)).toBe(true);
    expect(existsSync(url)).toBe(true);
  });

  it('points at dist/workers/hash-worker.mjs from any bundle one level under dist', () => {
    expect(resolveHashWorkerUrl('file:///app/dist/main/main.cjs').href).toBe(`file:///app/dist/${HASH_WORKER_OUTPUT}`);
    expect(resolveHashWorkerUrl('file:///app/dist/cli/countersign.mjs').href).toBe('file:///app/dist/workers/hash-worker.mjs');
  });
});
