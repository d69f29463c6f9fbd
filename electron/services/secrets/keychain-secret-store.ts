// =====================================================================================
// SECURITY: the only place secrets are written to and read from the OS keychain
// (macOS Keychain, Windows Credential Manager, the Secret Service on Linux). Errors are
// rewritten so that no message, and no `cause` we create, can carry a secret value.
// =====================================================================================
import { createRequire } from 'node:module';
import { AppError } from '../../../shared/errors.ts';
import type { SecretStore } from './secret-store.ts';

/** The functions of `@github/keytar` this store uses. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeychainSecretStoreOptions {
  /** The binding to use; by default `@github/keytar`, loaded on first use. */
  keytar?: KeytarLike;
}

// keytar is a CommonJS native addon: it is required, not imported, and only when first
// needed, so a machine without a working binding still starts and reports it on use.
function loadKeytar(): KeytarLike {
  const require = createRequire(import.meta.url);
  return require('@github/keytar') as KeytarLike;
}

function redact(text: string, secret: string | undefined): string {
  return secret === undefined || secret === '' ? text : text.split(secret).join('[redacted]');
}

function unavailable(action: string, account: string, error: unknown, secret?: string): AppError {
  const raw = error instanceof Error ? error.message : String(error);
  // The binding's own message says why (no Secret Service, locked keyring, denied); keep
  // it, minus the secret should a binding ever echo one, and keep it short.
  const reason = redact(raw, secret).slice(0, 300);
  return new AppError(
    'KEYCHAIN_UNAVAILABLE',
    `The system keychain could not ${action} the secret for "${account}": ${reason || 'no reason given'}.`,
  );
}

/**
 * A {@link SecretStore} over the OS keychain through keytar, every entry under
 * `service`. Every method throws AppError KEYCHAIN_UNAVAILABLE when the keychain (or the
 * keytar binding) cannot be used.
 */
export function createKeychainSecretStore(
  service = 'Countersign',
  options: KeychainSecretStoreOptions = {},
): SecretStore {
  let keytar: KeytarLike | undefined = options.keytar;
  const binding = (action: string, account: string): KeytarLike => {
    if (keytar !== undefined) return keytar;
    try {
      keytar = loadKeytar();
      return keytar;
    } catch (error) {
      throw unavailable(action, account, error);
    }
  };

  const get = async (account: string): Promise<string | null> => {
    const kt = binding('read', account);
    try {
      return await kt.getPassword(service, account);
    } catch (error) {
      throw unavailable('read', account, error);
    }
  };

  return {
    get,
    async set(account, value) {
      const kt = binding('store', account);
      try {
        await kt.setPassword(service, account, value);
      } catch (error) {
        throw unavailable('store', account, error, value);
      }
    },
    async delete(account) {
      const kt = binding('remove', account);
      try {
        return await kt.deletePassword(service, account);
      } catch (error) {
        throw unavailable('remove', account, error);
      }
    },
    async has(account) {
      return (await get(account)) !== null;
    },
  };
}
