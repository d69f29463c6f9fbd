// =====================================================================================
// SECURITY: the window's webPreferences. The renderer shows untrusted text (model cards,
// registry metadata); these settings make sure that even script injected into it gets
// a sandboxed, context-isolated page with no Node, no <webview>, no mixed content and
// the web's same-origin policy, and reaches main only through the preload's contract API.
// =====================================================================================
import { BrowserWindow, type WebPreferences } from 'electron';
import { APP_ENTRY_URL } from './app-origin.ts';
import { guardWebContents, type GuardLog } from './security/navigation.ts';
import type { WindowRegistry } from './window-registry.ts';

/** The webPreferences of every app window; exported so a test can hold us to it. */
export function secureWebPreferences(preloadPath: string, isDev: boolean): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    webviewTag: false,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: isDev,
  };
}

export interface MainWindowOptions {
  preloadPath: string;
  isDev: boolean;
  registry: WindowRegistry;
  log?: GuardLog;
}

/**
 * Creates the main window on app://countersign, guarded and registered, and shows it
 * once it has painted. Call after `ready` and after the app:// handler is installed.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Countersign',
    backgroundColor: '#121212',
    webPreferences: secureWebPreferences(options.preloadPath, options.isDev),
  });
  // web-contents-created already guards it; doing it here too keeps the window safe
  // should the order of setup ever change (the guard is idempotent).
  guardWebContents(window.webContents, options.log);
  options.registry.add(window);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
