import { readdirSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { HASH_THREAD_NICE, lowerThisThreadPriority } from '../../../../../../electron/services/verification/hashing/thread-priority.ts';
import type { HashBatchReply } from '../../../../../../electron/services/verification/hashing/worker-protocol.ts';
import { CONTROL_BYTES } from '../../../../../../electron/services/verification/hashing/worker-protocol.ts';

describe('lowerThisThreadPriority', () => {
  it('sets the nice value of the thread id that /proc/thread-self names, not the process', () => {
    const calls: Array<[number, number]> = [];
    const lowered = lowerThisThreadPriority({ platform: 'linux', readLink: () => '4242/task/4250', getPriority: () => 0, setPriority: (id, p) => calls.push([id, p]) });
    expect(lowered).toBe(true);
    expect(calls).toEqual([[4250, HASH_THREAD_NICE]]);
  });

  it('leaves a thread that already runs at a lower priority where it is', () => {
    const calls: number[] = [];
    expect(lowerThisThreadPriority({ platform: 'linux', readLink: () => '1/task/2', getPriority: () => 12, setPriority: (id) => calls.push(id) })).toBe(true);
    expect(calls).toEqual([]);
  });

  it('does nothing where threads have no id of their own to lower', () => {
    const calls: number[] = [];
    expect(lowerThisThreadPriority({ platform: 'darwin', readLink: () => '1/task/2', getPriority: () => 0, setPriority: (id) => calls.push(id) })).toBe(false);
    expect(lowerThisThreadPriority({ platform: 'win32', readLink: () => '1/task/2', getPriority: () => 0, setPriority: (id) => calls.push(id) })).toBe(false);
    expect(calls).toEqual([]);
  });

  it('never throws: an unreadable link or a refused setpriority leaves the thread as it was', () => {
    const refuse = (): never => {
      throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
    };
    expect(lowerThisThreadPriority({ platform: 'linux', readLink: refuse, getPriority: () => 0, setPriority: () => undefined })).toBe(false);
    expect(lowerThisThreadPriority({ platform: 'linux', readLink: () => '7/task/8', getPriority: () => 0, setPriority: refuse })).toBe(false);
    expect(lowerThisThreadPriority({ platform: 'linux', readLink: () => 'garbage', getPriority: () => 0, setPriority: refuse })).toBe(false);
  });
});

describe.skipIf(process.platform !== 'linux')('a real hash worker thread', () => {
  it('runs at the lowered priority while this thread keeps its own', async () => {
    const name = 'cs-prio-probe';
    const worker = new Worker(new URL('../../../../../../electron/workers/hash-worker.ts', import.meta.url), { name });
    try {
      // One answered task proves the worker's module has run to the end.
      const reply = await new Promise<HashBatchReply>((resolve) => {
        worker.once('message', resolve);
        worker.postMessage({ type: 'hash', batchId: 1, control: new SharedArrayBuffer(CONTROL_BYTES), ranges: [{ path: '/nonexistent/cs-prio', start: 0, end: null, algorithm: 'sha256', noFollow: true }] });
      });
      expect(reply).toMatchObject({ type: 'done', outcomes: [{ ok: false, errorCode: 'ENOENT' }] });
      const nice = (tid: string): number => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]?.split(' ')[16]);
      const tids = readdirSync('/proc/self/task').filter((tid) => readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim() === name);
      expect(tids).toHaveLength(1);
      const processNice = nice(String(process.pid));
      expect(nice(tids[0] ?? '')).toBe(Math.max(processNice, HASH_THREAD_NICE));
      expect(nice(String(process.pid))).toBe(processNice);
    } finally {
      await worker.terminate();
    }
  });
});
