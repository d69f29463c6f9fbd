// Against the real OS keychain (the Secret Service, e.g. gnome-keyring, on Linux). The test
// peers script runs it inside a D-Bus session with an unlocked keyring. Without one this
// FAILS with a message saying so: a keychain test that skips proves nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeychainSecretStore } from '../../electron/services/secrets/keychain-secret-store.ts';
import type { SecretStore } from '../../electron/services/secrets/secret-store.ts';

const service = `Countersign-test-${randomUUID()}`;
const accounts = ['connection:alpha', 'connection:beta'];
let store: SecretStore;

beforeAll(async () => {
  store = createKeychainSecretStore(service);
  try {
    await store.has('probe');
  } catch (error) {
    throw new Error(
      'No usable OS keychain: the Secret Service did not answer (' +
        (error as Error).message +
        '). Run inside a D-Bus session with an unlocked keyring, e.g. ' +
        "dbus-run-session -- bash -c 'echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null; " +
        "npx vitest run --project integration test/integration/keychain.test.ts'",
      { cause: error },
    );
  }
});

afterAll(async () => {
  // Leave nothing behind in the user's keychain, even when an assertion failed.
  for (const account of accounts) await store?.delete(account).catch(() => false);
});

describe('keychain secret store (real Secret Service)', () => {
  it('stores, reads, replaces and deletes a secret', async () => {
    const [alpha] = accounts as [string, string];
    expect(await store.get(alpha)).toBeNull();
    expect(await store.has(alpha)).toBe(false);
    await store.set(alpha, 'first-secret ✓ with unicode');
    expect(await store.get(alpha)).toBe('first-secret ✓ with unicode');
    expect(await store.has(alpha)).toBe(true);
    await store.set(alpha, 'second-secret');
    expect(await store.get(alpha)).toBe('second-secret');
    expect(await store.delete(alpha)).toBe(true);
    expect(await store.delete(alpha)).toBe(false);
    expect(await store.has(alpha)).toBe(false);
  });

  it('keeps accounts and service names apart', async () => {
    const [alpha, beta] = accounts as [string, string];
    await store.set(alpha, 'a');
    await store.set(beta, 'b');
    expect(await store.get(alpha)).toBe('a');
    expect(await store.get(beta)).toBe('b');
    const other = createKeychainSecretStore(`${service}-other`);
    expect(await other.get(alpha)).toBeNull();
  });
});
