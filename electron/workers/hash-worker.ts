// Worker-thread entry: hashes byte ranges of files for the hash pool. One batch at a time,
// one reused read buffer, cancellation and progress through the job's shared memory.
import { parentPort } from 'node:worker_threads';
import { DEFAULT_CHUNK_BYTES, HashCancelledError, hashFileRange } from '../services/verification/hashing/hash-file-range.ts';
import { lowerThisThreadPriority } from '../services/verification/hashing/thread-priority.ts';
import type { HashBatchMessage, HashBatchReply, HashOutcome, HashRange } from '../services/verification/hashing/worker-protocol.ts';
import { controlViews } from '../services/verification/hashing/worker-protocol.ts';

const port = parentPort;
if (!port) throw new Error('hash-worker must run as a worker thread');
lowerThisThreadPriority();

// Allocated outside the V8 heap and reused for every read, so hashing gigabytes makes
// no garbage.
const buffer = new Uint8Array(new ArrayBuffer(DEFAULT_CHUNK_BYTES));

/** Hashes one range; null when the job was cancelled. */
async function hashOne(range: HashRange, flag: Int32Array, bytes: BigInt64Array): Promise<HashOutcome | null> {
  try {
    const result = await hashFileRange({
      path: range.path,
      start: range.start,
      end: range.end,
      algorithm: range.algorithm,
      buffer,
      noFollow: range.noFollow,
      expected: range.expected ?? null,
      onBytes: (n) => Atomics.add(bytes, 0, BigInt(n)),
      isCancelled: () => Atomics.load(flag, 0) !== 0,
    });
    return { ok: true, digestHex: result.digestHex, bytes: result.bytes };
  } catch (error) {
    if (error instanceof HashCancelledError) return null;
    const code = (error as { code?: unknown }).code;
    return { ok: false, errorCode: typeof code === 'string' ? code : 'EUNKNOWN', message: error instanceof Error ? error.message : String(error) };
  }
}

async function run(batch: HashBatchMessage): Promise<HashBatchReply> {
  const { flag, bytes } = controlViews(batch.control);
  const outcomes: HashOutcome[] = [];
  for (const range of batch.ranges) {
    const outcome = await hashOne(range, flag, bytes);
    if (outcome === null) return { type: 'cancelled', batchId: batch.batchId };
    outcomes.push(outcome);
  }
  return { type: 'done', batchId: batch.batchId, outcomes };
}

// Batches are queued so a second one can wait here while the first runs (the pool sends at
// most two); they still run strictly one after the other.
let chain: Promise<void> = Promise.resolve();
port.on('message', (batch: HashBatchMessage) => {
  chain = chain.then(async () => port.postMessage(await run(batch)));
});
