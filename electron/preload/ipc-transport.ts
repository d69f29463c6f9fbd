// =====================================================================================
// SECURITY: the preload's only use of ipcRenderer. Calls go out on contract channel
// names only (buildApi supplies them); events come in on `event:<name>` for contract
// event names only, and the listener receives the message alone, never the IPC event
// (whose `sender` would hand the page ipcRenderer itself).
// =====================================================================================
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { Transport } from '../../shared/contract/api.ts';
import { isChannelName, isEventName } from '../../shared/contract/channels.ts';
import { fail, type Result } from '../../shared/contract/result.ts';

/** The parts of ipcRenderer the transport uses. */
export type IpcRendererLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/** A {@link Transport} over Electron IPC. */
export function createIpcTransport(ipc: IpcRendererLike): Transport {
  return {
    async invoke(channel, input) {
      if (!isChannelName(channel)) {
        return fail({ code: 'UNKNOWN_CHANNEL', message: 'That request is not part of the contract.' });
      }
      return (await ipc.invoke(channel, input)) as Result<unknown>;
    },
    subscribe(event, listener) {
      if (!isEventName(event) || typeof listener !== 'function') {
        throw new TypeError('Unknown event or listener.');
      }
      const channel = `event:${event}`;
      const forward = (_event: IpcRendererEvent, message: unknown): void => listener(message);
      ipc.on(channel, forward);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(channel, forward);
      };
    },
  };
}
