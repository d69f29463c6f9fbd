// =====================================================================================
// SECURITY: the only place that touches ipcMain. Every contract channel gets a handler
// that does the same things in the same order: check the sender's frame and origin,
// then `dispatch()` (parse the unknown input, call the service, check its output, wrap
// the result). Channels outside the contract have no handler at all.
// =====================================================================================
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES, type ChannelName } from '../../../shared/contract/channels.ts';
import { dispatch, type Implementations, type InternalErrorSink } from '../../../shared/contract/dispatch.ts';
import { fail, type Result } from '../../../shared/contract/result.ts';
import type { WindowRegistry } from '../window-registry.ts';
import { isTrustedSender } from './sender-check.ts';

export interface IpcHandlersOptions {
  implementations: Implementations;
  registry: WindowRegistry;
  /** Unexpected failures and refused senders; never shown to the renderer. */
  logInternal: InternalErrorSink;
}

/** What each handler returns to an untrusted sender. */
export const FORBIDDEN: Result<never> = fail({
  code: 'FORBIDDEN_SENDER',
  message: 'This request did not come from a Countersign window.',
});

/** The handler body for one channel, separate from registration so it can be tested. */
export function createChannelHandler(
  name: ChannelName,
  options: IpcHandlersOptions,
): (event: IpcMainInvokeEvent, input: unknown) => Promise<Result<unknown>> {
  return async (event, input) => {
    if (!isTrustedSender(event, options.registry)) {
      options.logInternal(name, new Error('refused an IPC call from an untrusted frame'));
      return FORBIDDEN;
    }
    return dispatch(name, input, options.implementations, options.logInternal);
  };
}

/**
 * Registers `ipcMain.handle` for every channel in CHANNELS. Returns a function that
 * removes them again. Throws if a channel already has a handler (registering twice is
 * a wiring bug).
 */
export function setupIpcHandlers(options: IpcHandlersOptions): () => void {
  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(name, createChannelHandler(name, options));
  }
  return () => {
    for (const name of CHANNEL_NAMES) ipcMain.removeHandler(name);
  };
}
