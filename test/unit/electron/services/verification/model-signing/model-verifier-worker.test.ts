import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HashProgress } from '../../../../../../electron/services/verification/hashing/hash-pool.ts';
import { ModelVerifierWorker } from '../../../../../../electron/services/verification/model-signing/model-verifier-worker.ts';
import { ecKeyPair, makeModel, signWithKey } from './model-fixtures.ts';

const keys = ecKeyPair('P-256');
const policy = { mode: 'public-key' as const, publicKeyPem: keys.publicKeyPem };
const big = Buffer.alloc(24 * 1024 * 1024, 5);
const files = { 'weights.bin': big, 'config.json': '{"layers": 2}', 'tok/vocab.txt': 'a b c' };

/** A model signed with our key-mode signer, and the path of its signature. */
async function signedModel(): Promise<{ root: string; signaturePath: string }> {
  const root = makeModel(files);
  return { root, signaturePath: await signWithKey(root, keys.privateKeyPem) };
}

/** Names of this process's threads (Linux), to see which worker threads are alive. */
function threadNames(): string[] {
  if (process.platform !== 'linux') return [];
  return readdirSync('/proc/self/task').flatMap((tid) => {
    try {
      return [readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim()];
    } catch {
      return []; // the thread ended while we listed
    }
  });
}

const verifier = new ModelVerifierWorker();
afterAll(() => verifier.dispose());

