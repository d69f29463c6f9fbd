// Where the plain services are built and wired to the contract, once, for both
// transports: Electron main and the preview server call createServices() and hand the
// result to their own handle()/dispatch(). Everything the services need from the outside
// world (store, keychain, clock, fetch, browser) arrives here as an argument.
import type { Implementations } from '../../shared/contract/dispatch.ts';
import type { AppInfo } from '../../shared/contract/schemas/app.ts';
import type { VerificationProgress } from '../../shared/contract/schemas/verification.ts';
import { createAppService } from './app/app-service.ts';
import { createConnectionService } from './connections/connection-service.ts';
import { createEventHub, type EventHub } from './events.ts';
import type { SecretStore } from './secrets/secret-store.ts';
import type { SettingsProblem } from './settings/settings-document.ts';
import { createSettingsService } from './settings/settings-service.ts';
import type { KeyValueStore } from './settings/settings-store.ts';
import { createModelVerificationService } from './verification/model-signing/service.ts';
import { createTrustService } from './verification/trust/trust-service.ts';

/** Where services report what the user does not see. */
export interface ServiceLogger {
  error(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
}

export interface ServiceDeps {
  /** A conf-like store, usually from openSettingsStore(). */
  store: KeyValueStore;
  /** Problems openSettingsStore() found before the store existed. */
  settingsProblems?: readonly SettingsProblem[];
  secrets: SecretStore;
  userDataDir: string;
  transport: AppInfo['transport'];
  versions: Record<string, string>;
  appName: string;
  appVersion: string;
  platform: string;
  /** Opens a URL in the system browser after checking it (main's checked opener). */
  openExternal: (url: string) => Promise<boolean>;
  fetch?: typeof fetch;
  now?: () => Date;
  /** How long a connection test waits for each request. */
  connectionTestTimeoutMs?: number;
  logger: ServiceLogger;
}

export interface Services {
  /** One function per channel of the contract, for dispatch(). */
  implementations: Implementations;
  /** The contract's event streams, for the transport to forward. */
  events: EventHub;
  /** Every problem found while loading settings (also in `settings:get`). */
  settingsProblems: SettingsProblem[];
  /** Cancels running work and drops listeners. */
  dispose(): Promise<void>;
}

/**
 * Builds every service and the contract implementations over them. Throws only what
 * loading settings throws (a backup of an unreadable file could not be written).
 */
export function createServices(deps: ServiceDeps): Services {
  const { logger } = deps;
  const events = createEventHub({
    onListenerError: (name, error) => logger.error(`A listener of ${name} failed`, { error: String(error) }),
  });

  const settings = createSettingsService({
    store: deps.store,
    ...(deps.now !== undefined ? { now: deps.now } : {}),
    ...(deps.settingsProblems !== undefined ? { problems: deps.settingsProblems } : {}),
  });
  const settingsProblems = settings.state().problems;
  for (const problem of settingsProblems) {
    logger.info(`Settings: ${problem.code}`, { message: problem.message, backupPath: problem.backupPath });
  }

  const connections = createConnectionService({
    settings,
    secrets: deps.secrets,
    onChanged: (ids) => events.emit('connections:changed', { ids }),
    ...(deps.fetch !== undefined ? { fetch: deps.fetch } : {}),
    ...(deps.now !== undefined ? { now: deps.now } : {}),
    ...(deps.connectionTestTimeoutMs !== undefined ? { timeoutMs: deps.connectionTestTimeoutMs } : {}),
  });

  const app = createAppService({
    name: deps.appName,
    version: deps.appVersion,
    versions: deps.versions,
    platform: deps.platform,
    transport: deps.transport,
    userDataDir: deps.userDataDir,
    openExternal: deps.openExternal,
  });

  const trust = createTrustService({ userDataDir: deps.userDataDir });
  const verification = createModelVerificationService({
    trustedRoot: () => trust.current(),
    // A malformed progress message is a bug to log, not a reason to abort the user's verification.
    emitProgress: (progress: VerificationProgress) => {
      try {
        events.emit('verification:progress', progress);
      } catch (error) {
        logger.error('Dropped a malformed verification progress message', { error: String(error) });
      }
    },
  });

  const implementations: Implementations = {
    'app:info': async () => app.info(),
    'app:open-external': async ({ url }) => app.openExternal(url),
    'settings:get': async () => settings.state(),
    'settings:update': async (patch) => settings.updatePreferences(patch),
    'connections:list': () => connections.list(),
    'connections:save': (draft) => connections.save(draft),
    'connections:remove': ({ id }) => connections.remove(id),
    'connections:test': ({ id }) => connections.test(id),
    'verification:verify-model': (input) => verification.verifyModel(input),
    'verification:cancel': async (input) => verification.cancel(input),
    'trust:status': async () => trust.status(),
    'trust:refresh': async () => trust.refreshNow(),
  };

  return {
    implementations,
    events,
    settingsProblems,
    async dispose() {
      await verification.dispose();
      events.clear();
    },
  };
}
