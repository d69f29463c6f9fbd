import { describe, expect, it } from 'vitest';
import { createEventHub } from '../../../../electron/services/events.ts';

const progress = { jobId: 'j1', bytesDone: 1, bytesTotal: 2, filesDone: 0, filesTotal: 1, currentFile: 'a.bin' };

describe('event hub', () => {
  it('delivers each message to the listeners of its event only, until they unsubscribe', () => {
    const hub = createEventHub();
    const seen: unknown[] = [];
    const off = hub.on('connections:changed', (m) => seen.push(m));
    hub.on('verification:progress', () => seen.push('wrong stream'));
    hub.emit('connections:changed', { ids: ['a'] });
    off();
    hub.emit('connections:changed', { ids: ['b'] });
    expect(seen).toEqual([{ ids: ['a'] }]);
  });

  it('refuses a message that does not match its schema, before any listener sees it', () => {
    const hub = createEventHub();
    const seen: unknown[] = [];
    hub.on('verification:progress', (m) => seen.push(m));
    expect(() => hub.emit('verification:progress', { ...progress, bytesDone: 'lots' } as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_OUTPUT' }),
    );
    hub.emit('verification:progress', progress);
    expect(seen).toEqual([progress]);
  });

  it('keeps calling the other listeners when one throws, and reports the failure', () => {
    const failures: string[] = [];
    const hub = createEventHub({ onListenerError: (name, error) => failures.push(`${name}: ${(error as Error).message}`) });
    const seen: unknown[] = [];
    hub.on('connections:changed', () => {
      throw new Error('boom');
    });
    hub.on('connections:changed', (m) => seen.push(m));
    hub.emit('connections:changed', { ids: [] });
    expect(seen).toEqual([{ ids: [] }]);
    expect(failures).toEqual(['connections:changed: boom']);
  });

  it('drops every listener on clear', () => {
    const hub = createEventHub();
    let calls = 0;
    hub.on('connections:changed', () => calls++);
    hub.clear();
    hub.emit('connections:changed', { ids: [] });
    expect(calls).toBe(0);
  });
});
