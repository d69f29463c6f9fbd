// The shared, resettable state of the fake `electron` module and its call log.
import os from 'node:os';
import path from 'node:path';

/** Every recorded call, in order: `{ api: 'app.enableSandbox', args: [] }`. */
export interface RecordedCall {
  api: string;
  args: unknown[];
}

export interface FakeState {
  calls: RecordedCall[];
  ready: boolean;
  isPackaged: boolean;
  singleInstanceLock: boolean;
  appPath: string;
  paths: Record<string, string>;
  privilegedSchemes: Array<{ scheme: string; privileges?: Record<string, boolean> }>;
  protocolHandlers: Map<string, (request: Request) => Response | Promise<Response>>;
  ipcHandlers: Map<string, (event: unknown, ...args: unknown[]) => unknown>;
  exposed: Map<string, unknown>;
  openedExternal: string[];
  openExternalError: Error | null;
  applicationMenu: { template: unknown[] } | null;
  rendererInvoke: (channel: string, ...args: unknown[]) => Promise<unknown>;
}

export function freshState(): FakeState {
  return {
    calls: [],
    ready: false,
    isPackaged: false,
    singleInstanceLock: true,
    appPath: path.join(os.tmpdir(), 'countersign-fake-app'),
    paths: { userData: path.join(os.tmpdir(), 'countersign-fake-user-data') },
    privilegedSchemes: [],
    protocolHandlers: new Map(),
    ipcHandlers: new Map(),
    exposed: new Map(),
    openedExternal: [],
    openExternalError: null,
    applicationMenu: null,
    rendererInvoke: (channel) => Promise.reject(new Error(`No handler registered for '${channel}'`)),
  };
}

export const state: FakeState = freshState();

/** Appends a call to the log. */
export function record(api: string, args: unknown[]): void {
  state.calls.push({ api, args });
}
