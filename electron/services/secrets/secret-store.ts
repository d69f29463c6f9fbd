/**
 * Where credentials live: the OS keychain in the app, something in memory in unit tests.
 * Only main-side services call this; no channel of the contract returns a secret.
 * Implementations throw AppError KEYCHAIN_UNAVAILABLE when the store cannot be reached,
 * with a message that never contains the secret.
 */
export interface SecretStore {
  /** The secret stored for `account`, or null when there is none. */
  get(account: string): Promise<string | null>;
  /** Stores or replaces the secret for `account`. */
  set(account: string, value: string): Promise<void>;
  /** Removes the secret for `account`; false when there was none. */
  delete(account: string): Promise<boolean>;
  /** Whether a secret is stored for `account`, without handing it out. */
  has(account: string): Promise<boolean>;
}

/** The keychain account that holds a connection profile's secret. */
export function connectionAccount(connectionId: string): string {
  return `connection:${connectionId}`;
}
