import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors.ts';
import { CLEAR_LINE, progressLine, reportFailure, withInterrupt } from '../../../../electron/cli/terminal.ts';

function capture() {
  const err: string[] = [];
  return { io: { stdout: () => {}, stderr: (t: string) => void err.push(t) }, err: () => err.join('') };
}

describe('model subcommands at the terminal', () => {
  it('reports a coded failure as "command: CODE: message" and exits 1', () => {
    const c = capture();
    expect(reportFailure('verify-model', new AppError('NOT_FOUND', 'No such model.'), c.io)).toBe(1);
    expect(c.err()).toBe('verify-model: NOT_FOUND: No such model.\n');
  });

  it('reports an uncoded failure by its message and exits 1', () => {
    const c = capture();
    expect(reportFailure('sign-model', new Error('disk full'), c.io)).toBe(1);
    expect(reportFailure('sign-model', 'odd', c.io)).toBe(1);
    expect(c.err()).toBe('sign-model: disk full\nsign-model: odd\n');
  });

  it('exits 130 when the run was cancelled', () => {
    expect(reportFailure('sign-model', new AppError('CANCELLED', 'Cancelled.'), capture().io)).toBe(130);
  });

  it('writes no progress when piped, and one rewritten line on a terminal', () => {
    const c = capture();
    expect(progressLine(c.io, false)).toBeUndefined();
    const write = progressLine(c.io, true);
    write?.({ bytesDone: 1048576, bytesTotal: 4194304, filesDone: 1, filesTotal: 3, currentFile: 'w.bin' });
    write?.({ bytesDone: 0, bytesTotal: 0, filesDone: 0, filesTotal: 0, currentFile: null });
    expect(c.err()).toBe(`${CLEAR_LINE}25%  1/4 MiB  1/3 files  w.bin${CLEAR_LINE}100%  0/0 MiB  0/0 files  `);
  });

  it('listens for Ctrl-C only while the work runs', async () => {
    const controller = new AbortController();
    const before = process.listenerCount('SIGINT');
    const result = await withInterrupt(controller, async () => {
      expect(process.listenerCount('SIGINT')).toBe(before + 1);
      return 'done';
    });
    expect(result).toBe('done');
    expect(process.listenerCount('SIGINT')).toBe(before);
    expect(controller.signal.aborted).toBe(false);
  });

  it('aborts the work on Ctrl-C', async () => {
    const controller = new AbortController();
    await withInterrupt(controller, async () => {
      // Call the listener it added rather than raising a real signal in the test runner.
      const onSigint = process.listeners('SIGINT').at(-1);
      onSigint?.('SIGINT');
    });
    expect(controller.signal.aborted).toBe(true);
  });
});
