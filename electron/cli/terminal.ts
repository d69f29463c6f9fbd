// What a long-running model subcommand does at the terminal: a progress line while it
// hashes, Ctrl-C to cancel, and one failure line with an exit code at the end.
import process from 'node:process';
import { isAppError } from '../../shared/errors.ts';
import type { HashProgress } from '../services/verification/hashing/hash-pool.ts';
import type { CliIo } from './main.ts';

/** Erases the progress line, so the result starts on a clean line. */
export const CLEAR_LINE = '\r\x1b[2K';

/** Aborts the controller on Ctrl-C while `work` runs. */
export async function withInterrupt<T>(controller: AbortController, work: () => Promise<T>): Promise<T> {
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    return await work();
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

/** A one-line progress writer for a terminal (rewrites itself), or nothing when piped. */
export function progressLine(io: CliIo, enabled: boolean): ((p: HashProgress) => void) | undefined {
  if (!enabled) return undefined;
  return (p) => {
    const pct = p.bytesTotal === 0 ? 100 : Math.floor((p.bytesDone / p.bytesTotal) * 100);
    const mib = (n: number): string => (n / 1048576).toFixed(0);
    io.stderr(`${CLEAR_LINE}${pct}%  ${mib(p.bytesDone)}/${mib(p.bytesTotal)} MiB  ${p.filesDone}/${p.filesTotal} files  ${p.currentFile ?? ''}`);
  };
}

/**
 * Writes `command: CODE: message` (or the bare message for an error without a code) to
 * stderr and returns the exit code: 130 when the run was cancelled (Ctrl-C), else 1.
 */
export function reportFailure(command: string, error: unknown, io: CliIo): number {
  io.stderr(`${command}: ${isAppError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error)}\n`);
  return isAppError(error) && error.code === 'CANCELLED' ? 130 : 1;
}
