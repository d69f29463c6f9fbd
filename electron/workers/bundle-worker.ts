// Worker-thread entry: verifies Sigstore bundles for the bundle verifier client, so the
// signature crypto (certificate chains, SCTs, log proofs, timestamps) never runs on the
// main process's event loop. Errors leave as `{ code, message }` values.
import { parentPort, threadId } from 'node:worker_threads';
import { AppError, isAppError } from '../../shared/errors.ts';
import type { BundleTaskMessage, BundleTaskReply } from '../services/verification/sigstore/bundle-worker-protocol.ts';
import { verifyBundle } from '../services/verification/sigstore/verify-bundle.ts';

const port = parentPort;
if (!port) throw new Error('bundle-worker must run as a worker thread');

async function run(task: BundleTaskMessage): Promise<{ reply: BundleTaskReply; transfer: ArrayBuffer[] }> {
  try {
    const result = await verifyBundle(task.bundle, task.artifact, task.policy);
    // The payload is a fresh copy made by verifyBundle, so its buffer can move, not be copied.
    const transfer = result.dsse && result.dsse.payload.buffer instanceof ArrayBuffer ? [result.dsse.payload.buffer] : [];
    return { reply: { type: 'done', taskId: task.taskId, threadId, result }, transfer };
  } catch (error) {
    // verifyBundle only throws AppError; anything else is a bug, reported without detail.
    const appError = isAppError(error) ? error : new AppError('INTERNAL', 'The bundle verifier failed unexpectedly.');
    return { reply: { type: 'failed', taskId: task.taskId, threadId, error: { code: appError.code, message: appError.message } }, transfer: [] };
  }
}

// One verification at a time, in arrival order: each is CPU-bound, so running them
// interleaved would only delay every answer.
let chain: Promise<void> = Promise.resolve();
port.on('message', (task: BundleTaskMessage) => {
  chain = chain.then(async () => {
    const { reply, transfer } = await run(task);
    port.postMessage(reply, transfer);
  });
});
