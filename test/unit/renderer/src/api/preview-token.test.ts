import { describe, expect, it } from 'vitest';
import {
  PREVIEW_TOKEN_KEY,
  forgetPreviewToken,
  takePreviewToken,
  tokenFromHash,
  type TokenEnvironment,
} from '../../../../../renderer/src/api/preview-token.ts';

const TOKEN = 'a3f09c1b7e2d4f6a8b0c1d2e3f405162';

function environment(hash: string, stored: string | null = null) {
  const store = new Map<string, string>(stored === null ? [] : [[PREVIEW_TOKEN_KEY, stored]]);
  const replaced: string[] = [];
  const location = { hash, pathname: '/', search: '?x=1' };
  const env: TokenEnvironment = {
    location,
    history: {
      state: null,
      replaceState: (_state, _unused, url) => {
        replaced.push(String(url));
        location.hash = '';
      },
    },
    storage: {
      getItem: (k) => store.get(k) ?? null,
      setItem: (k, v) => void store.set(k, v),
      removeItem: (k) => void store.delete(k),
    },
  };
  return { env, store, replaced, location };
}

describe('preview token', () => {
  it('takes the token from the hash, keeps it in sessionStorage and strips it from the address', () => {
    const { env, store, replaced, location } = environment(`#token=${TOKEN}`);
    expect(takePreviewToken(env)).toBe(TOKEN);
    expect(store.get(PREVIEW_TOKEN_KEY)).toBe(TOKEN);
    expect(replaced).toEqual(['/?x=1']);
    expect(location.hash).toBe('');
  });

  it('finds the token in sessionStorage after a reload, without touching history', () => {
    const { env, replaced } = environment('#/settings', TOKEN);
    expect(takePreviewToken(env)).toBe(TOKEN);
    expect(replaced).toEqual([]);
  });

  it('prefers a new token in the hash over an older stored one', () => {
    const newer = 'ffff0000ffff0000ffff0000ffff0000';
    const { env, store } = environment(`#token=${newer}`, TOKEN);
    expect(takePreviewToken(env)).toBe(newer);
    expect(store.get(PREVIEW_TOKEN_KEY)).toBe(newer);
  });

  it('strips a malformed token from the address but does not store or use it', () => {
    const { env, store, replaced } = environment('#token=<script>');
    expect(takePreviewToken(env)).toBeNull();
    expect(store.has(PREVIEW_TOKEN_KEY)).toBe(false);
    expect(replaced).toHaveLength(1);
  });

  it('returns null when there is no token anywhere', () => {
    expect(takePreviewToken(environment('').env)).toBeNull();
  });

  it('ignores a tampered stored value', () => {
    expect(takePreviewToken(environment('', 'not hex!').env)).toBeNull();
  });

  it('forgets a refused token so the next start finds none', () => {
    const { env } = environment('', TOKEN);
    forgetPreviewToken(env.storage);
    expect(takePreviewToken(env)).toBeNull();
  });

  it('reads only hex tokens of a sensible length', () => {
    expect(tokenFromHash(`#token=${TOKEN}&x=1`)).toBe(TOKEN);
    expect(tokenFromHash('#token=abc')).toBeNull();
    expect(tokenFromHash('#/inbox')).toBeNull();
  });
});
