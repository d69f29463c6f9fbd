import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../../../support/temp-dir.ts';
import type { HashProgress, HashRequest } from '../../../../../../electron/services/verification/hashing/hash-pool.ts';
import { HashPool } from '../../../../../../electron/services/verification/hashing/hash-pool.ts';

const dir = makeTempDir('cs-pool');
const files = Array.from({ length: 25 }, (_, i) => {
  const data = Buffer.alloc(1000 + i * 40_000).fill(i);
  const p = path.join(dir, `f${i}.bin`);
  writeFileSync(p, data);
  return { path: p, data };
});
const big = path.join(dir, 'big.bin');
writeFileSync(big, Buffer.alloc(96 * 1024 * 1024, 7));

const pool = new HashPool({ size: 2 });
afterAll(() => pool.dispose());

const request = (p: string, bytes: number, file = p): HashRequest => ({ path: p, start: 0, end: null, algorithm: 'sha256', noFollow: true, bytes, file });

describe('hash worker pool', () => {
  it('returns every digest in request order, computed in worker threads', async () => {
    const results = await pool.hash(files.map((f) => request(f.path, f.data.length)));
    expect(results).toEqual(files.map((f) => ({ ok: true, digestHex: createHash('sha256').update(f.data).digest('hex'), bytes: f.data.length })));
  });

  it('hashes hundreds of small files, many to a worker message, each outcome at its own index', async () => {
    const small = Array.from({ length: 600 }, (_, i) => {
      const p = path.join(dir, `s${i}.bin`);
      const data = Buffer.from(`small file ${i}`);
      writeFileSync(p, data);
      return { path: p, data };
    });
    const requests = [...small.map((f) => request(f.path, f.data.length)), request(path.join(dir, 'absent-small'), 10), request(files[24]!.path, files[24]!.data.length)];
    const events: HashProgress[] = [];
    const results = await pool.hash(requests, { onProgress: (p) => events.push(p) });
    expect(results.slice(0, 600)).toEqual(small.map((f) => ({ ok: true, digestHex: createHash('sha256').update(f.data).digest('hex'), bytes: f.data.length })));
    expect(results[600]).toMatchObject({ ok: false, errorCode: 'ENOENT' });
    expect(results[601]).toMatchObject({ ok: true, bytes: files[24]!.data.length });
    expect(events.at(-1)).toMatchObject({ filesDone: 602, filesTotal: 602 });
  });

  it('reports a file it cannot read as an outcome, not a failure of the whole job', async () => {
    const [good, missing] = await pool.hash([request(files[0]!.path, 1000), request(path.join(dir, 'absent'), 10)]);
    expect(good?.ok).toBe(true);
    expect(missing).toMatchObject({ ok: false, errorCode: 'ENOENT' });
  });

  it('reports progress that only grows and ends at the totals', async () => {
    const events: HashProgress[] = [];
    // Two ranges of one file count as one file.
    const requests = [...files.map((f) => request(f.path, f.data.length)), { ...request(big, 48 * 1024 * 1024), end: 48 * 1024 * 1024 }, { ...request(big, 48 * 1024 * 1024), start: 48 * 1024 * 1024 }];
    await pool.hash(requests, { onProgress: (p) => events.push(p), progressIntervalMs: 5 });
    const total = requests.reduce((s, r) => s + r.bytes, 0);
    expect(events.length).toBeGreaterThan(2);
    for (let i = 1; i < events.length; i += 1) {
      expect(events[i]!.bytesDone).toBeGreaterThanOrEqual(events[i - 1]!.bytesDone);
      expect(events[i]!.filesDone).toBeGreaterThanOrEqual(events[i - 1]!.filesDone);
    }
    expect(events.at(-1)).toMatchObject({ bytesDone: total, bytesTotal: total, filesDone: 26, filesTotal: 26 });
    expect(events.every((e) => e.bytesDone <= e.bytesTotal)).toBe(true);
  });

  it('stops promptly with CANCELLED when the signal aborts, and keeps serving afterwards', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const job = pool.hash(Array.from({ length: 8 }, () => request(big, 96 * 1024 * 1024)), { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(job).rejects.toMatchObject({ name: 'AppError', code: 'CANCELLED' });
    expect(performance.now() - started).toBeLessThan(2000);
    const [after] = await pool.hash([request(files[1]!.path, files[1]!.data.length)]);
    expect(after?.ok).toBe(true);
  });

  it('rejects at once when the signal is already aborted', async () => {
    await expect(pool.hash([request(big, 1)], { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('runs two jobs at the same time without mixing their results', async () => {
    const [a, b] = await Promise.all([pool.hash([request(files[2]!.path, 1)]), pool.hash([request(files[3]!.path, 1)])]);
    expect(a?.[0]).toMatchObject({ digestHex: createHash('sha256').update(files[2]!.data).digest('hex') });
    expect(b?.[0]).toMatchObject({ digestHex: createHash('sha256').update(files[3]!.data).digest('hex') });
  });

  it('refuses work after dispose', async () => {
    const other = new HashPool({ size: 1 });
    await other.dispose();
    await expect(other.hash([request(big, 1)])).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});

/** A stand-in hash worker from source text, to make the pool face threads that misbehave. */
const fakeWorker = (body: string): URL => new URL(`data:text/javascript,${encodeURIComponent(`import { parentPort } from 'node:worker_threads';\n${body}`)}`);
/** Settles with the job's outcome, or 'hung' when it has not settled in `ms`. */
const within = <T,>(job: Promise<T>, ms = 3000): Promise<T | 'hung'> =>
  Promise.race([job, new Promise<'hung'>((r) => setTimeout(() => r('hung'), ms).unref())]);

describe('hash worker pool facing threads that stop', () => {
  it('drops a worker that exits while idle, so the next job goes to a fresh one', async () => {
    const quitter = new HashPool({
      size: 1,
      workerUrl: fakeWorker(`parentPort.on('message', (b) => {
        parentPort.postMessage({ type: 'done', batchId: b.batchId, outcomes: b.ranges.map(() => ({ ok: true, digestHex: 'ab', bytes: 0 })) });
        setTimeout(() => process.exit(0), 10);
      });`),
    });
    try {
      expect(await within(quitter.hash([request(big, 1)]))).toEqual([{ ok: true, digestHex: 'ab', bytes: 0 }]);
      await new Promise((r) => setTimeout(r, 200)); // the worker is gone by now
      expect(await within(quitter.hash([request(big, 1)]))).toEqual([{ ok: true, digestHex: 'ab', bytes: 0 }]);
    } finally {
      await quitter.dispose();
    }
  });

  it('fails a job whose worker dies mid-batch with INTERNAL, and fails (never hangs) the jobs after it', async () => {
    const dying = new HashPool({ size: 1, workerUrl: fakeWorker(`parentPort.on('message', () => process.exit(7));`) });
    try {
      for (let i = 0; i < 2; i += 1) {
        const outcome = await within(dying.hash([request(big, 1)]).catch((error: unknown) => error));
        expect(outcome).toMatchObject({ name: 'AppError', code: 'INTERNAL', message: expect.stringContaining('exit code 7') });
      }
    } finally {
      await dying.dispose();
    }
  });

  it('fails a job when a worker answers for a different number of ranges than it was given', async () => {
    const confused = new HashPool({ size: 1, workerUrl: fakeWorker(`parentPort.on('message', (b) => parentPort.postMessage({ type: 'done', batchId: b.batchId, outcomes: [] }));`) });
    try {
      const outcome = await within(confused.hash([request(big, 1), request(big, 1)]).catch((error: unknown) => error));
      expect(outcome).toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('different number') });
    } finally {
      await confused.dispose();
    }
  });
});
