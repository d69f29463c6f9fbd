// The worker-backed bundle verifier against the in-thread one, on real model signatures
// from ../shared/fixtures/model-signing (a keyless sigstore-mode and an elliptic-key one).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { threadId } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../../../shared/errors.ts';
import {
  BundleVerifierWorker,
  verifyBundle,
  type ArtifactInput,
  type BundlePolicy,
} from '../../../../../../electron/services/verification/sigstore/index.ts';
import { requireFixture } from '../../../../../support/peers.ts';

const dir = requireFixture('model-signing');
const cases = JSON.parse(readFileSync(path.join(dir, 'cases.json'), 'utf8')) as {
  keys: { publicKey: string };
  sigstoreIdentity: { identity: string; issuer: string };
};
const bundleOf = (name: string): unknown => JSON.parse(readFileSync(path.join(dir, name, 'model.sig'), 'utf8'));
const keyless = { bundle: bundleOf('v1.0.0-sigstore'), policy: { signer: { mode: 'identity', ...cases.sigstoreIdentity } } satisfies BundlePolicy };
const keyed = {
  bundle: bundleOf('v1.0.0-elliptic-key'),
  policy: { signer: { mode: 'public-key', publicKeyPem: readFileSync(path.join(dir, cases.keys.publicKey), 'utf8') } } satisfies BundlePolicy,
};
const payload: ArtifactInput = { kind: 'dsse-payload' };

async function settle(promise: Promise<unknown>): Promise<unknown> {
  try {
    return { ok: await promise };
  } catch (error) {
    return { error: error instanceof AppError ? { name: error.name, code: error.code, message: error.message } : String(error) };
  }
}

const verifier = new BundleVerifierWorker();
afterAll(() => verifier.dispose());

