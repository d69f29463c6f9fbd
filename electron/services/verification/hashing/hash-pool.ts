// A pool of hash worker threads sized to the machine. The main thread only schedules and
// counts; every byte is read and hashed in a worker, so the event loop never stalls on a
// model however large. One pool serves many jobs (one per verification) at once.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../../shared/errors.ts';
import { scheduleLargestFirst } from './shard-plan.ts';
import type { HashRange, HashTaskMessage, HashTaskReply } from './worker-protocol.ts';
import { CONTROL_BYTES, controlViews } from './worker-protocol.ts';
import { resolveHashWorkerUrl } from './worker-url.ts';

/** One range to hash. `file` groups ranges into files for the progress counts. */
export interface HashRequest extends HashRange {
  /** Bytes expected (for scheduling and progress). */
  bytes: number;
  /** Display name of the file this range belongs to. */
  file: string;
}

/** The outcome of one request: a digest, or the file-system error that stopped it. */
export type HashOutcome =
  | { ok: true; digestHex: string; bytes: number }
  | { ok: false; errorCode: string; message: string };

/** Progress of one job; every field only grows. */
export interface HashProgress {
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
  currentFile: string | null;
}

export interface HashJobOptions {
  signal?: AbortSignal;
  onProgress?: (progress: HashProgress) => void;
  /** Minimum time between progress events (default 100 ms). */
  progressIntervalMs?: number;
}

export interface HashPoolOptions {
  /** Worker count; defaults to os.availableParallelism(). */
  size?: number;
  /** The worker entry; defaults to {@link resolveHashWorkerUrl}. */
  workerUrl?: URL;
}

interface Job {
  requests: readonly HashRequest[];
  results: Array<HashOutcome | undefined>;
  remaining: number;
  control: SharedArrayBuffer;
  rangesLeftPerFile: Map<string, number>;
  filesDone: number;
  currentFile: string | null;
  settled: boolean;
  resolve: (results: HashOutcome[]) => void;
  reject: (error: unknown) => void;
  finish: () => void;
}

interface Task {
  taskId: number;
  job: Job;
  index: number;
}

interface Slot {
  worker: Worker;
  inFlight: Map<number, Task>;
}

// Two tasks per worker: the next one waits inside the worker, so no worker idles for a
// message round trip between many small files.
const TASKS_PER_WORKER = 2;

/** A worker pool for file hashing. Create one per process; call dispose() at the end. */
export class HashPool {
  readonly size: number;
  readonly #workerUrl: URL;
  readonly #slots: Slot[] = [];
  #queue: Task[] = [];
  #nextTaskId = 1;
  #disposed = false;

