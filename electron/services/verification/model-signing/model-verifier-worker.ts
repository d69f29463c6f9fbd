// Runs model verifications in a worker thread (electron/workers/model-verify-worker.ts):
// the app's main process hands over a request and gets back progress and one report, and
// does no per-file work of its own. The worker starts on first use and owns the hash pool
// and the bundle verifier; it never keeps the process alive while idle.
import { Worker } from 'node:worker_threads';
import type { ModelVerificationReport } from '../../../../shared/contract/index.ts';
import { AppError, appErrorFromInfo } from '../../../../shared/errors.ts';
import type { HashProgress } from '../hashing/hash-pool.ts';
import { resolveWorkerUrl } from '../hashing/worker-url.ts';
import type { ModelVerifier } from './model-verifier.ts';
import type { ModelVerifyMessage, ModelVerifyReply } from './model-verify-protocol.ts';
import type { VerifyModelOptions, VerifyModelRequest } from './verify.ts';

interface Pending {
  resolve: (report: ModelVerificationReport) => void;
  reject: (error: AppError) => void;
  onProgress: ((progress: HashProgress) => void) | undefined;
  /** Detaches the abort listener. */
  release: () => void;
}

export interface ModelVerifierWorkerOptions {
  /** The worker entry; defaults to electron/workers/model-verify-worker (source or bundle). */
  workerUrl?: URL;
  /**
   * The worker's old-generation heap cap in MiB (default 2048): a signature may list a
   * million files; one that needs more stops this thread, not the app.
   */
  maxHeapMb?: number;
}

const DEFAULT_MAX_HEAP_MB = 2048;

/** A {@link ModelVerifier} backed by one worker thread. */
export class ModelVerifierWorker implements ModelVerifier {
  readonly #workerUrl: URL;
  readonly #maxHeapMb: number;
  #worker: Worker | null = null;
  readonly #pending = new Map<number, Pending>();
  #nextJobId = 1;
  #disposed = false;

  constructor(options: ModelVerifierWorkerOptions = {}) {
    this.#workerUrl = options.workerUrl ?? resolveWorkerUrl('model-verify-worker');
    this.#maxHeapMb = options.maxHeapMb ?? DEFAULT_MAX_HEAP_MB;
  }

  /**
   * Verifies a model in the worker; results and errors as verifyModelSignature's. Rejects
   * with CANCELLED when `signal` aborts or the verifier is disposed, NOT_AVAILABLE after
   * dispose, INTERNAL when the worker thread dies.
   */
  verify(request: VerifyModelRequest, options: VerifyModelOptions = {}): Promise<ModelVerificationReport> {
    if (this.#disposed) return Promise.reject(new AppError('NOT_AVAILABLE', 'The model verifier has stopped.'));
    if (options.signal?.aborted) return Promise.reject(new AppError('CANCELLED', 'The verification was cancelled.'));
    const jobId = this.#nextJobId++;
    const worker = this.#ensureWorker();
    return new Promise<ModelVerificationReport>((resolve, reject) => {
      // The worker stops the job and answers CANCELLED; the answer settles the promise.
      const onAbort = (): void => this.#worker?.postMessage({ type: 'cancel', jobId } satisfies ModelVerifyMessage);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(jobId, { resolve, reject, onProgress: options.onProgress, release: () => options.signal?.removeEventListener('abort', onAbort) });
      worker.ref();
      worker.postMessage({ type: 'verify', jobId, request } satisfies ModelVerifyMessage);
    });
  }

  /** Stops the worker (and the threads it started); pending verifications reject with CANCELLED. */
  async dispose(): Promise<void> {
    this.#disposed = true;
    const worker = this.#worker;
    this.#worker = null;
    this.#failAll(new AppError('CANCELLED', 'The verification was stopped.'));
    await worker?.terminate();
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(this.#workerUrl, { name: 'countersign-verify', resourceLimits: { maxOldGenerationSizeMb: this.#maxHeapMb } });
    worker.on('message', (reply: ModelVerifyReply) => this.#onReply(reply));
    worker.on('error', (error: unknown) => this.#onDeath(worker, error));
    worker.on('exit', (code) => this.#onDeath(worker, new Error(`exit code ${code}`)));
    this.#worker = worker;
    return worker;
  }

  #onReply(reply: ModelVerifyReply): void {
    const pending = this.#pending.get(reply.jobId);
    if (!pending) return;
    if (reply.type === 'progress') {
      pending.onProgress?.(reply.progress);
      return;
    }
    this.#pending.delete(reply.jobId);
    pending.release();
    if (this.#pending.size === 0) this.#worker?.unref();
    if (reply.type === 'done') pending.resolve(reply.report);
    else pending.reject(appErrorFromInfo(reply.error));
  }

  /** The worker stopped on its own: every verification it was running fails; the next starts a fresh one. */
  #onDeath(worker: Worker, error: unknown): void {
    if (this.#worker !== worker) return;
    this.#worker = null;
    const message = error instanceof Error ? error.message : String(error);
    const outOfMemory = (error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY';
    this.#failAll(
      outOfMemory
        ? new AppError('INVALID_INPUT', 'The model and its signature need more memory to verify than the verifier may use.', { cause: error })
        : new AppError('INTERNAL', `The model verifier stopped: ${message}`, { cause: error }),
    );
    void worker.terminate();
  }

  #failAll(error: AppError): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of pending) {
      p.release();
      p.reject(error);
    }
  }
}
