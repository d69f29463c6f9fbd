// The preload runs once, on import, as it does in the renderer; what it exposed is read
// from the fake contextBridge, which copies values the way the real one does (plain
// objects key by key, functions as call-through proxies, prototypes dropped).
import '../../../../electron/preload/preload.ts';
import { describe, expect, it } from 'vitest';
import { apiPath } from '../../../../shared/contract/define.ts';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../../../shared/contract/channels.ts';
import { fake } from '../../../support/electron/fake.ts';

type AnyFn = (...args: unknown[]) => unknown;
const exposed = new Map(fake.state.exposed);
const api = exposed.get('countersign') as Record<string, Record<string, AnyFn>>;

describe('the preload', () => {
  it('exposes one global, window.countersign', () => {
    expect([...exposed.keys()]).toEqual(['countersign']);
  });

  it('exposes exactly the contract: one function per channel, and events.on', () => {
    const expected: Record<string, string[]> = { events: ['on'] };
    for (const name of CHANNEL_NAMES) {
      const [domain, method] = apiPath(name);
      (expected[domain] ??= []).push(method);
    }
    const actual: Record<string, string[]> = {};
    for (const [domain, methods] of Object.entries(api)) {
      expect(Object.getPrototypeOf(methods)).toBe(Object.prototype);
      actual[domain] = Object.keys(methods);
      for (const fn of Object.values(methods)) expect(fn).toBeTypeOf('function');
    }
    expect(actual).toEqual(expected);
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/ipc|invoke|send|require|process/i);
  });

  it('calls main on the contract channel with the input, and returns main’s result', async () => {
    const seen: unknown[][] = [];
    fake.state.rendererInvoke = async (...args) => {
      seen.push(args);
      return { ok: true, data: { removed: true } };
    };
    await expect(api['connections']!['remove']!({ id: 'c1' })).resolves.toEqual({ ok: true, data: { removed: true } });
    await api['app']!['info']!();
    expect(seen).toEqual([
      ['connections:remove', { id: 'c1' }],
      ['app:info', {}],
    ]);
  });

  it('gives event listeners the message alone, never the IPC event', () => {
    const received: unknown[][] = [];
    api['events']!['on']!('connections:changed', (...args: unknown[]) => received.push(args));
    fake.emitToRenderer('event:connections:changed', { ids: ['a'] });
    expect(received).toEqual([[{ ids: ['a'] }]]);
    expect(JSON.stringify(received)).not.toContain('sender');
  });

  it('returns an unsubscribe function that stops delivery', () => {
    const received: unknown[] = [];
    const off = api['events']!['on']!('verification:progress', (m: unknown) => received.push(m)) as () => void;
    expect(fake.rendererEmitter.listenerCount('event:verification:progress')).toBe(1);
    off();
    off();
    expect(fake.rendererEmitter.listenerCount('event:verification:progress')).toBe(0);
    fake.emitToRenderer('event:verification:progress', { jobId: 'j' });
    expect(received).toEqual([]);
  });

  it('refuses to listen on anything that is not a contract event', () => {
    for (const name of ['app:info', 'electron-store-get-data', '../x', 'event:connections:changed']) {
      expect(() => api['events']!['on']!(name, () => {})).toThrow();
    }
    expect(fake.rendererEmitter.eventNames()).toEqual([]);
    expect(EVENT_NAMES.length).toBeGreaterThan(0);
  });
});