describe('model verifier worker thread', () => {
  it('verifies a whole model in the worker and returns the full report with progress on the way', async () => {
    const { root, signaturePath } = await signedModel();
    const events: HashProgress[] = [];
    const report = await verifier.verify({ modelPath: root, signaturePath, policy }, { onProgress: (p) => events.push(p) });
    expect(report).toMatchObject({ verified: true, failure: null, signer: { mode: 'public-key' }, hashAlgorithm: 'sha256' });
    // The worker's report is complete (redaction for the renderer is the service's job).
    expect(report.files.find((f) => f.path === 'weights.bin')).toMatchObject({
      status: 'verified',
      actualDigest: createHash('sha256').update(big).digest('hex'),
    });
    expect(events.at(-1)).toMatchObject({ bytesDone: report.bytesHashed, bytesTotal: report.bytesHashed, filesDone: 3, filesTotal: 3 });
  });

  it('reports a tampered file as a verdict, not an error', async () => {
    const { root, signaturePath } = await signedModel();
    writeFileSync(path.join(root, 'config.json'), '{"layers": 3}');
    const report = await verifier.verify({ modelPath: root, signaturePath, policy });
    expect(report).toMatchObject({ verified: false, failure: { code: 'MODEL_FILES_MISMATCH' } });
    expect(report.files.find((f) => f.path === 'config.json')?.status).toBe('modified');
  });

  it('brings errors back as AppErrors with their codes', async () => {
    await expect(verifier.verify({ modelPath: '/nonexistent/cs-model', policy })).rejects.toMatchObject({ name: 'AppError', code: 'NOT_FOUND' });
    await expect(verifier.verify({ modelPath: 'relative/model', policy })).rejects.toMatchObject({ name: 'AppError', code: 'INVALID_INPUT' });
  });

  it('cancels a running verification when its signal aborts, and serves the next one', async () => {
    const { root, signaturePath } = await signedModel();
    writeFileSync(path.join(root, 'weights.bin'), Buffer.alloc(256 * 1024 * 1024, 1)); // long enough to cancel mid-way
    const controller = new AbortController();
    const running = verifier.verify({ modelPath: root, signaturePath, policy }, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(verifier.verify({ modelPath: root, signaturePath, policy }, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'CANCELLED' });
    const fresh = await signedModel();
    expect((await verifier.verify({ modelPath: fresh.root, signaturePath: fresh.signaturePath, policy })).verified).toBe(true);
  });

  it('fails what was running with an unexpected error, for the log, when the thread dies', async () => {
    const dying = new ModelVerifierWorker({ workerUrl: new URL('data:text/javascript,process.exit(3)') });
    try {
      const error = await dying.verify({ modelPath: '/tmp', policy }).catch((e: unknown) => e);
      // Not an AppError: dispatch() logs it and shows the user its generic text.
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toMatchObject({ name: 'AppError' });
      expect((error as Error).message).toContain('exited with code 3');
    } finally {
      await dying.dispose();
    }
  });

  it('brings a bug inside the worker back as an unexpected error with its detail, not as a verdict', async () => {
    const { root, signaturePath } = await signedModel();
    // Not valid input (the contract's schema would refuse it): makes the listing throw a TypeError.
    const error = await verifier.verify({ modelPath: root, signaturePath, policy, ignorePaths: [42 as unknown as string] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toMatchObject({ name: 'AppError' });
    expect((error as Error).message).toMatch(/failed unexpectedly: TypeError/);
  });

  it('runs two verifications side by side; cancelling one leaves the other to finish', async () => {
    const slow = await signedModel();
    writeFileSync(path.join(slow.root, 'weights.bin'), Buffer.alloc(256 * 1024 * 1024, 2));
    const quick = await signedModel();
    const controller = new AbortController();
    const cancelled = verifier.verify({ modelPath: slow.root, signaturePath: slow.signaturePath, policy }, { signal: controller.signal, onProgress: () => controller.abort() });
    const finished = verifier.verify({ modelPath: quick.root, signaturePath: quick.signaturePath, policy });
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
    expect((await finished).verified).toBe(true);
  });

  it('says plainly when a verification needs more memory than its thread may use', async () => {
    // 8 MiB cannot even load the verifier: the thread stops at its cap, the process lives on.
    const cramped = new ModelVerifierWorker({ maxHeapMb: 8 });
    try {
      const { root, signaturePath } = await signedModel();
      await expect(cramped.verify({ modelPath: root, signaturePath, policy })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('more memory') });
    } finally {
      await cramped.dispose();
    }
  });

  it.skipIf(process.platform !== 'linux')('stops its own threads, hash and bundle threads included, on dispose', async () => {
    // Thread names are cut to 15 characters: countersign-ver(ify), -has(h), -bun(dle).
    const ours = (): number => threadNames().filter((n) => ['countersign-ver', 'countersign-has', 'countersign-bun'].includes(n)).length;
    // The shared verifier's threads, idle here (they may only stop, on their own idle timers).
    const before = ours();
    const own = new ModelVerifierWorker();
    const { root, signaturePath } = await signedModel();
    await own.verify({ modelPath: root, signaturePath, policy });
    expect(ours()).toBeGreaterThanOrEqual(before + 3);
    const pending = expect(own.verify({ modelPath: root, signaturePath, policy })).rejects.toMatchObject({ code: 'CANCELLED' });
    await own.dispose();
    await pending;
    await expect(own.verify({ modelPath: root, signaturePath, policy })).rejects.toMatchObject({ code: 'NOT_AVAILABLE' });
    // Thread teardown finishes just after terminate() resolves: a bounded wait.
    await expect.poll(ours, { timeout: 5000 }).toBeLessThanOrEqual(before);
  });

  it.skipIf(process.platform !== 'linux')('stops its threads by itself once idle', async () => {
    const ours = (): number => threadNames().filter((n) => ['countersign-ver', 'countersign-has', 'countersign-bun'].includes(n)).length;
    const before = ours();
    const brief = new ModelVerifierWorker({ idleMs: 50 });
    try {
      const { root, signaturePath } = await signedModel();
      expect((await brief.verify({ modelPath: root, signaturePath, policy })).verified).toBe(true);
      await expect.poll(ours, { timeout: 5000 }).toBeLessThanOrEqual(before);
      // And starts afresh when asked again.
      expect((await brief.verify({ modelPath: root, signaturePath, policy })).verified).toBe(true);
    } finally {
      await brief.dispose();
    }
  });
});
