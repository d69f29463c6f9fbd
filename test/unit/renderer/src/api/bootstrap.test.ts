import { describe, expect, it } from 'vitest';
import { buildApi } from '../../../../../shared/contract/api.ts';
import { bootstrapApi } from '../../../../../renderer/src/api/bootstrap.ts';
import { PREVIEW_TOKEN_KEY, type TokenEnvironment } from '../../../../../renderer/src/api/preview-token.ts';
import { createSessionStatus } from '../../../../../renderer/src/api/session-status.ts';

function tokenEnv(hash: string): { env: TokenEnvironment; store: Map<string, string> } {
  const store = new Map<string, string>();
  const location = { hash, pathname: '/', search: '' };
  return {
    store,
    env: {
      location,
      history: { state: null, replaceState: () => void (location.hash = '') },
      storage: {
        getItem: (k) => store.get(k) ?? null,
        setItem: (k, v) => void store.set(k, v),
        removeItem: (k) => void store.delete(k),
      },
    },
  };
}

describe('bootstrap', () => {
  it('uses the API the preload exposed and never looks for a token', () => {
    const api = buildApi({ invoke: async () => ({ ok: true, data: null }), subscribe: () => () => {} });
    const { env, store } = tokenEnv('#token=0123456789abcdef0123456789abcdef');
    const boot = bootstrapApi({ countersign: api }, env, createSessionStatus());
    expect(boot).toEqual({ kind: 'ready', api, via: 'electron' });
    expect(store.size).toBe(0);
  });

  it('says so when a plain browser has no token', () => {
    expect(bootstrapApi({}, tokenEnv('').env, createSessionStatus())).toEqual({ kind: 'no-token' });
  });

  it('installs a preview API on the window, read-only, with exactly the contract domains', () => {
    const win: { countersign?: unknown } = {};
    const boot = bootstrapApi(win, tokenEnv('#token=0123456789abcdef0123456789abcdef').env, createSessionStatus());
    expect(boot.kind).toBe('ready');
    expect(boot.kind === 'ready' && boot.via).toBe('preview');
    expect(Object.keys(win.countersign as object).sort()).toEqual([
      'app',
      'connections',
      'events',
      'settings',
      'trust',
      'verification',
    ]);
    // Modules are strict: writing a read-only property throws.
    expect(() => {
      win.countersign = {};
    }).toThrow(TypeError);
  });

  it('expires the session and forgets the token when the server answers 401', async () => {
    const { env, store } = tokenEnv('#token=0123456789abcdef0123456789abcdef');
    const session = createSessionStatus();
    const realFetch = globalThis.fetch;
    globalThis.fetch = async () => new Response('', { status: 401 });
    try {
      const boot = bootstrapApi({}, env, session);
      if (boot.kind !== 'ready') throw new Error('expected an API');
      expect(store.get(PREVIEW_TOKEN_KEY)).toBeDefined();
      const result = await boot.api.app.info({});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
      expect(session.get().expired).toBe(true);
      expect(store.has(PREVIEW_TOKEN_KEY)).toBe(false);
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
