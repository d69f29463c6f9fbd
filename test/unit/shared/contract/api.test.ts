import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, apiPath, buildApi, type Transport } from '../../../../shared/contract/index.ts';

describe('buildApi', () => {
  it('exposes exactly one function per contract channel, grouped by domain, plus events.on', () => {
    const transport: Transport = { invoke: vi.fn(), subscribe: vi.fn() };
    const api = buildApi(transport) as unknown as Record<string, Record<string, unknown>>;
    const exposed = Object.entries(api).flatMap(([domain, methods]) =>
      Object.keys(methods).map((m) => `${domain}.${m}`),
    );
    const expected = CHANNEL_NAMES.map((c) => apiPath(c).join('.'));
    expect(exposed.sort()).toEqual([...expected, 'events.on'].sort());
  });

  it('turns kebab-case verbs into camelCase methods', () => {
    expect(apiPath('verification:verify-model')).toEqual(['verification', 'verifyModel']);
  });

  it('sends the channel name and input through the transport and returns its envelope', async () => {
    const invoke = vi.fn(async () => ({ ok: true as const, data: [] }));
    const api = buildApi({ invoke, subscribe: vi.fn() });
    await expect(api.connections.list()).resolves.toEqual({ ok: true, data: [] });
    await api.connections.remove({ id: 'a' });
    expect(invoke.mock.calls).toEqual([
      ['connections:list', {}],
      ['connections:remove', { id: 'a' }],
    ]);
  });

  it('hands listeners only the message and returns the unsubscribe', () => {
    const off = vi.fn();
    const subscribe = vi.fn((_e: string, _l: (m: unknown) => void) => off);
    const api = buildApi({ invoke: vi.fn(), subscribe });
    const listener = vi.fn();
    const unsubscribe = api.events.on('connections:changed', listener);
    subscribe.mock.calls[0]?.[1]({ ids: ['x'] });
    expect(listener).toHaveBeenCalledWith({ ids: ['x'] });
    unsubscribe();
    expect(off).toHaveBeenCalled();
  });
});
