import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAME, CHANNEL_NAMES, EVENT_NAMES, dispatch, type Implementations } from '../../../../shared/contract/index.ts';
import { AppError } from '../../../../shared/errors.ts';

const impl = (overrides: Partial<Record<string, (input: unknown) => Promise<unknown>>>): Implementations =>
  overrides as unknown as Implementations;

describe('the contract', () => {
  it('names every channel and event domain:verb', () => {
    for (const name of [...CHANNEL_NAMES, ...EVENT_NAMES]) expect(name).toMatch(CHANNEL_NAME);
  });
});

describe('dispatch', () => {
  it('refuses a channel the contract does not name, without calling anything', async () => {
    const spy = vi.fn();
    const result = await dispatch('fs:read', {}, impl({ 'fs:read': spy }));
    expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: expect.any(String) } });
    expect(spy).not.toHaveBeenCalled();
  });

  it('refuses inherited object keys as channel names', async () => {
    const result = await dispatch('constructor', {}, impl({}));
    expect(result.ok).toBe(false);
  });

  it('parses input before the service sees it and reports what is wrong', async () => {
    const spy = vi.fn();
    const result = await dispatch('connections:remove', { id: '' }, impl({ 'connections:remove': spy }));
    expect(spy).not.toHaveBeenCalled();
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(result.error.message).toContain('id');
    }
  });

  it('strips unknown keys from strict inputs by refusing them', async () => {
    const spy = vi.fn();
    const result = await dispatch('app:info', { evil: true }, impl({ 'app:info': spy }));
    expect(result.ok).toBe(false);
    expect(spy).not.toHaveBeenCalled();
  });

  it('keeps an AppError code and message across the boundary', async () => {
    const result = await dispatch(
      'connections:remove',
      { id: 'x' },
      impl({
        'connections:remove': async () => {
          throw new AppError('NOT_FOUND', 'No connection x.');
        },
      }),
    );
    expect(result).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No connection x.' } });
  });

  it('hides an unexpected error behind INTERNAL and reports it to the sink only', async () => {
    const sink = vi.fn();
    const result = await dispatch(
      'connections:list',
      {},
      impl({
        'connections:list': async () => {
          throw new Error('password=hunter2 leaked in a stack');
        },
      }),
      sink,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INTERNAL');
      expect(result.error.message).not.toContain('hunter2');
    }
    expect(sink).toHaveBeenCalledWith('connections:list', expect.any(Error));
  });

  it('checks the service output against the contract', async () => {
    const sink = vi.fn();
    const result = await dispatch('connections:list', {}, impl({ 'connections:list': async () => [{ id: 1 }] }), sink);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('INVALID_OUTPUT');
    expect(sink).toHaveBeenCalled();
  });

  it('drops output fields the contract does not name (a secret cannot ride along)', async () => {
    const connection = {
      id: 'c1',
      name: 'Team',
      kind: 'mlflow',
      url: 'https://mlflow.example.com',
      auth: { type: 'basic', username: 'u' },
      hasSecret: true,
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      secret: 'hunter2',
    };
    const result = await dispatch('connections:list', {}, impl({ 'connections:list': async () => [connection] }));
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });
});
