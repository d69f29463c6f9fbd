// Runs `verifyBundle` in a worker thread (electron/workers/bundle-worker.ts), so a process
// that verifies signatures (the app's main process above all) never blocks its event loop
// on the crypto: a keyless verification costs ~20 ms of CPU. One worker, started on first
// use, stopped when idle; its heap is capped. Same results, same AppError codes and
// messages as calling verifyBundle in-thread.
import { Worker } from 'node:worker_threads';
import { AppError, appErrorFromInfo } from '../../../../shared/errors.ts';
import { resolveWorkerUrl } from '../hashing/worker-url.ts';
import type { BundleTaskMessage, BundleTaskReply } from './bundle-worker-protocol.ts';
import type { ArtifactInput, BundlePolicy, BundleVerificationResult } from './types.ts';

export interface BundleVerifierWorkerOptions {
  /** The worker entry; defaults to electron/workers/bundle-worker (source or bundle). */
  workerUrl?: URL;
  /** Stop the worker after this long without work (default 30 s). */
  idleMs?: number;
  /** Give up on one verification after this long and restart the worker (default 60 s). */
  taskTimeoutMs?: number;
  /** The worker's old-generation heap cap in MiB (default 128). Bundles are kilobytes. */
  maxHeapMb?: number;
}

interface Pending {
  message: BundleTaskMessage;
  resolve: (result: BundleVerificationResult) => void;
  reject: (error: AppError) => void;
}

const DEFAULT_IDLE_MS = 30_000;
const DEFAULT_TASK_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_HEAP_MB = 128;

/**
 * A Sigstore bundle verifier backed by one worker thread. `verify` has the signature of
 * sigstore/index.ts `verifyBundle` and can be injected wherever that is. Call `dispose()`
 * when done; an idle worker also stops by itself and never keeps the process alive.
 */
export class BundleVerifierWorker {
  readonly #workerUrl: URL;
  readonly #idleMs: number;
  readonly #taskTimeoutMs: number;
  readonly #maxHeapMb: number;
  #worker: Worker | null = null;
  // In send order; the worker answers in the same order, so the first is the one running.
  readonly #pending = new Map<number, Pending>();
  #nextTaskId = 1;
  #idleTimer: NodeJS.Timeout | null = null;
  #taskTimer: NodeJS.Timeout | null = null;
  #disposed = false;
  #lastThreadId: number | null = null;

  constructor(options: BundleVerifierWorkerOptions = {}) {
    this.#workerUrl = options.workerUrl ?? resolveWorkerUrl('bundle-worker');
    this.#idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.#taskTimeoutMs = options.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS;
    this.#maxHeapMb = options.maxHeapMb ?? DEFAULT_MAX_HEAP_MB;
  }

  /** The thread id of the worker that answered last (null before any answer). */
  get lastThreadId(): number | null {
    return this.#lastThreadId;
  }

  /** True while a worker thread is running. */
  get running(): boolean {
    return this.#worker !== null;
  }

