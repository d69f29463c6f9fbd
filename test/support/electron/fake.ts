// A faithful-enough fake of the `electron` module for unit tests (the Electron binary
// cannot run here). It keeps Electron's rules that matter to us (schemes registered
// before ready, one ipcMain handler per channel, one protocol handler per scheme,
// contextBridge copying only plain data and functions) and records every call so tests
// can assert on them. test/support/electron-mock.ts installs it with vi.mock('electron').
import { EventEmitter } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { makeEvent } from './events.ts';
import { FakeWebContents, FakeWebFrame } from './web-contents.ts';

export { makeEvent, FakeWebContents, FakeWebFrame };

/** Every recorded call, in order: `{ api: 'app.enableSandbox', args: [] }`. */
export interface RecordedCall {
  api: string;
  args: unknown[];
}

interface FakeState {
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

function freshState(): FakeState {
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

const state: FakeState = freshState();

function record(api: string, args: unknown[]): void {
  state.calls.push({ api, args });
}

// ---- app ------------------------------------------------------------------------
class FakeApp extends EventEmitter {
  get isPackaged(): boolean {
    return state.isPackaged;
  }
  enableSandbox(): void {
    if (state.ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    record('app.enableSandbox', []);
  }
  requestSingleInstanceLock(): boolean {
    record('app.requestSingleInstanceLock', []);
    return state.singleInstanceLock;
  }
  whenReady(): Promise<void> {
    record('app.whenReady', []);
    if (!state.ready) {
      state.ready = true;
      this.emit('ready', makeEvent(), {});
    }
    return Promise.resolve();
  }
  isReady(): boolean {
    return state.ready;
  }
  quit(): void {
    record('app.quit', []);
  }
  exit(code = 0): void {
    record('app.exit', [code]);
  }
  getAppPath(): string {
    return state.appPath;
  }
  getPath(name: string): string {
    const value = state.paths[name];
    if (value === undefined) throw new Error(`Failed to get '${name}' path`);
    return value;
  }
  setPath(name: string, value: string): void {
    record('app.setPath', [name, value]);
    state.paths[name] = value;
  }
  getName(): string {
    return 'Countersign';
  }
  getVersion(): string {
    return '0.1.0';
  }
  setAboutPanelOptions(options: unknown): void {
    record('app.setAboutPanelOptions', [options]);
  }
}

// ---- BrowserWindow --------------------------------------------------------------
const windows: FakeBrowserWindow[] = [];

class FakeBrowserWindow extends EventEmitter {
  readonly options: Record<string, unknown>;
  readonly webContents: FakeWebContents;
  minimized = false;
  visible = false;
  focused = false;
  destroyed = false;

  constructor(options: Record<string, unknown> = {}) {
    super();
    if (!state.ready) throw new Error('Cannot create BrowserWindow before app is ready');
    record('new BrowserWindow', [options]);
    this.options = options;
    this.webContents = new FakeWebContents();
    windows.push(this);
    // As in Electron: every new webContents is announced on the app.
    fakeApp.emit('web-contents-created', makeEvent(), this.webContents);
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return windows.filter((w) => !w.destroyed);
  }
  static fromWebContents(contents: unknown): FakeBrowserWindow | null {
    return windows.find((w) => !w.destroyed && w.webContents === contents) ?? null;
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Closes the window as a user would: 'closed' fires and the window is gone. */
  close(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

// ---- session, protocol, shell, Menu ---------------------------------------------
class FakeSession extends EventEmitter {
  permissionRequestHandler: ((...args: never[]) => void) | null = null;
  permissionCheckHandler: ((...args: never[]) => boolean) | null = null;
  devicePermissionHandler: ((...args: never[]) => boolean) | null = null;
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    record('session.setPermissionRequestHandler', [handler]);
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    record('session.setPermissionCheckHandler', [handler]);
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: FakeSession['devicePermissionHandler']): void {
    record('session.setDevicePermissionHandler', [handler]);
    this.devicePermissionHandler = handler;
  }
  setProxy(config: unknown): Promise<void> {
    record('session.setProxy', [config]);
    return Promise.resolve();
  }
  reset(): void {
    this.permissionRequestHandler = null;
    this.permissionCheckHandler = null;
    this.devicePermissionHandler = null;
    this.removeAllListeners();
  }
}

const defaultSession = new FakeSession();

const protocol = {
  registerSchemesAsPrivileged(schemes: FakeState['privilegedSchemes']): void {
    if (state.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    record('protocol.registerSchemesAsPrivileged', [schemes]);
    state.privilegedSchemes.push(...structuredClone(schemes));
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    if (!state.ready) throw new Error('protocol.handle can only be used after app is ready');
    if (state.protocolHandlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    record('protocol.handle', [scheme]);
    state.protocolHandlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    state.protocolHandlers.delete(scheme);
  },
  isProtocolHandled(scheme: string): boolean {
    return state.protocolHandlers.has(scheme);
  },
};

const shell = {
  async openExternal(url: string, options?: unknown): Promise<void> {
    record('shell.openExternal', [url, options]);
    if (state.openExternalError !== null) throw state.openExternalError;
    state.openedExternal.push(url);
  },
};

const Menu = {
  buildFromTemplate(template: unknown[]): { template: unknown[] } {
    return { template: structuredClone(template) };
  },
  setApplicationMenu(menu: { template: unknown[] } | null): void {
    record('Menu.setApplicationMenu', [menu]);
    state.applicationMenu = menu;
  },
};

// ---- IPC ------------------------------------------------------------------------
const ipcMain = {
  handle(channel: string, listener: (event: unknown, ...args: unknown[]) => unknown): void {
    if (state.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    record('ipcMain.handle', [channel]);
    state.ipcHandlers.set(channel, listener);
  },
  removeHandler(channel: string): void {
    record('ipcMain.removeHandler', [channel]);
    state.ipcHandlers.delete(channel);
  },
};

const rendererEmitter = new EventEmitter();
interface FakeIpcRenderer {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (...args: unknown[]) => void): FakeIpcRenderer;
  removeListener(channel: string, listener: (...args: unknown[]) => void): FakeIpcRenderer;
  send(channel: string, ...args: unknown[]): void;
}
const ipcRenderer: FakeIpcRenderer = {
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

const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    if (state.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
    record('contextBridge.exposeInMainWorld', [key]);
    state.exposed.set(key, bridgeCopy(api));
  },
};

const fakeApp = new FakeApp();
const session = { defaultSession, fromPartition: () => defaultSession };
const net = {
  fetch(): Promise<Response> {
    return Promise.reject(new Error('net.fetch is not available in unit tests'));
  },
};

/** The module object `vi.mock('electron')` returns (named exports and default). */
const electronApi = {
  app: fakeApp,
  BrowserWindow: FakeBrowserWindow,
  session,
  protocol,
  shell,
  Menu,
  ipcMain,
  ipcRenderer,
  contextBridge,
  net,
};
export const electronModule = { ...electronApi, default: electronApi };

/** Test controls and recordings of the fake. Reset before every test. */
export const fake = {
  state,
  app: fakeApp,
  session: defaultSession,
  BrowserWindow: FakeBrowserWindow,
  rendererEmitter,
  /** Names of the recorded calls, in order. */
  callNames(): string[] {
    return state.calls.map((c) => c.api);
  },
  /** Calls the ipcMain handler of `channel` as Electron would for an invoke. */
  async invokeMain(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const handler = state.ipcHandlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    return structuredClone(await handler(event, ...args.map((a) => structuredClone(a))));
  },
  /** Sends `message` to the renderer on `channel`, with an IPC event as Electron does. */
  emitToRenderer(channel: string, message: unknown): void {
    const event = { sender: ipcRenderer, senderId: 0, ports: [] };
    rendererEmitter.emit(channel, event, structuredClone(message));
  },
  /** The windows created so far. */
  windows(): FakeBrowserWindow[] {
    return [...windows];
  },
};

export type { FakeBrowserWindow, FakeSession };

/** Puts the fake back in its initial state: called before every test. */
export function resetElectronFake(): void {
  Object.assign(state, freshState());
  windows.length = 0;
  fakeApp.removeAllListeners();
  defaultSession.reset();
  rendererEmitter.removeAllListeners();
}
