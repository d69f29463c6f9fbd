import { app } from 'electron';
import { beforeEach, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from '../../../../electron/main/app-origin.ts';
import { createMainWindow, secureWebPreferences } from '../../../../electron/main/main-window.ts';
import { createWindowRegistry } from '../../../../electron/main/window-registry.ts';
import { fake } from '../../../support/electron/fake.ts';

describe('the main window', () => {
  beforeEach(async () => {
    await app.whenReady();
  });

  it('is created sandboxed, context-isolated, without Node, webviews or insecure content, with our preload', () => {
    const window = createMainWindow({ preloadPath: '/app/dist/preload/preload.cjs', isDev: false, registry: createWindowRegistry() });
    const prefs = (fake.BrowserWindow.fromWebContents(window.webContents)?.options['webPreferences'] ?? {}) as Record<string, unknown>;
    expect(prefs).toMatchObject({
      preload: '/app/dist/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
    });
  });

  it('has developer tools only in development builds', () => {
    expect(secureWebPreferences('/p.cjs', false).devTools).toBe(false);
    expect(secureWebPreferences('/p.cjs', true).devTools).toBe(true);
  });

  it('loads the UI from app://, never file://', () => {
    const window = createMainWindow({ preloadPath: '/p.cjs', isDev: true, registry: createWindowRegistry() });
    expect(fake.windows()[0]?.webContents.loadedUrls).toEqual([APP_ENTRY_URL]);
    expect(window.webContents.getURL().startsWith('app://countersign/')).toBe(true);
  });

  it('is registered, guarded against navigation, and shown once painted', () => {
    const registry = createWindowRegistry();
    const window = createMainWindow({ preloadPath: '/p.cjs', isDev: false, registry });
    const fakeWindow = fake.windows()[0]!;
    expect(registry.byWebContents(window.webContents)).toBe(window);
    expect(fakeWindow.webContents.attemptNavigation('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fakeWindow.webContents.attemptWindowOpen('https://evil.example/')).toBe('deny');
    expect(fakeWindow.visible).toBe(false);
    fakeWindow.emit('ready-to-show');
    expect(fakeWindow.visible).toBe(true);
  });

  it('leaves the registry when closed', () => {
    const registry = createWindowRegistry();
    createMainWindow({ preloadPath: '/p.cjs', isDev: false, registry });
    fake.windows()[0]!.close();
    expect(registry.all()).toEqual([]);
  });
});