  /**
   * Verifies a bundle in the worker; see sigstore/verify-bundle.ts for what is checked.
   * Rejects with the same AppError codes and messages verifyBundle throws; also INVALID_INPUT
   * when the arguments cannot be copied to a thread, BUNDLE_MALFORMED when verifying needs
   * more memory than the worker may use, INTERNAL when the worker dies or times out, and
   * NOT_AVAILABLE / CANCELLED once the verifier is disposed.
   */
  readonly verify = (bundle: unknown, artifact: ArtifactInput, policy: BundlePolicy): Promise<BundleVerificationResult> => {
    if (this.#disposed) return Promise.reject(new AppError('NOT_AVAILABLE', 'The signature verifier has stopped.'));
    return new Promise<BundleVerificationResult>((resolve, reject) => {
      const message: BundleTaskMessage = { type: 'verify', taskId: this.#nextTaskId++, bundle, artifact, policy };
      const worker = this.#ensureWorker();
      try {
        worker.postMessage(message);
      } catch (error) {
        reject(new AppError('INVALID_INPUT', 'The signature bundle or policy cannot be passed to the verifier.', { cause: error }));
        this.#settle();
        return;
      }
      this.#pending.set(message.taskId, { message, resolve, reject });
      this.#settle();
    });
  };

  /** Stops the worker; verifications still pending reject with CANCELLED. */
  async dispose(): Promise<void> {
    this.#disposed = true;
    this.#clearTimers();
    const worker = this.#worker;
    this.#worker = null;
    this.#failAll(new AppError('CANCELLED', 'The signature verification was stopped.'));
    await worker?.terminate();
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(this.#workerUrl, {
      name: 'countersign-bundle',
      // A small heap: a runaway bundle (deep nesting, huge fields) stops the worker, not the app.
      resourceLimits: { maxOldGenerationSizeMb: this.#maxHeapMb },
    });
    worker.on('message', (reply: BundleTaskReply) => this.#onReply(reply));
    worker.on('error', (error: unknown) => this.#onDeath(worker, error));
    worker.on('exit', (code) => this.#onDeath(worker, new Error(`The verifier thread exited with code ${code}.`)));
    this.#worker = worker;
    return worker;
  }

  #onReply(reply: BundleTaskReply): void {
    const pending = this.#pending.get(reply.taskId);
    this.#pending.delete(reply.taskId);
    this.#lastThreadId = reply.threadId;
    this.#restartTaskTimer();
    this.#settle();
    if (!pending) return;
    if (reply.type === 'done') pending.resolve(reply.result);
    else pending.reject(appErrorFromInfo(reply.error));
  }

  /**
   * The worker stopped on its own (crash, heap cap, timeout): the verification it was
   * running fails; the ones queued behind it go to a fresh worker.
   */
  #onDeath(worker: Worker, error: unknown): void {
    if (this.#worker !== worker) return;
    this.#worker = null;
    this.#clearTimers();
    const [first] = this.#pending.values();
    if (!first) return;
    this.#pending.delete(first.message.taskId);
    const outOfMemory = (error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY';
    first.reject(
      outOfMemory
        ? new AppError('BUNDLE_MALFORMED', 'The signature bundle needs more memory to verify than a signature bundle may use.', { cause: error })
        : new AppError('INTERNAL', `The signature verifier stopped: ${error instanceof Error ? error.message : String(error)}`, { cause: error }),
    );
    void worker.terminate();
    const queued = [...this.#pending.values()];
    if (queued.length === 0) return;
    const next = this.#ensureWorker();
    for (const p of queued) next.postMessage(p.message);
    this.#settle();
  }

  /** Keeps the worker referenced only while it has work, and arms the right timer. */
  #settle(): void {
    const worker = this.#worker;
    if (!worker) return;
    if (this.#pending.size > 0) {
      worker.ref();
      if (this.#idleTimer) clearTimeout(this.#idleTimer);
      this.#idleTimer = null;
      if (!this.#taskTimer) this.#restartTaskTimer();
      return;
    }
    worker.unref();
    if (this.#taskTimer) clearTimeout(this.#taskTimer);
    this.#taskTimer = null;
    if (!this.#idleTimer) {
      this.#idleTimer = setTimeout(() => this.#stopIdle(), this.#idleMs);
      this.#idleTimer.unref();
    }
  }

  #restartTaskTimer(): void {
    if (this.#taskTimer) clearTimeout(this.#taskTimer);
    this.#taskTimer = null;
    if (this.#pending.size === 0 || !this.#worker) return;
    const worker = this.#worker;
    this.#taskTimer = setTimeout(() => {
      // The only way to stop a verification stuck in synchronous code is to end its thread.
      this.#onDeath(worker, new Error(`A verification took longer than ${this.#taskTimeoutMs} ms.`));
    }, this.#taskTimeoutMs);
    this.#taskTimer.unref();
  }

  #stopIdle(): void {
    this.#idleTimer = null;
    if (this.#pending.size > 0 || !this.#worker) return;
    const worker = this.#worker;
    this.#worker = null;
    void worker.terminate();
  }

  #clearTimers(): void {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    if (this.#taskTimer) clearTimeout(this.#taskTimer);
    this.#idleTimer = null;
    this.#taskTimer = null;
  }

  #failAll(error: AppError): void {
    const all = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of all) p.reject(error);
  }
}
