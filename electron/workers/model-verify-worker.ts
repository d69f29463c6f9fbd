// Worker-thread entry: runs whole model verifications for the model verifier client, so
// the app's main process never does per-file work: parsing a signed manifest of thousands
// of files, listing the folder and comparing took tens of milliseconds of its event loop.
// Inside, the signature is checked in a bundle-verifier thread and the files are hashed in
// a pool of hash threads, exactly as before; this thread only orchestrates.
import { parentPort } from 'node:worker_threads';
import { isAppError } from '../../shared/errors.ts';
import { createInThreadModelVerifier } from '../services/verification/model-signing/model-verifier.ts';
import type { ModelVerifyMessage, ModelVerifyReply } from '../services/verification/model-signing/model-verify-protocol.ts';
import { BundleVerifierWorker } from '../services/verification/sigstore/bundle-verifier-worker.ts';

const port = parentPort;
if (!port) throw new Error('model-verify-worker must run as a worker thread');

const bundles = new BundleVerifierWorker();
const verifier = createInThreadModelVerifier({ verifyBundle: (bundle, artifact, policy) => bundles.verify(bundle, artifact, policy) });
const running = new Map<number, AbortController>();
const send = (reply: ModelVerifyReply): void => port.postMessage(reply);

async function run(jobId: number, message: Extract<ModelVerifyMessage, { type: 'verify' }>): Promise<void> {
  const controller = new AbortController();
  running.set(jobId, controller);
  try {
    const report = await verifier.verify(message.request, {
      signal: controller.signal,
      onProgress: (progress) => send({ type: 'progress', jobId, progress }),
    });
    send({ type: 'done', jobId, report });
  } catch (error) {
    if (controller.signal.aborted) {
      send({ type: 'failed', jobId, error: { code: 'CANCELLED', message: 'The verification was cancelled.' } });
    } else if (isAppError(error)) {
      send({ type: 'failed', jobId, error: { code: error.code, message: error.message } });
    } else {
      // verifyModelSignature throws AppError; anything else is a bug, for the log only.
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      send({ type: 'failed', jobId, error: { code: 'INTERNAL', message: 'The model verifier failed unexpectedly.' }, unexpected: detail });
    }
  } finally {
    running.delete(jobId);
  }
}

// Jobs run side by side, as they did on the main thread: each mostly waits for its hashes.
port.on('message', (message: ModelVerifyMessage) => {
  if (message.type === 'cancel') running.get(message.jobId)?.abort();
  else void run(message.jobId, message);
});
