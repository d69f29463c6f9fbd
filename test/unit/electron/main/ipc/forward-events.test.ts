import { app, BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from '../../../../../electron/main/app-origin.ts';
import { eventChannel, forwardServiceEvents, type EventSource } from '../../../../../electron/main/ipc/forward-events.ts';
import { createWindowRegistry, type WindowRegistry } from '../../../../../electron/main/window-registry.ts';
import { EVENT_NAMES, type EventName } from '../../../../../shared/contract/channels.ts';
import { fake } from '../../../../support/electron/fake.ts';

// A bare event source that, unlike the services' hub, lets a test push any message:
// the forwarder must check messages itself.
function source(): EventSource & { emit(name: EventName, message: unknown): void; count(): number } {
  const listeners = new Map<EventName, Set<(m: unknown) => void>>();
  return {
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    emit(name, message) {
      for (const l of listeners.get(name) ?? []) l(message);
    },
    count() {
      return [...listeners.values()].reduce((n, s) => n + s.size, 0);
    },
  };
}

let registry: WindowRegistry;

beforeEach(async () => {
  await app.whenReady();
  registry = createWindowRegistry();
});

async function openWindow(url = APP_ENTRY_URL) {
  registry.add(new BrowserWindow({}));
  const window = fake.windows().at(-1)!;
  await window.loadURL(url);
  return window;
}

describe('forwarding service events to windows', () => {
  it('subscribes to every contract event', () => {
    const events = source();
    forwardServiceEvents(events, registry, () => {});
    expect(events.count()).toBe(EVENT_NAMES.length);
  });

  it('sends a valid message on event:<name> to our windows', async () => {
    const window = await openWindow();
    const events = source();
    forwardServiceEvents(events, registry, () => {});
    events.emit('connections:changed', { ids: ['a', 'b'] });
    expect(window.webContents.sent).toEqual([{ channel: 'event:connections:changed', args: [{ ids: ['a', 'b'] }] }]);
    expect(eventChannel('verification:progress')).toBe('event:verification:progress');
  });

  it('drops and reports a message that does not match its schema', async () => {
    const window = await openWindow();
    const events = source();
    const errors: string[] = [];
    forwardServiceEvents(events, registry, (name) => errors.push(name));
    events.emit('connections:changed', { ids: 'not-an-array', secret: 'x' });
    expect(window.webContents.sent).toEqual([]);
    expect(errors).toEqual(['connections:changed']);
  });

  it('strips keys the schema does not name', async () => {
    const window = await openWindow();
    const events = source();
    forwardServiceEvents(events, registry, () => {});
    events.emit('connections:changed', { ids: [], token: 's3cret' });
    expect(JSON.stringify(window.webContents.sent)).not.toContain('s3cret');
  });

  it('sends nothing to a window showing another origin, or closed', async () => {
    const away = await openWindow('https://evil.example/');
    const closed = await openWindow();
    closed.close();
    const events = source();
    forwardServiceEvents(events, registry, () => {});
    events.emit('connections:changed', { ids: [] });
    expect(away.webContents.sent).toEqual([]);
    expect(closed.webContents.sent).toEqual([]);
  });

  it('unsubscribes everything when stopped', () => {
    const events = source();
    forwardServiceEvents(events, registry, () => {})();
    expect(events.count()).toBe(0);
  });
});