  constructor(options: HashPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(options.size ?? availableParallelism()));
    this.#workerUrl = options.workerUrl ?? resolveHashWorkerUrl();
  }

  /**
   * Hashes every request and returns the outcomes in request order. Per-file errors are
   * outcomes, not rejections. Rejects with AppError CANCELLED when `signal` aborts, and
   * INTERNAL when a worker dies.
   */
  hash(requests: readonly HashRequest[], options: HashJobOptions = {}): Promise<HashOutcome[]> {
    if (this.#disposed) return Promise.reject(new AppError('INTERNAL', 'The hash pool has been disposed.'));
    if (options.signal?.aborted) return Promise.reject(cancelled());
    return new Promise<HashOutcome[]>((resolve, reject) => {
      const rangesLeftPerFile = new Map<string, number>();
      for (const r of requests) rangesLeftPerFile.set(r.file, (rangesLeftPerFile.get(r.file) ?? 0) + 1);
      const bytesTotal = requests.reduce((sum, r) => sum + r.bytes, 0);
      const control = new SharedArrayBuffer(CONTROL_BYTES);
      const { flag, bytes } = controlViews(control);
      let lastEmitted: HashProgress | null = null;
      const emit = (final: boolean): void => {
        if (!options.onProgress) return;
        const raw = Math.min(Number(Atomics.load(bytes, 0)), bytesTotal);
        const progress: HashProgress = {
          bytesDone: final ? bytesTotal : Math.max(raw, lastEmitted?.bytesDone ?? 0),
          bytesTotal,
          filesDone: job.filesDone,
          filesTotal: rangesLeftPerFile.size,
          currentFile: job.currentFile,
        };
        if (lastEmitted && progress.bytesDone === lastEmitted.bytesDone && progress.filesDone === lastEmitted.filesDone && !final) return;
        lastEmitted = progress;
        options.onProgress(progress);
      };
      const timer = setInterval(() => emit(false), options.progressIntervalMs ?? 100);
      timer.unref();
      const onAbort = (): void => {
        Atomics.store(flag, 0, 1);
        this.#queue = this.#queue.filter((t) => t.job !== job);
        job.finish();
        job.reject(cancelled());
      };
      const job: Job = {
        requests,
        results: new Array<HashOutcome | undefined>(requests.length),
        remaining: requests.length,
        control,
        rangesLeftPerFile: new Map(rangesLeftPerFile),
        filesDone: 0,
        currentFile: null,
        settled: false,
        resolve: (results) => {
          emit(true);
          resolve(results);
        },
        reject,
        finish: () => {
          job.settled = true;
          clearInterval(timer);
          options.signal?.removeEventListener('abort', onAbort);
        },
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      emit(false);
      if (requests.length === 0) {
        job.finish();
        job.resolve([]);
        return;
      }
      const order = scheduleLargestFirst(requests.map((r, index) => ({ bytes: r.bytes, index })));
      for (const { index } of order) this.#queue.push({ taskId: this.#nextTaskId++, job, index });
      this.#pump();
    });
  }

  /** Terminates every worker; pending jobs reject with CANCELLED. */
  async dispose(): Promise<void> {
    this.#disposed = true;
    const slots = this.#slots.splice(0);
    for (const task of this.#queue) this.#fail(task.job, cancelled());
    this.#queue = [];
    for (const slot of slots) for (const task of slot.inFlight.values()) this.#fail(task.job, cancelled());
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      const slot = this.#freeSlot();
      if (!slot) return;
      const task = this.#queue.shift();
      if (!task) return;
      const request = task.job.requests[task.index];
      if (!request) continue;
      slot.inFlight.set(task.taskId, task);
      slot.worker.ref();
      task.job.currentFile = request.file;
      const message: HashTaskMessage = {
        type: 'hash',
        taskId: task.taskId,
        path: request.path,
        start: request.start,
        end: request.end,
        algorithm: request.algorithm,
        noFollow: request.noFollow,
        expected: request.expected ?? null,
        control: task.job.control,
      };
      slot.worker.postMessage(message);
    }
  }

  #freeSlot(): Slot | undefined {
    // Prefer an idle worker, then a half-busy one, then a new one.
    let best: Slot | undefined;
    for (const slot of this.#slots) {
      if (slot.inFlight.size < TASKS_PER_WORKER && (!best || slot.inFlight.size < best.inFlight.size)) best = slot;
    }
    if (best && best.inFlight.size === 0) return best;
    if (this.#slots.length < this.size) return this.#spawn();
    return best;
  }

  #spawn(): Slot {
    const worker = new Worker(this.#workerUrl, {
      name: 'countersign-hash',
      // Buffers live outside the heap; a small heap cap keeps a runaway worker contained.
      resourceLimits: { maxOldGenerationSizeMb: 96 },
    });
    const slot: Slot = { worker, inFlight: new Map() };
    worker.on('message', (reply: HashTaskReply) => this.#onReply(slot, reply));
    const onDeath = (error: unknown): void => {
      const index = this.#slots.indexOf(slot);
      if (index >= 0) this.#slots.splice(index, 1);
      const lost = [...slot.inFlight.values()];
      slot.inFlight.clear();
      const appError = new AppError('INTERNAL', `A hash worker stopped: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      for (const task of lost) this.#fail(task.job, appError);
      this.#pump();
    };
    worker.on('error', onDeath);
    worker.on('exit', (code) => {
      if (!this.#disposed && slot.inFlight.size > 0) onDeath(new Error(`exit code ${code}`));
    });
    this.#slots.push(slot);
    return slot;
  }

  #onReply(slot: Slot, reply: HashTaskReply): void {
    const task = slot.inFlight.get(reply.taskId);
    slot.inFlight.delete(reply.taskId);
    if (slot.inFlight.size === 0) slot.worker.unref();
    this.#pump();
    if (!task || task.job.settled) return;
    const job = task.job;
    if (reply.type === 'cancelled') return;
    job.results[task.index] =
      reply.type === 'done'
        ? { ok: true, digestHex: reply.digestHex, bytes: reply.bytes }
        : { ok: false, errorCode: reply.errorCode, message: reply.message };
    const file = job.requests[task.index]?.file ?? '';
    const left = (job.rangesLeftPerFile.get(file) ?? 1) - 1;
    job.rangesLeftPerFile.set(file, left);
    if (left === 0) job.filesDone += 1;
    job.remaining -= 1;
    if (job.remaining === 0) {
      job.finish();
      job.resolve(job.results as HashOutcome[]);
    }
  }

  #fail(job: Job, error: unknown): void {
    if (job.settled) return;
    Atomics.store(controlViews(job.control).flag, 0, 1);
    this.#queue = this.#queue.filter((t) => t.job !== job);
    job.finish();
    job.reject(error);
  }
}

function cancelled(): AppError {
  return new AppError('CANCELLED', 'Hashing was cancelled.');
}
