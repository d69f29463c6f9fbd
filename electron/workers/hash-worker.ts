// Worker-thread entry: hashes byte ranges of files for the hash pool. One task at a time,
// one reused read buffer, cancellation and progress through the job's shared memory.
import { parentPort } from 'node:worker_threads';
import { DEFAULT_CHUNK_BYTES, HashCancelledError, hashFileRange } from '../services/verification/hashing/hash-file-range.ts';
import type { HashTaskMessage, HashTaskReply } from '../services/verification/hashing/worker-protocol.ts';
import { lowerThisThreadPriority } from '../services/verification/hashing/thread-priority.ts';
import { controlViews } from '../services/verification/hashing/worker-protocol.ts';

const port = parentPort;
if (!port) throw new Error('hash-worker must run as a worker thread');
lowerThisThreadPriority();

// Allocated outside the V8 heap and reused for every read, so hashing gigabytes makes
// no garbage.
const buffer = new Uint8Array(new ArrayBuffer(DEFAULT_CHUNK_BYTES));

async function run(task: HashTaskMessage): Promise<HashTaskReply> {
  const { flag, bytes } = controlViews(task.control);
  try {
    const result = await hashFileRange({
      path: task.path,
      start: task.start,
      end: task.end,
      algorithm: task.algorithm,
      buffer,
      noFollow: task.noFollow,
      expected: task.expected ?? null,
      onBytes: (n) => Atomics.add(bytes, 0, BigInt(n)),
      isCancelled: () => Atomics.load(flag, 0) !== 0,
    });
    return { type: 'done', taskId: task.taskId, digestHex: result.digestHex, bytes: result.bytes };
  } catch (error) {
    if (error instanceof HashCancelledError) return { type: 'cancelled', taskId: task.taskId };
    const code = (error as { code?: unknown }).code;
    return {
      type: 'failed',
      taskId: task.taskId,
      errorCode: typeof code === 'string' ? code : 'EUNKNOWN',
      message: error instanceof Error ? error.message : String(error),
    };
  }
}

// Tasks are queued so a second one can wait here while the first runs (the pool sends at
// most two); they still run strictly one after the other.
let chain: Promise<void> = Promise.resolve();
port.on('message', (task: HashTaskMessage) => {
  chain = chain.then(async () => port.postMessage(await run(task)));
});