describe('bundle verification in a worker thread', () => {
  it('gives the same result as in-thread for a keyless and a key-based model signature, from another thread', async () => {
    for (const { bundle, policy } of [keyless, keyed]) {
      const inThread = await verifyBundle(bundle, payload, policy);
      const inWorker = await verifier.verify(bundle, payload, policy);
      expect(inWorker).toEqual(inThread);
      expect(inWorker.dsse?.payload).toBeInstanceOf(Uint8Array);
      expect(verifier.lastThreadId).not.toBeNull();
      expect(verifier.lastThreadId).not.toBe(threadId);
    }
  });

  it('rejects with the same AppError code and message as in-thread', async () => {
    const wrongIdentity: BundlePolicy = { signer: { mode: 'identity', identity: 'someone-else@example.com', issuer: cases.sigstoreIdentity.issuer } };
    const wrongKey: BundlePolicy = { signer: { mode: 'public-key', publicKeyPem: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n' } };
    const outcomes = [
      [keyless.bundle, wrongIdentity],
      [keyed.bundle, wrongIdentity],
      [keyless.bundle, wrongKey],
    ] as const;
    const codes: string[] = [];
    for (const [bundle, policy] of outcomes) {
      const inThread = await settle(verifyBundle(bundle, payload, policy));
      const inWorker = await settle(verifier.verify(bundle, payload, policy));
      expect(inWorker).toEqual(inThread);
      codes.push((inWorker as { error: { code: string } }).error.code);
    }
    expect(codes[0]).toBe('SIGNATURE_IDENTITY_MISMATCH');
    expect(codes.every((c) => c !== 'INTERNAL')).toBe(true);
  });

  it('answers BUNDLE_MALFORMED for a malformed bundle and keeps serving afterwards', async () => {
    for (const bad of [{ mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json' }, 'not a bundle', null, { verificationMaterial: 7 }]) {
      await expect(verifier.verify(bad, payload, keyed.policy)).rejects.toMatchObject({ name: 'AppError', code: 'BUNDLE_MALFORMED' });
    }
    await expect(verifier.verify(keyed.bundle, payload, keyed.policy)).resolves.toMatchObject({ signer: { mode: 'public-key' } });
  });

  it('rejects arguments that cannot cross to a thread with INVALID_INPUT', async () => {
    await expect(verifier.verify({ f: () => 1 }, payload, keyed.policy)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('keeps the main event loop responsive while verifying several keyless bundles', async () => {
    const runs = 8;
    const batch = (verify: typeof verifyBundle) => Promise.all(Array.from({ length: runs }, () => verify(keyless.bundle, payload, keyless.policy)));
    const maxStallMs = async (work: () => Promise<unknown>): Promise<number> => {
      const histogram = monitorEventLoopDelay({ resolution: 5 });
      histogram.enable();
      // Let the histogram's timer tick once before the work starts.
      await new Promise((r) => setTimeout(r, 20));
      await work();
      await new Promise((r) => setTimeout(r, 20));
      histogram.disable();
      return histogram.max / 1e6;
    };
    await verifier.verify(keyless.bundle, payload, keyless.policy); // start and warm the worker
    // The same batch in-thread: the verifications run back to back and hold the loop.
    const inThread = await maxStallMs(() => batch(verifyBundle));
    const inWorker = await maxStallMs(() => batch(verifier.verify));
    expect(verifier.lastThreadId).not.toBe(threadId);
    // Loose, for a busy machine: the loop never stalls for the batch, as it does in-thread.
    expect(inWorker).toBeLessThan(Math.max(inThread * 0.6, 25));
  });
});

describe('worker lifetime', () => {
  it('stops the worker when idle and starts a new one on the next verification', async () => {
    const short = new BundleVerifierWorker({ idleMs: 50 });
    try {
      await short.verify(keyed.bundle, payload, keyed.policy);
      const first = short.lastThreadId;
      expect(short.running).toBe(true);
      await new Promise((r) => setTimeout(r, 200));
      expect(short.running).toBe(false);
      await short.verify(keyed.bundle, payload, keyed.policy);
      expect(short.lastThreadId).not.toBe(first);
    } finally {
      await short.dispose();
    }
  });

  it('cancels pending verifications on dispose and refuses new ones', async () => {
    const once = new BundleVerifierWorker();
    const pending = settle(once.verify(keyless.bundle, payload, keyless.policy));
    await once.dispose();
    expect(await pending).toMatchObject({ error: { code: 'CANCELLED' } });
    expect(once.running).toBe(false);
    await expect(once.verify(keyed.bundle, payload, keyed.policy)).rejects.toMatchObject({ code: 'NOT_AVAILABLE' });
  });

  it('fails a verification that outgrows the heap cap with BUNDLE_MALFORMED, and recovers', async () => {
    const capped = new BundleVerifierWorker({ maxHeapMb: 48 });
    try {
      // A genuine bundle carrying 64 MiB of extra fields: verifies in-thread, but not within the cap.
      const padded = { ...(keyed.bundle as object), padding: Array.from({ length: 64 }, (_, i) => 'x'.repeat(1 << 20) + String(i)) };
      await expect(verifyBundle(padded, payload, keyed.policy)).resolves.toMatchObject({ signer: { mode: 'public-key' } });
      await expect(capped.verify(padded, payload, keyed.policy)).rejects.toMatchObject({ code: 'BUNDLE_MALFORMED' });
      await expect(capped.verify(keyed.bundle, payload, keyed.policy)).resolves.toMatchObject({ signer: { mode: 'public-key' } });
    } finally {
      await capped.dispose();
    }
  });

  it('gives up with INTERNAL on a verification that outlasts its time limit', async () => {
    const impatient = new BundleVerifierWorker({ taskTimeoutMs: 1 });
    try {
      const outcome = await settle(impatient.verify(keyless.bundle, payload, keyless.policy));
      expect(outcome).toMatchObject({ error: { code: 'INTERNAL' } });
    } finally {
      await impatient.dispose();
    }
  });
});
