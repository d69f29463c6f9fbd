// Connection profiles: the profile in settings, its secret in the keychain, and the
// promise that the renderer only ever learns `hasSecret`, never the secret.
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors.ts';
import type {
  Connection,
  ConnectionDraft,
  ConnectionTestResult,
} from '../../../shared/contract/schemas/connections.ts';
import { connectionAccount, type SecretStore } from '../secrets/secret-store.ts';
import type { StoredConnection } from '../settings/settings-document.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import { secretProblem } from '../../../shared/connections/secret-rules.ts';
import { checkAuth, checkLocation } from './validate-connection.ts';
import { probePeer } from './peer-probes.ts';
import { checkSecretBinding } from './secret-binding.ts';

/** Default time a connection test waits for each request to a peer. */
export const DEFAULT_TEST_TIMEOUT_MS = 10_000;

export interface ConnectionServiceOptions {
  settings: SettingsService;
  secrets: SecretStore;
  /** Called with the ids of profiles that were added, changed or removed. */
  onChanged: (ids: string[]) => void;
  fetch?: typeof fetch;
  now?: () => Date;
  /** A monotonic clock in milliseconds, for latency. */
  clock?: () => number;
  timeoutMs?: number;
  newId?: () => string;
}

/** The `connections:*` channels. */
export interface ConnectionService {
  list(): Promise<Connection[]>;
  /**
   * Throws INVALID_INPUT (also when an edit moves the origin, kind, sign-in method or
   * username without a new secret or `secret: null`), NOT_FOUND (unknown id),
   * KEYCHAIN_UNAVAILABLE.
   */
  save(draft: ConnectionDraft): Promise<Connection>;
  /** Throws KEYCHAIN_UNAVAILABLE, in which case the profile is kept so no secret is orphaned. */
  remove(id: string): Promise<{ removed: boolean }>;
  /**
   * Throws NOT_FOUND, KEYCHAIN_UNAVAILABLE, CONNECTION_UNREACHABLE, CONNECTION_AUTH_FAILED,
   * CONNECTION_BAD_RESPONSE; TRUSTED_ROOT_INVALID for a private Sigstore trusted root.
   */
  test(id: string): Promise<ConnectionTestResult>;
}

/** Creates the connection service over settings (profiles) and a secret store (credentials). */
export function createConnectionService(options: ConnectionServiceOptions): ConnectionService {
  const { settings, secrets, onChanged } = options;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const now = options.now ?? (() => new Date());
  const clock = options.clock ?? (() => performance.now());
  const timeoutMs = options.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS;
  const newId = options.newId ?? (() => randomUUID());

  // A profile without authentication never has a secret (save removes it), so the
  // keychain is only asked about the ones that use one.
  const toConnection = async (stored: StoredConnection): Promise<Connection> => ({
    ...stored,
    hasSecret: stored.auth.type === 'none' ? false : await secrets.has(connectionAccount(stored.id)),
  });

  const find = (id: string): StoredConnection => {
    const stored = settings.connection(id);
    if (stored === undefined) throw new AppError('NOT_FOUND', 'That connection no longer exists.');
    return stored;
  };

  return {
    list: () => Promise.all(settings.connections().map(toConnection)),

    async save(draft) {
      const existing = draft.id === undefined ? undefined : find(draft.id);
      const url = checkLocation(draft.kind, draft.url);
      checkAuth(draft.kind, draft.auth, draft.secret);
      if (existing !== undefined) checkSecretBinding(existing, { kind: draft.kind, url, auth: draft.auth }, draft.secret);
      const id = existing?.id ?? newId();
      const account = connectionAccount(id);

      // The keychain first: if it fails, nothing was saved and the user can simply retry.
      let storedNewSecret = false;
      if (draft.auth.type === 'none') {
        if (existing !== undefined && existing.auth.type !== 'none') await secrets.delete(account);
      } else if (typeof draft.secret === 'string') {
        await secrets.set(account, draft.secret);
        storedNewSecret = true;
      } else if (draft.secret === null) {
        await secrets.delete(account);
      }

      const at = now().toISOString();
      const stored: StoredConnection = {
        id,
        name: draft.name.trim(),
        kind: draft.kind,
        url,
        auth: draft.auth.type === 'basic' ? { type: 'basic', username: draft.auth.username } : { type: draft.auth.type },
        createdAt: existing?.createdAt ?? at,
        updatedAt: at,
      };
      try {
        settings.putConnection(stored);
      } catch (error) {
        // A new profile that could not be saved must not leave its secret behind.
        if (existing === undefined && storedNewSecret) await secrets.delete(account).catch(() => false);
        throw error;
      }
      onChanged([id]);
      return toConnection(stored);
    },

    async remove(id) {
      const existing = settings.connection(id);
      if (existing === undefined) return { removed: false };
      if (existing.auth.type !== 'none') await secrets.delete(connectionAccount(id));
      settings.removeConnection(id);
      onChanged([id]);
      return { removed: true };
    },

    async test(id) {
      const stored = find(id);
      let secret: string | null = null;
      if (stored.auth.type !== 'none') {
        secret = await secrets.get(connectionAccount(id));
        const what = stored.auth.type === 'basic' ? 'password' : 'token';
        if (secret === null) {
          throw new AppError('CONNECTION_AUTH_FAILED', `No ${what} is stored for this connection. Add one and save the connection.`);
        }
        // A token saved before save-time checks existed goes into the header as is:
        // refuse it here rather than hand it to fetch, whose error for a bad header value
        // quotes the value. (A password is base64-encoded, so any character is safe.)
        if (stored.auth.type === 'bearer' && secretProblem('bearer', secret) !== null) {
          throw new AppError('CONNECTION_AUTH_FAILED', `The stored ${what} contains characters that cannot be sent. Enter it again and save the connection.`);
        }
      }
      const started = clock();
      const result = await probePeer({ kind: stored.kind, url: stored.url, auth: stored.auth, secret, fetch: fetchImpl, timeoutMs });
      return { ok: true, detail: result.detail, latencyMs: Math.max(0, Math.round(clock() - started)), serverVersion: result.serverVersion };
    },
  };
}
