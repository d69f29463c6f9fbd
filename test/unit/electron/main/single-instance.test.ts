import { app, BrowserWindow } from 'electron';
import { describe, expect, it } from 'vitest';
import { setupSingleInstance } from '../../../../electron/main/single-instance.ts';
import { createWindowRegistry } from '../../../../electron/main/window-registry.ts';
import { fake, makeEvent } from '../../../support/electron/fake.ts';

describe('the single-instance lock', () => {
  it('is requested, and a second instance learns it must quit', () => {
    fake.state.singleInstanceLock = false;
    expect(setupSingleInstance(createWindowRegistry())).toBe(false);
    expect(fake.callNames()).toContain('app.requestSingleInstanceLock');
  });

  it('brings the first window back when another launch is attempted', async () => {
    await app.whenReady();
    const registry = createWindowRegistry();
    expect(setupSingleInstance(registry)).toBe(true);
    const window = new BrowserWindow();
    registry.add(window);
    const fakeWindow = fake.windows()[0]!;
    fakeWindow.minimized = true;
    app.emit('second-instance', makeEvent(), ['countersign'], '/', {});
    expect(fakeWindow.minimized).toBe(false);
    expect(fakeWindow.visible).toBe(true);
    expect(fakeWindow.focused).toBe(true);
  });

  it('does nothing on a second launch when no window is open', () => {
    expect(setupSingleInstance(createWindowRegistry())).toBe(true);
    expect(() => app.emit('second-instance', makeEvent(), [], '/', {})).not.toThrow();
  });
});
