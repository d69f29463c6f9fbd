import type { IpcRendererEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { createIpcTransport, type IpcRendererLike } from '../../../../electron/preload/ipc-transport.ts';
import type { ChannelName, EventName } from '../../../../shared/contract/channels.ts';

function recordingIpc() {
  const invoked: unknown[][] = [];
  const listeners = new Map<string, (event: IpcRendererEvent, ...args: unknown[]) => void>();
  const ipc = {
    invoke: async (...args: unknown[]) => {
      invoked.push(args);
      return { ok: true, data: null };
    },
    on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void) {
      listeners.set(channel, listener);
      return ipc;
    },
    removeListener(channel: string) {
      listeners.delete(channel);
      return ipc;
    },
  };
  return { ipc: ipc as unknown as IpcRendererLike, invoked, listeners };
}

describe('the IPC transport of the preload', () => {
  it('never invokes a channel outside the contract', async () => {
    const { ipc, invoked } = recordingIpc();
    const transport = createIpcTransport(ipc);
    await expect(transport.invoke('fs:read' as ChannelName, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(invoked).toEqual([]);
  });

  it('drops the IPC event before calling the listener', () => {
    const { ipc, listeners } = recordingIpc();
    const received: unknown[][] = [];
    createIpcTransport(ipc).subscribe('connections:changed', (...args: unknown[]) => received.push(args));
    const event = { sender: { invoke: () => 'ipcRenderer!' } } as unknown as IpcRendererEvent;
    listeners.get('event:connections:changed')?.(event, { ids: [] }, 'extra');
    expect(received).toEqual([[{ ids: [] }]]);
  });

  it('refuses a listener for an unknown event', () => {
    const { ipc } = recordingIpc();
    expect(() => createIpcTransport(ipc).subscribe('nope' as EventName, () => {})).toThrow(TypeError);
  });
});
