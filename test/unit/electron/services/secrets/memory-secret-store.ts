// An in-memory SecretStore for unit tests: it behaves like the keychain one (including
// `delete` reporting whether something was there) and can be told to fail like a locked
// keychain does.
import { AppError } from '../../../../../shared/errors.ts';
import type { SecretStore } from '../../../../../electron/services/secrets/secret-store.ts';

export interface MemorySecretStore extends SecretStore {
  /** Everything stored, for assertions. */
  readonly entries: Map<string, string>;
  /** While true, every call throws KEYCHAIN_UNAVAILABLE. */
  failing: boolean;
}

export function createMemorySecretStore(): MemorySecretStore {
  const entries = new Map<string, string>();
  const store: MemorySecretStore = {
    entries,
    failing: false,
    async get(account) {
      guard();
      return entries.get(account) ?? null;
    },
    async set(account, value) {
      guard();
      entries.set(account, value);
    },
    async delete(account) {
      guard();
      return entries.delete(account);
    },
    async has(account) {
      guard();
      return entries.has(account);
    },
  };
  function guard(): void {
    if (store.failing) throw new AppError('KEYCHAIN_UNAVAILABLE', 'The system keychain is locked.');
  }
  return store;
}
