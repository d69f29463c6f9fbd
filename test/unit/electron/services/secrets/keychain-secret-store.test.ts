import { describe, expect, it } from 'vitest';
import { createKeychainSecretStore, type KeytarLike } from '../../../../../electron/services/secrets/keychain-secret-store.ts';
import { connectionAccount } from '../../../../../electron/services/secrets/secret-store.ts';

// A keytar-shaped map keyed by service and account, so service namespacing is observable.
function mapKeytar(): KeytarLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getPassword: async (s, a) => data.get(`${s}/${a}`) ?? null,
    setPassword: async (s, a, p) => void data.set(`${s}/${a}`, p),
    deletePassword: async (s, a) => data.delete(`${s}/${a}`),
  };
}

// A binding that fails the way libsecret does when no Secret Service answers, and that
// (unlike any real binding we know of) echoes the password, to prove it is scrubbed.
const brokenKeytar: KeytarLike = {
  getPassword: async () => {
    throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
  },
  setPassword: async (_s, _a, password) => {
    throw new Error(`Failed to store "${password}": The name org.freedesktop.secrets was not provided`);
  },
  deletePassword: async () => {
    throw new Error('No such interface');
  },
};

describe('keychain secret store', () => {
  it('stores, reads, reports and deletes secrets under its own service name', async () => {
    const keytar = mapKeytar();
    const store = createKeychainSecretStore('Countersign-test', { keytar });
    expect(await store.has('a')).toBe(false);
    await store.set('a', 's3cret');
    expect(keytar.data.get('Countersign-test/a')).toBe('s3cret');
    expect(await store.get('a')).toBe('s3cret');
    expect(await store.has('a')).toBe(true);
    expect(await store.delete('a')).toBe(true);
    expect(await store.delete('a')).toBe(false);
    expect(await store.get('a')).toBeNull();
  });

  it('turns keychain failures into KEYCHAIN_UNAVAILABLE that never carry the secret', async () => {
    const store = createKeychainSecretStore('Countersign', { keytar: brokenKeytar });
    const setError = await store.set('connection:x', 'hunter2-very-secret').catch((e: unknown) => e);
    expect(setError).toMatchObject({ name: 'AppError', code: 'KEYCHAIN_UNAVAILABLE' });
    expect((setError as Error).message).toMatch(/could not store the secret for "connection:x"/);
    expect((setError as Error).message).toMatch(/org\.freedesktop\.secrets/);
    expect((setError as Error).message).not.toContain('hunter2-very-secret');
    expect(JSON.stringify(setError)).not.toContain('hunter2-very-secret');
    await expect(store.get('a')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    await expect(store.has('a')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    await expect(store.delete('a')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
  });

  it('names connection secrets by connection id', () => {
    expect(connectionAccount('abc')).toBe('connection:abc');
  });
});
