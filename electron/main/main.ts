// The Electron main process: the one place where every setupX() is wired, in the order
// Electron requires. Before `ready`: the sandbox for every renderer, the app:// scheme,
// the single-instance lock, the webContents guard and the certificate policy. After it:
// the session policy, the app:// handler, the menu, the services, IPC, and the window.
import { app, session, type BrowserWindow } from 'electron';
import type { ServiceDeps, Services } from '../services/compose.ts';
import { setupAppMenu } from './app-menu.ts';
import { forwardServiceEvents } from './ipc/forward-events.ts';
import { setupIpcHandlers } from './ipc/handle.ts';
import { createMainLogger, type MainLogger } from './logger.ts';
import { createMainWindow } from './main-window.ts';
import { preloadPathOf, rendererDirOf } from './paths.ts';
import { registerAppScheme, setupAppProtocol } from './protocol/app-protocol.ts';
import { createOpenExternal } from './security/external-url.ts';
import { setupWebContentsGuard } from './security/navigation.ts';
import { setupCertificatePolicy, setupSessionPolicy } from './security/session-policy.ts';
import { setupSingleInstance } from './single-instance.ts';
import { createWindowRegistry, type WindowRegistry } from './window-registry.ts';

/** What main passes to the services factory; store, secrets and transport are its own. */
export type MainServiceDeps = Omit<ServiceDeps, 'store' | 'settingsProblems' | 'secrets' | 'transport'>;

/** The part of the services main uses. */
export type MainServices = Pick<Services, 'implementations' | 'events' | 'dispose'>;

export interface StartOptions {
  /** Builds the services once the app is ready (production: production-services.ts). */
  createServices(deps: MainServiceDeps): MainServices | Promise<MainServices>;
  /** Defaults to the app folder's dist/renderer. */
  rendererDir?: string;
  /** Defaults to the app folder's dist/preload/preload.cjs. */
  preloadPath?: string;
  logger?: MainLogger;
}

/** A running app, for tests and for an orderly quit. */
export interface StartedApp {
  registry: WindowRegistry;
  window: BrowserWindow;
  services: MainServices;
  /** Removes the IPC handlers, stops event forwarding and disposes the services. */
  dispose(): Promise<void>;
}

/**
 * Starts Countersign. Must be called synchronously while the entry module loads: the
 * part before its first `await` has to run before Electron's `ready`. Resolves `null`
 * when another instance already runs (this one quits). Rejects if the services cannot
 * be created (the app then quits).
 */
export async function startApp(options: StartOptions): Promise<StartedApp | null> {
  const logger = options.logger ?? createMainLogger();
  const log = (message: string, details: Record<string, unknown>): void => logger.warn(message, details);

  // ---- before ready -------------------------------------------------------------
  app.enableSandbox();
  registerAppScheme();
  const registry = createWindowRegistry();
  if (!setupSingleInstance(registry)) {
    app.quit();
    return null;
  }
  setupWebContentsGuard(log);
  setupCertificatePolicy(log);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // ---- after ready --------------------------------------------------------------
  await app.whenReady();
  const isDev = !app.isPackaged;
  const appPath = app.getAppPath();
  setupSessionPolicy(session.defaultSession, log);
  setupAppProtocol(options.rendererDir ?? rendererDirOf(appPath));
  setupAppMenu({ isDev, isMac: process.platform === 'darwin' });

  const services = await options.createServices({
    userDataDir: app.getPath('userData'),
    appName: app.getName(),
    appVersion: app.getVersion(),
    platform: `${process.platform}-${process.arch}`,
    versions: runtimeVersions(),
    openExternal: createOpenExternal({ log }),
    logger,
  });
  const logInternal = (channel: string, error: unknown): void =>
    logger.error(`internal error in ${channel}`, { error: error instanceof Error ? error.message : String(error) });
  const removeHandlers = setupIpcHandlers({ implementations: services.implementations, registry, logInternal });
  const stopEvents = forwardServiceEvents(services.events, registry, logInternal);

  const preloadPath = options.preloadPath ?? preloadPathOf(appPath);
  const openWindow = (): BrowserWindow => createMainWindow({ preloadPath, isDev, registry, log });
  const window = openWindow();
  app.on('activate', () => {
    if (registry.all().length === 0) openWindow();
  });

  let disposed = false;
  const dispose = async (): Promise<void> => {
    if (disposed) return;
    disposed = true;
    stopEvents();
    removeHandlers();
    await services.dispose();
  };
  app.on('will-quit', () => {
    void dispose().catch((error: unknown) => logger.error('shutdown failed', { error: String(error) }));
  });
  return { registry, window, services, dispose };
}

function runtimeVersions(): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const key of ['electron', 'chrome', 'node', 'v8'] as const) {
    const value = process.versions[key];
    if (typeof value === 'string') versions[key] = value;
  }
  return versions;
}

// Entry point. `process.type` is 'browser' only in Electron's main process, so importing
// this module elsewhere (tests, tools) starts nothing. The production services are loaded
// lazily so that their native and Electron-only dependencies stay out of such imports.
if (process.type === 'browser') {
  startApp({
    createServices: async (deps) => (await import('./production-services.ts')).createProductionServices(deps),
  }).catch((error: unknown) => {
    process.stderr.write(`Countersign could not start: ${error instanceof Error ? error.stack : String(error)}\n`);
    app.exit(1);
  });
}
