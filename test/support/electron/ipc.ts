// The fake IPC half of `electron`: ipcMain (one handler per channel, as in Electron),
// ipcRenderer (invoke routed through a test-set function; `on` through an emitter) and
// contextBridge (copies what it exposes the way the real one does).
import { EventEmitter } from 'node:events';
import { record, state } from './state.ts';

// ---- IPC ------------------------------------------------------------------------
export const ipcMain = {
  handle(channel: string, listener: (event: unknown, ...args: unknown[]) => unknown): void {
    if (state.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    record('ipcMain.handle', [channel]);
    state.ipcHandlers.set(channel, listener);
  },
  removeHandler(channel: string): void {
    record('ipcMain.removeHandler', [channel]);
    state.ipcHandlers.delete(channel);
  },
  // Only electron-store uses it (its renderer data listener, which our preload never exposes).
  on(channel: string, _listener: (event: unknown, ...args: unknown[]) => void): void {
    record('ipcMain.on', [channel]);
  },
};

export const rendererEmitter = new EventEmitter();
export interface FakeIpcRenderer {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (...args: unknown[]) => void): FakeIpcRenderer;
  removeListener(channel: string, listener: (...args: unknown[]) => void): FakeIpcRenderer;
  send(channel: string, ...args: unknown[]): void;
}
export const ipcRenderer: FakeIpcRenderer = {
  invoke(channel, ...args) {
    record('ipcRenderer.invoke', [channel, ...args]);
    return state.rendererInvoke(channel, ...args.map((a) => structuredClone(a)));
  },
  on(channel, listener) {
    record('ipcRenderer.on', [channel]);
    rendererEmitter.on(channel, listener);
    return ipcRenderer;
  },
  removeListener(channel, listener) {
    record('ipcRenderer.removeListener', [channel]);
    rendererEmitter.removeListener(channel, listener);
    return ipcRenderer;
  },
  send(channel, ...args) {
    record('ipcRenderer.send', [channel, ...args]);
  },
};

// What contextBridge does to a value crossing into the main world: functions become
// proxies that call through, plain objects and arrays are copied key by key (prototypes
// and their methods are lost), primitives are copied; anything else is refused.
function bridgeCopy(value: unknown, seen = new Set<unknown>()): unknown {
  if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => unknown;
    return (...args: unknown[]) => fn(...args.map((a) => bridgeCopy(a)));
  }
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) throw new Error('contextBridge: cyclic object');
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => bridgeCopy(v, seen));
  if (value instanceof Promise) return value.then((v) => bridgeCopy(v));
  if (value instanceof Error) return new Error(value.message);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = bridgeCopy((value as Record<string, unknown>)[key], seen);
  return copy;
}

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    if (state.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
    record('contextBridge.exposeInMainWorld', [key]);
    state.exposed.set(key, bridgeCopy(api));
  },
};
