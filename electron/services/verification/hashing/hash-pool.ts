// A pool of hash worker threads sized to the machine. The thread that owns it (in the app,
// the model-verify worker) only schedules and counts; every byte is read and hashed in a
// hash worker, so no event loop stalls on a model however large. One pool serves many jobs
// (one per verification) at once.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../../shared/errors.ts';
import { scheduleLargestFirst } from './shard-plan.ts';
import type { HashBatchMessage, HashBatchReply, HashOutcome, HashRange } from './worker-protocol.ts';
import { CONTROL_BYTES, controlViews } from './worker-protocol.ts';
import { resolveHashWorkerUrl } from './worker-url.ts';

export type { HashOutcome } from './worker-protocol.ts';

/** One range to hash. `file` groups ranges into files for the progress counts. */
export interface HashRequest extends HashRange {
  /** Bytes expected (for scheduling and progress). */
  bytes: number;
  /** Display name of the file this range belongs to. */
  file: string;
}

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
  /** Request indices, largest first: the order work is handed out. */
  order: number[];
  /** How much of `order` has been handed out. */
  cursor: number;
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

/** Ranges of one job sent to a worker in one message. */
interface Batch {
  job: Job;
  indices: number[];
}

interface Slot {
  worker: Worker;
  inFlight: Map<number, Batch>;
}

// Two batches per worker: the next one waits inside the worker, so no worker idles for a
// message round trip.
const BATCHES_PER_WORKER = 2;
// A batch gathers small ranges up to this many bytes (a large range always goes alone), so
// the tail of a job, where one worker may idle while another finishes, stays ~2 ms long.
const BATCH_BYTES = 4 * 1024 * 1024;
const BATCH_MAX_RANGES = 256;

/** A worker pool for file hashing. Create one per owning thread; call dispose() at the end. */
export class HashPool {
  readonly size: number;
  readonly #workerUrl: URL;
  readonly #slots: Slot[] = [];
  /** Jobs with ranges not yet handed out, oldest first. */
  #jobs: Job[] = [];
  #nextBatchId = 1;
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
      const { bytes } = controlViews(control);
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
      const onAbort = (): void => this.#fail(job, cancelled());
      const job: Job = {
        requests,
        order: scheduleLargestFirst(requests.map((r, index) => ({ bytes: r.bytes, index }))).map((item) => item.index),
        cursor: 0,
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
      this.#jobs.push(job);
      this.#pump();
    });
  }

  /** Terminates every worker; pending jobs reject with CANCELLED. */
  async dispose(): Promise<void> {
    this.#disposed = true;
    const slots = this.#slots.splice(0);
    for (const job of this.#jobs) this.#fail(job, cancelled());
    for (const slot of slots) for (const batch of slot.inFlight.values()) this.#fail(batch.job, cancelled());
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  #pump(): void {
    for (;;) {
      const job = this.#jobs[0];
      if (!job) return;
      if (job.settled || job.cursor >= job.order.length) {
        this.#jobs.shift();
        continue;
      }
      let slot: Slot | undefined;
      try {
        slot = this.#freeSlot();
      } catch (error) {
        // No thread could be started (the process is out of threads or memory): this job
        // fails now rather than waiting for a worker that will never come.
        this.#fail(job, new AppError('INTERNAL', `A hash worker could not start: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
        continue;
      }
      if (!slot) return;
      const indices = takeBatch(job);
      const batchId = this.#nextBatchId++;
      slot.inFlight.set(batchId, { job, indices });
      slot.worker.ref();
      job.currentFile = job.requests[indices[0] ?? 0]?.file ?? null;
      const message: HashBatchMessage = { type: 'hash', batchId, control: job.control, ranges: indices.map((i) => rangeOf(job.requests[i]!)) };
      slot.worker.postMessage(message);
    }
  }

  #freeSlot(): Slot | undefined {
    // Prefer an idle worker, then a half-busy one, then a new one.
    let best: Slot | undefined;
    for (const slot of this.#slots) {
      if (slot.inFlight.size < BATCHES_PER_WORKER && (!best || slot.inFlight.size < best.inFlight.size)) best = slot;
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
    worker.on('message', (reply: HashBatchReply) => this.#onReply(slot, reply));
    // A worker that stops, busy or idle, leaves the pool at once (work must never be posted
    // to a dead thread); what it was running fails, and queued work goes to a fresh worker.
    const onDeath = (error: unknown): void => {
      const index = this.#slots.indexOf(slot);
      if (index < 0) return;
      this.#slots.splice(index, 1);
      const lost = [...slot.inFlight.values()];
      slot.inFlight.clear();
      const appError = new AppError('INTERNAL', `A hash worker stopped: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      for (const batch of lost) this.#fail(batch.job, appError);
      if (!this.#disposed) this.#pump();
    };
    worker.on('error', onDeath);
    worker.on('messageerror', onDeath);
    worker.on('exit', (code) => onDeath(new Error(`exit code ${code}`)));
    this.#slots.push(slot);
    return slot;
  }

  #onReply(slot: Slot, reply: HashBatchReply): void {
    const batch = slot.inFlight.get(reply.batchId);
    slot.inFlight.delete(reply.batchId);
    if (slot.inFlight.size === 0) slot.worker.unref();
    this.#pump();
    if (!batch || batch.job.settled || reply.type === 'cancelled') return;
    const job = batch.job;
    if (reply.outcomes.length !== batch.indices.length) {
      this.#fail(job, new AppError('INTERNAL', 'A hash worker answered for a different number of files than it was given.'));
      return;
    }
    batch.indices.forEach((index, k) => {
      job.results[index] = reply.outcomes[k];
      const file = job.requests[index]?.file ?? '';
      const left = (job.rangesLeftPerFile.get(file) ?? 1) - 1;
      job.rangesLeftPerFile.set(file, left);
      if (left === 0) job.filesDone += 1;
    });
    job.remaining -= batch.indices.length;
    if (job.remaining === 0) {
      job.finish();
      job.resolve(job.results as HashOutcome[]);
    }
  }

  #fail(job: Job, error: unknown): void {
    if (job.settled) return;
    Atomics.store(controlViews(job.control).flag, 0, 1);
    this.#jobs = this.#jobs.filter((j) => j !== job);
    job.finish();
    job.reject(error);
  }
}

/** The next ranges of `job` for one message: one large range, or small ones up to BATCH_BYTES. */
function takeBatch(job: Job): number[] {
  const indices: number[] = [];
  let bytes = 0;
  while (job.cursor < job.order.length && indices.length < BATCH_MAX_RANGES) {
    const index = job.order[job.cursor]!;
    const size = job.requests[index]?.bytes ?? 0;
    if (indices.length > 0 && bytes + size > BATCH_BYTES) break;
    indices.push(index);
    bytes += size;
    job.cursor += 1;
  }
  return indices;
}

/** Only what the worker needs: the display name and size stay on this side. */
function rangeOf(request: HashRequest): HashRange {
  return { path: request.path, start: request.start, end: request.end, algorithm: request.algorithm, noFollow: request.noFollow, expected: request.expected ?? null };
}

function cancelled(): AppError {
  return new AppError('CANCELLED', 'Hashing was cancelled.');
}
