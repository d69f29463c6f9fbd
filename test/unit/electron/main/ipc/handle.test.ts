import { app, BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from '../../../../../electron/main/app-origin.ts';
import { setupIpcHandlers } from '../../../../../electron/main/ipc/handle.ts';
import { createWindowRegistry, type WindowRegistry } from '../../../../../electron/main/window-registry.ts';
import { CHANNEL_NAMES } from '../../../../../shared/contract/channels.ts';
import type { Implementations } from '../../../../../shared/contract/dispatch.ts';
import { AppError } from '../../../../../shared/errors.ts';
import { FakeWebContents, FakeWebFrame, fake, type FakeBrowserWindow } from '../../../../support/electron/fake.ts';
import { implementationsWith } from '../../../../support/electron/implementations.ts';

const INFO = {
  name: 'Countersign',
  version: '0.1.0',
  transport: 'electron' as const,
  platform: 'linux-x64',
  versions: { electron: '45.4.1' },
  userDataDir: '/home/u/.config/Countersign',
};

let registry: WindowRegistry;
let window: FakeBrowserWindow;
let internal: Array<{ channel: string; error: unknown }>;
let calls: unknown[];

function wire(overrides: Partial<Implementations> = {}): void {
  setupIpcHandlers({
    implementations: implementationsWith({
      'app:info': async (input) => {
        calls.push(input);
        return INFO;
      },
      ...overrides,
    }),
    registry,
    logInternal: (channel, error) => internal.push({ channel, error }),
  });
}

/** The event Electron would pass for a message from `frame` of `sender`. */
function from(sender: FakeWebContents, frame: FakeWebFrame | null = sender.mainFrame) {
  return { sender, senderFrame: frame, processId: frame?.processId ?? 0, frameId: frame?.routingId ?? 0 };
}

beforeEach(async () => {
  await app.whenReady();
  registry = createWindowRegistry();
  registry.add(new BrowserWindow({}));
  window = fake.windows()[0]!;
  await window.loadURL(APP_ENTRY_URL);
  internal = [];
  calls = [];
});

describe('IPC handlers', () => {
  it('exist for exactly the contract channels', () => {
    wire();
    expect([...fake.state.ipcHandlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('have no handler for a channel outside the contract', async () => {
    wire();
    await expect(fake.invokeMain('fs:read-file', from(window.webContents), { path: '/etc/passwd' })).rejects.toThrow(
      /No handler registered/,
    );
  });

  it('answer the top frame of our window on app:// with the service result', async () => {
    wire();
    await expect(fake.invokeMain('app:info', from(window.webContents), {})).resolves.toEqual({ ok: true, data: INFO });
    expect(calls).toEqual([{}]);
  });

  it('can be removed again, and not registered twice', () => {
    const dispose = setupIpcHandlers({ implementations: implementationsWith(), registry, logInternal: () => {} });
    expect(() => setupIpcHandlers({ implementations: implementationsWith(), registry, logInternal: () => {} })).toThrow(
      /second handler/,
    );
    dispose();
    expect(fake.state.ipcHandlers.size).toBe(0);
  });
});

describe('the IPC sender check', () => {
  const forbidden = { ok: false, error: { code: 'FORBIDDEN_SENDER', message: expect.any(String) } };

  it('refuses our window once it shows another origin', async () => {
    wire();
    await window.loadURL('https://evil.example/');
    await expect(fake.invokeMain('app:info', from(window.webContents), {})).resolves.toEqual(forbidden);
    expect(calls).toEqual([]);
    expect(internal).toHaveLength(1);
  });

  it('refuses a file:// page in our window', async () => {
    wire();
    await window.loadURL('file:///tmp/index.html');
    await expect(fake.invokeMain('app:info', from(window.webContents), {})).resolves.toEqual(forbidden);
  });

  it('refuses a subframe, even one on our origin', async () => {
    wire();
    const iframe = window.webContents.mainFrame.addChild('app://countersign/index.html');
    await expect(fake.invokeMain('app:info', from(window.webContents, iframe), {})).resolves.toEqual(forbidden);
    const evil = window.webContents.mainFrame.addChild('https://evil.example/');
    await expect(fake.invokeMain('app:info', from(window.webContents, evil), {})).resolves.toEqual(forbidden);
    expect(calls).toEqual([]);
  });

  it('refuses a sender whose frame is gone', async () => {
    wire();
    await expect(fake.invokeMain('app:info', from(window.webContents, null), {})).resolves.toEqual(forbidden);
  });

  it('refuses a frame that throws when read (disposed)', async () => {
    wire();
    const disposed = new FakeWebFrame('app://countersign/index.html');
    Object.defineProperty(disposed, 'url', {
      get() {
        throw new Error('Render frame was disposed');
      },
    });
    const sender = window.webContents;
    Object.defineProperty(sender, 'mainFrame', { value: disposed });
    await expect(fake.invokeMain('app:info', from(sender, disposed), {})).resolves.toEqual(forbidden);
  });

  it('refuses a webContents that is not one of our windows', async () => {
    wire();
    const stranger = new FakeWebContents('app://countersign/index.html');
    await expect(fake.invokeMain('app:info', from(stranger), {})).resolves.toEqual(forbidden);
  });

  it('refuses a top frame that is not our window’s own main frame', async () => {
    wire();
    const other = new FakeWebFrame('app://countersign/index.html');
    await expect(fake.invokeMain('app:info', from(window.webContents, other), {})).resolves.toEqual(forbidden);
  });

  it('refuses a window that has been closed', async () => {
    wire();
    window.close();
    await expect(fake.invokeMain('app:info', from(window.webContents), {})).resolves.toEqual(forbidden);
  });
});

describe('what a trusted call returns', () => {
  it('INVALID_INPUT for input the schema refuses, without calling the service', async () => {
    wire();
    for (const input of [{ extra: true }, 'a string', 42]) {
      const result = (await fake.invokeMain('app:info', from(window.webContents), input)) as { ok: boolean; error?: { code: string } };
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    const bad = await fake.invokeMain('app:open-external', from(window.webContents), { url: 42 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(calls).toEqual([]);
  });

  it('the code of an AppError the service throws', async () => {
    wire({
      'connections:remove': async () => {
        throw new AppError('NOT_FOUND', 'No connection with that id.');
      },
    });
    await expect(fake.invokeMain('connections:remove', from(window.webContents), { id: 'abc' })).resolves.toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No connection with that id.' },
    });
  });

  it('INTERNAL for an unexpected error, whose details stay in main', async () => {
    wire({
      'settings:get': async () => {
        throw new Error('ENOENT /home/u/secret/path');
      },
    });
    const result = await fake.invokeMain('settings:get', from(window.webContents), {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('secret/path');
    expect(internal.map((i) => i.channel)).toEqual(['settings:get']);
  });

  it('INVALID_OUTPUT when the service replies outside the contract', async () => {
    wire({ 'app:info': async () => ({ ...INFO, transport: 'carrier-pigeon' }) as never });
    await expect(fake.invokeMain('app:info', from(window.webContents), {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_OUTPUT' },
    });
  });
});
