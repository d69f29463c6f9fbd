// A faithful-enough fake of the `electron` module for unit tests (the Electron binary
// cannot run here). It keeps Electron's rules that matter to us (schemes registered
// before ready, one ipcMain handler per channel, one protocol handler per scheme,
// contextBridge copying only plain data and functions) and records every call so tests
// can assert on them. test/support/electron-mock.ts installs it with vi.mock('electron').
import { EventEmitter } from 'node:events';
import { makeEvent } from './events.ts';
import { contextBridge, ipcMain, ipcRenderer, rendererEmitter } from './ipc.ts';
import { freshState, record, state, type FakeState } from './state.ts';
import { FakeWebContents, FakeWebFrame } from './web-contents.ts';

export { makeEvent, FakeWebContents, FakeWebFrame };
export type { RecordedCall } from './state.ts';

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
