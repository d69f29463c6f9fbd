// Hash workers yield to the UI. Hashing a model keeps every core busy for seconds to
// minutes; at the same priority, the main process's event loop (which serves the window)
// and the renderer queue behind it whenever anything else wants a core too. A slightly
// raised nice value costs the hash nothing on an idle machine and keeps the app responsive
// on a busy one.
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** The nice value hash threads run at (0 is normal, 19 the lowest priority). */
export const HASH_THREAD_NICE = 5;

export interface ThreadPriorityDeps {
  platform: NodeJS.Platform;
  readLink: (path: string) => string;
  getPriority: (id: number) => number;
  setPriority: (id: number, priority: number) => void;
}

const defaultDeps: ThreadPriorityDeps = { platform: process.platform, readLink: readlinkSync, getPriority, setPriority };

/**
 * Lowers the priority of the calling thread only (not the process). Linux only: there a
 * thread has its own id (read from /proc/thread-self) and setpriority() on it changes that
 * thread alone; macOS and Windows give Node no per-thread handle, so there it does nothing.
 * A thread already at or below that priority (the whole app started with `nice`) is left
 * alone. Never throws: a thread that cannot be lowered still hashes. Returns whether the
 * thread now runs at HASH_THREAD_NICE or lower priority.
 */
export function lowerThisThreadPriority(deps: ThreadPriorityDeps = defaultDeps): boolean {
  if (deps.platform !== 'linux') return false;
  try {
    // "/proc/thread-self" links to "<pid>/task/<tid>".
    const tid = /\/task\/(\d+)$/.exec(deps.readLink('/proc/thread-self'))?.[1];
    if (tid === undefined) return false;
    if (deps.getPriority(Number(tid)) < HASH_THREAD_NICE) deps.setPriority(Number(tid), HASH_THREAD_NICE);
    return true;
  } catch {
    return false;
  }
}
