// The bundle worker entry, spoken to directly through its message protocol.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { threadId, Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import type { BundleTaskMessage, BundleTaskReply } from '../../../../electron/services/verification/sigstore/bundle-worker-protocol.ts';
import { verifyBundle } from '../../../../electron/services/verification/sigstore/index.ts';
import type { BundlePolicy } from '../../../../electron/services/verification/sigstore/types.ts';
import { requireFixture } from '../../../support/peers.ts';

const dir = requireFixture('model-signing');
const keys = JSON.parse(readFileSync(path.join(dir, 'cases.json'), 'utf8')) as { keys: { publicKey: string } };
const bundle: unknown = JSON.parse(readFileSync(path.join(dir, 'v1.1.0-elliptic-key', 'model.sig'), 'utf8'));
const policy: BundlePolicy = { signer: { mode: 'public-key', publicKeyPem: readFileSync(path.join(dir, keys.keys.publicKey), 'utf8') } };

const worker = new Worker(new URL('../../../../electron/workers/bundle-worker.ts', import.meta.url));
afterAll(() => worker.terminate());

function collect(count: number): Promise<BundleTaskReply[]> {
  return new Promise((resolve) => {
    const replies: BundleTaskReply[] = [];
    const onMessage = (reply: BundleTaskReply): void => {
      replies.push(reply);
      if (replies.length < count) return;
      worker.off('message', onMessage);
      resolve(replies);
    };
    worker.on('message', onMessage);
  });
}

const task = (taskId: number, b: unknown): BundleTaskMessage => ({ type: 'verify', taskId, bundle: b, artifact: { kind: 'dsse-payload' }, policy });

describe('bundle worker thread', () => {
  it('answers each task in order, on its own thread, with the in-thread result or error as a value', async () => {
    const replies = collect(3);
    worker.postMessage(task(1, bundle));
    worker.postMessage(task(2, { mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json' }));
    worker.postMessage(task(3, bundle));
    const [first, second, third] = await replies;
    const expected = await verifyBundle(bundle, { kind: 'dsse-payload' }, policy);
    expect(first).toEqual({ type: 'done', taskId: 1, threadId: worker.threadId, result: expected });
    expect(worker.threadId).not.toBe(threadId);
    expect(second).toMatchObject({ type: 'failed', taskId: 2, error: { code: 'BUNDLE_MALFORMED' } });
    expect(typeof (second as { error: { message: unknown } }).error.message).toBe('string');
    expect(third).toMatchObject({ type: 'done', taskId: 3 });
  });
});
