import path from 'node:path';
import { app } from 'electron';
import { describe, expect, it } from 'vitest';
import { startApp, type MainServiceDeps, type MainServices } from '../../../../electron/main/main.ts';
import { createEventHub } from '../../../../electron/services/events.ts';
import { CHANNEL_NAMES } from '../../../../shared/contract/channels.ts';
import { fake, makeEvent } from '../../../support/electron/fake.ts';
import { implementationsWith } from '../../../support/electron/implementations.ts';

function servicesFactory() {
  const seen: { deps: MainServiceDeps | null; disposed: number } = { deps: null, disposed: 0 };
  const events = createEventHub();
  const create = (deps: MainServiceDeps): MainServices => {
    seen.deps = deps;
    return {
      implementations: implementationsWith({
        'app:info': async () => ({
          name: deps.appName,
          version: deps.appVersion,
          transport: 'electron',
          platform: deps.platform,
          versions: deps.versions,
          userDataDir: deps.userDataDir,
        }),
        'app:open-external': async ({ url }) => ({ opened: await deps.openExternal(url) }),
      }),
      events,
      dispose: async () => {
        seen.disposed += 1;
      },
    };
  };
  return { seen, events, create };
}

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

describe('starting the app', () => {
  it('enables the sandbox, registers app:// and takes the lock before ready, and opens the window after', async () => {
    const { create } = servicesFactory();
    await startApp({ createServices: create, logger: quiet });
    const names = fake.callNames();
    const ready = names.indexOf('app.whenReady');
    expect(names.indexOf('app.enableSandbox')).toBeGreaterThanOrEqual(0);
    expect(names.indexOf('app.enableSandbox')).toBeLessThan(ready);
    expect(names.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(ready);
    expect(names.indexOf('app.requestSingleInstanceLock')).toBeLessThan(ready);
    expect(names.indexOf('protocol.handle')).toBeGreaterThan(ready);
    expect(names.indexOf('session.setPermissionRequestHandler')).toBeGreaterThan(ready);
    expect(names.indexOf('new BrowserWindow')).toBeGreaterThan(names.lastIndexOf('ipcMain.handle'));
  });

  it('quits at once, creating nothing, when another instance holds the lock', async () => {
    fake.state.singleInstanceLock = false;
    const { seen, create } = servicesFactory();
    await expect(startApp({ createServices: create, logger: quiet })).resolves.toBeNull();
    expect(fake.callNames()).toContain('app.quit');
    expect(fake.callNames()).not.toContain('app.whenReady');
    expect(fake.windows()).toEqual([]);
    expect(seen.deps).toBeNull();
  });

  it('wires every guard: permissions, certificates, navigation of future webContents, the menu', async () => {
    const { create } = servicesFactory();
    await startApp({ createServices: create, logger: quiet });
    expect(fake.session.permissionRequestHandler).not.toBeNull();
    expect(fake.session.permissionCheckHandler).not.toBeNull();
    expect(app.listenerCount('certificate-error')).toBe(1);
    expect(app.listenerCount('web-contents-created')).toBe(1);
    expect(fake.state.protocolHandlers.has('app')).toBe(true);
    expect(fake.state.applicationMenu).not.toBeNull();
    const window = fake.windows()[0]!;
    expect(window.webContents.attemptNavigation('will-navigate', 'https://evil.example/')).toBe(true);
  });

  it('serves the renderer and loads the preload from the app folder by default', async () => {
    fake.state.appPath = '/opt/Countersign/resources/app.asar';
    const { create } = servicesFactory();
    await startApp({ createServices: create, logger: quiet });
    const prefs = fake.windows()[0]!.options['webPreferences'] as { preload: string };
    expect(prefs.preload).toBe(path.join('/opt/Countersign/resources/app.asar', 'dist', 'preload', 'preload.cjs'));
  });

  it('answers the window over IPC through the services and forwards their events', async () => {
    const { seen, events, create } = servicesFactory();
    fake.state.paths['userData'] = '/home/u/.config/Countersign';
    await startApp({ createServices: create, logger: quiet });
    expect([...fake.state.ipcHandlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    const window = fake.windows()[0]!;
    const trusted = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    await expect(fake.invokeMain('app:info', trusted, {})).resolves.toMatchObject({
      ok: true,
      data: { name: 'Countersign', transport: 'electron', userDataDir: '/home/u/.config/Countersign' },
    });
    expect(seen.deps?.userDataDir).toBe('/home/u/.config/Countersign');
    events.emit('connections:changed', { ids: ['c1'] });
    expect(window.webContents.sent).toEqual([{ channel: 'event:connections:changed', args: [{ ids: ['c1'] }] }]);
  });

  it('gives the services an openExternal that only opens checked https URLs', async () => {
    const { create } = servicesFactory();
    await startApp({ createServices: create, logger: quiet });
    const window = fake.windows()[0]!;
    const trusted = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    await expect(fake.invokeMain('app:open-external', trusted, { url: 'javascript:alert(1)' })).resolves.toEqual({
      ok: true,
      data: { opened: false },
    });
    await expect(fake.invokeMain('app:open-external', trusted, { url: 'https://example.com/' })).resolves.toEqual({
      ok: true,
      data: { opened: true },
    });
    expect(fake.state.openedExternal).toEqual(['https://example.com/']);
  });

  it('quits when the last window closes (except on macOS) and cleans up on quit', async () => {
    const { seen, create } = servicesFactory();
    const started = await startApp({ createServices: create, logger: quiet });
    app.emit('window-all-closed');
    expect(fake.callNames().includes('app.quit')).toBe(process.platform !== 'darwin');
    await started!.dispose();
    expect(fake.state.ipcHandlers.size).toBe(0);
    expect(seen.disposed).toBe(1);
    app.emit('will-quit', makeEvent());
    expect(seen.disposed).toBe(1);
  });
});
