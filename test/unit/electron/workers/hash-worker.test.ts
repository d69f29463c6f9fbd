import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../support/temp-dir.ts';
import type { HashBatchMessage, HashBatchReply, HashRange } from '../../../../electron/services/verification/hashing/worker-protocol.ts';
import { CONTROL_BYTES, controlViews } from '../../../../electron/services/verification/hashing/worker-protocol.ts';

const worker = new Worker(new URL('../../../../electron/workers/hash-worker.ts', import.meta.url));
afterAll(() => worker.terminate());
const dir = makeTempDir('cs-worker');
const file = path.join(dir, 'x.bin');
const data = Buffer.alloc(20 * 1024 * 1024, 3);
writeFileSync(file, data);

function askBatch(ranges: HashRange[], control: SharedArrayBuffer, batchId: number): Promise<HashBatchReply> {
  return new Promise((resolve) => {
    const onMessage = (reply: HashBatchReply): void => {
      if (reply.batchId !== batchId) return;
      worker.off('message', onMessage);
      resolve(reply);
    };
    worker.on('message', onMessage);
    worker.postMessage({ type: 'hash', batchId, control, ranges } satisfies HashBatchMessage);
  });
}

/** One range alone: its outcome, or 'cancelled'. */
async function ask(task: HashRange & { control: SharedArrayBuffer }, batchId: number): Promise<unknown> {
  const { control, ...range } = task;
  const reply = await askBatch([range], control, batchId);
  return reply.type === 'done' ? reply.outcomes[0] : reply.type;
}

describe('hash worker thread', () => {
  it('hashes a range and adds the bytes it read to the shared counter', async () => {
    const control = new SharedArrayBuffer(CONTROL_BYTES);
    const reply = await ask({ path: file, start: 5, end: 9_000_005, algorithm: 'blake2b', noFollow: true, control }, 1);
    expect(reply).toEqual({ ok: true, digestHex: createHash('blake2b512').update(data.subarray(5, 9_000_005)).digest('hex'), bytes: 9_000_000 });
    expect(Atomics.load(controlViews(control).bytes, 0)).toBe(9_000_000n);
  });

  it('answers a batch with one outcome per range, in order, a failure in the middle included', async () => {
    const control = new SharedArrayBuffer(CONTROL_BYTES);
    const whole = { path: file, start: 0, end: null, algorithm: 'sha256', noFollow: true } as const;
    const reply = await askBatch([whole, { ...whole, path: path.join(dir, 'absent') }, { ...whole, start: 7, end: 1007 }], control, 6);
    const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
    expect(reply).toMatchObject({
      type: 'done',
      batchId: 6,
      outcomes: [
        { ok: true, digestHex: sha(data), bytes: data.length },
        { ok: false, errorCode: 'ENOENT' },
        { ok: true, digestHex: sha(data.subarray(7, 1007)), bytes: 1000 },
      ],
    });
    expect(Atomics.load(controlViews(control).bytes, 0)).toBe(BigInt(data.length + 1000));
  });

  it('answers with the file-system error code for a file it cannot open', async () => {
    const control = new SharedArrayBuffer(CONTROL_BYTES);
    const reply = await ask({ path: path.join(dir, 'nope'), start: 0, end: null, algorithm: 'sha256', noFollow: true, control }, 2);
    expect(reply).toMatchObject({ ok: false, errorCode: 'ENOENT' });
  });

  it('answers PATH_ESCAPE, reading nothing, when the path no longer leads to the file listed', async () => {
    const other = path.join(dir, 'other.bin');
    writeFileSync(other, 'other');
    const st = statSync(other, { bigint: true });
    const control = new SharedArrayBuffer(CONTROL_BYTES);
    const reply = await ask({ path: file, start: 0, end: null, algorithm: 'sha256', noFollow: true, expected: { dev: st.dev, ino: st.ino }, control }, 4);
    expect(reply).toMatchObject({ ok: false, errorCode: 'PATH_ESCAPE' });
    expect(Atomics.load(controlViews(control).bytes, 0)).toBe(0n);
  });

  it('refuses a FIFO put where a file was listed, without blocking on it', async () => {
    const fifo = path.join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const control = new SharedArrayBuffer(CONTROL_BYTES);
    const reply = ask({ path: fifo, start: 0, end: null, algorithm: 'sha256', noFollow: true, control }, 5);
    const first = await Promise.race([reply, new Promise<'blocked'>((r) => setTimeout(() => r('blocked'), 3000))]);
    if (first === 'blocked') {
      // Release the worker stuck in open() so the suite can end, then fail.
      closeSync(openSync(fifo, 'w'));
      await reply;
    }
    expect(first).toMatchObject({ ok: false, errorCode: 'PATH_ESCAPE' });
  });

  it('answers cancelled without reading when the job is flagged cancelled', async () => {
    const control = new SharedArrayBuffer(CONTROL_BYTES);
    Atomics.store(controlViews(control).flag, 0, 1);
    const reply = await ask({ path: file, start: 0, end: null, algorithm: 'blake3', noFollow: true, control }, 3);
    expect(reply).toBe('cancelled');
    expect(Atomics.load(controlViews(control).bytes, 0)).toBe(0n);
  });
});
