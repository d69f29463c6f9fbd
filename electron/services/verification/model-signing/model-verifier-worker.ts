// Runs model verifications in a worker thread (electron/workers/model-verify-worker.ts):
// the app's main process hands over a request and gets back progress and one report, and
// does no per-file work of its own. The worker starts on first use, owns the hash pool and
// the bundle verifier, stops after a while without work, and never keeps the process alive
// while idle.
import { Worker } from 'node:worker_threads';
import type { ModelVerificationReport } from '../../../../shared/contract/index.ts';
import { AppError, appErrorFromInfo } from '../../../../shared/errors.ts';
import type { HashProgress } from '../hashing/hash-pool.ts';
import { resolveWorkerUrl } from '../hashing/worker-url.ts';
import type { ModelVerifier } from './model-verifier.ts';
import type { ModelVerifyMessage, ModelVerifyReply } from './model-verify-protocol.ts';
import type { VerifyModelOptions, VerifyModelRequest } from './verify.ts';

export interface ModelVerifierWorkerOptions {
  /** The worker entry; defaults to electron/workers/model-verify-worker (source or bundle). */
  workerUrl?: URL;
  /**
   * The worker's old-generation heap cap in MiB (default 2048): a signature may list a
   * million files; one that needs more stops this thread, not the app.
   */
  maxHeapMb?: number;
  /** Stop the worker (and its hash and bundle threads) after this long without work (default 60 s). */
  idleMs?: number;
}

interface Pending {
  resolve: (report: ModelVerificationReport) => void;
  /** AppError for verdict-like failures; a plain Error for the unexpected (to be logged). */
  reject: (error: Error) => void;
  onProgress: ((progress: HashProgress) => void) | undefined;
  signal: AbortSignal | undefined;
  /** Detaches the abort listener. */
  release: () => void;
}

const DEFAULT_MAX_HEAP_MB = 2048;
const DEFAULT_IDLE_MS = 60_000;

/** A {@link ModelVerifier} backed by one worker thread. */
export class ModelVerifierWorker implements ModelVerifier {
  readonly #workerUrl: URL;
  readonly #maxHeapMb: number;
  readonly #idleMs: number;
  #worker: Worker | null = null;
  readonly #pending = new Map<number, Pending>();
  #nextJobId = 1;
  #idleTimer: NodeJS.Timeout | null = null;
  #disposed = false;

  constructor(options: ModelVerifierWorkerOptions = {}) {
    this.#workerUrl = options.workerUrl ?? resolveWorkerUrl('model-verify-worker');
    this.#maxHeapMb = options.maxHeapMb ?? DEFAULT_MAX_HEAP_MB;
    this.#idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  }

  /**
   * Verifies a model in the worker; results and AppErrors as verifyModelSignature's.
   * Rejects with AppError CANCELLED when `signal` aborts or the verifier is disposed,
   * NOT_AVAILABLE after dispose, INVALID_INPUT when the verification needs more memory than
   * the thread may use; with a plain Error (a bug to log) when the worker fails unexpectedly.
   */
  verify(request: VerifyModelRequest, options: VerifyModelOptions = {}): Promise<ModelVerificationReport> {
    if (this.#disposed) return Promise.reject(new AppError('NOT_AVAILABLE', 'The model verifier has stopped.'));
    if (options.signal?.aborted) return Promise.reject(new AppError('CANCELLED', 'The verification was cancelled.'));
    const jobId = this.#nextJobId++;
    const worker = this.#ensureWorker();
    return new Promise<ModelVerificationReport>((resolve, reject) => {
      try {
        worker.postMessage({ type: 'verify', jobId, request } satisfies ModelVerifyMessage);
      } catch (error) {
        // A request that cannot be copied to the thread (a bug: inputs are plain data).
        this.#settle();
        throw error;
      }
      // The worker stops the job and answers CANCELLED; the answer settles the promise.
      const onAbort = (): void => this.#worker?.postMessage({ type: 'cancel', jobId } satisfies ModelVerifyMessage);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(jobId, {
        resolve,
        reject,
        onProgress: options.onProgress,
        signal: options.signal,
        release: () => options.signal?.removeEventListener('abort', onAbort),
      });
      this.#settle();
    });
  }

  /** Stops the worker (and the threads it started); pending verifications reject with CANCELLED. */
  async dispose(): Promise<void> {
    this.#disposed = true;
    const worker = this.#worker;
    this.#worker = null;
    this.#failAll(new AppError('CANCELLED', 'The verification was stopped.'));
    this.#settle();
    await worker?.terminate();
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(this.#workerUrl, { name: 'countersign-verify', resourceLimits: { maxOldGenerationSizeMb: this.#maxHeapMb } });
    worker.on('message', (reply: ModelVerifyReply) => this.#onReply(reply));
    worker.on('error', (error: unknown) => this.#onDeath(worker, error));
    worker.on('messageerror', (error: unknown) => this.#onDeath(worker, error));
    worker.on('exit', (code) => this.#onDeath(worker, new Error(`The model verifier thread exited with code ${code}.`)));
    this.#worker = worker;
    return worker;
  }

  #onReply(reply: ModelVerifyReply): void {
    const pending = this.#pending.get(reply.jobId);
    if (!pending) return;
    if (reply.type === 'progress') {
      // A cancelled job may run on until the worker notices; its progress is no news.
      if (!pending.signal?.aborted) pending.onProgress?.(reply.progress);
      return;
    }
    this.#pending.delete(reply.jobId);
    pending.release();
    this.#settle();
    if (reply.type === 'done') pending.resolve(reply.report);
    else if (reply.unexpected !== undefined) pending.reject(new Error(`The model verifier failed unexpectedly: ${reply.unexpected}`));
    else pending.reject(appErrorFromInfo(reply.error));
  }

  /** The worker stopped on its own: every verification it was running fails; the next starts a fresh one. */
  #onDeath(worker: Worker, error: unknown): void {
    if (this.#worker !== worker) return;
    this.#worker = null;
    void worker.terminate();
    const outOfMemory = (error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY';
    if (outOfMemory && this.#pending.size === 1) {
      this.#failAll(new AppError('INVALID_INPUT', 'The model and its signature need more memory to verify than the verifier may use.', { cause: error }));
    } else if (outOfMemory) {
      this.#failAll(
        new AppError('INTERNAL', `The verifier ran out of memory while verifying ${this.#pending.size} models at once; verify them one at a time.`, { cause: error }),
      );
    } else {
      const detail = error instanceof Error ? error.message : String(error);
      this.#failAll(new Error(`The model verifier stopped: ${detail}`, { cause: error }));
    }
    this.#settle();
  }

  #failAll(error: Error): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of pending) {
      p.release();
      p.reject(error);
    }
  }

  /** Keeps the worker referenced only while it has work, and stops it once idle for a while. */
  #settle(): void {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    const worker = this.#worker;
    if (!worker) return;
    if (this.#pending.size > 0) {
      worker.ref();
      return;
    }
    worker.unref();
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = null;
      if (this.#pending.size > 0 || this.#worker !== worker) return;
      this.#worker = null;
      void worker.terminate();
    }, this.#idleMs);
    this.#idleTimer.unref();
  }
}
