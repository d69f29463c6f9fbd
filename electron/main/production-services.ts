// The real service dependencies: settings in an electron-store file under userData, and
// secrets in the OS keychain. Kept apart from main.ts so that main's wiring can be
// tested without the keychain binding or electron-store (which loads the real Electron).
import path from 'node:path';
import ElectronStore from 'electron-store';
import { createServices, type ServiceDeps, type Services } from '../services/compose.ts';
import { createKeychainSecretStore } from '../services/secrets/keychain-secret-store.ts';
import { openSettingsStore } from '../services/settings/settings-store.ts';

/** What main knows before the services exist; the rest is filled in here. */
export type BaseServiceDeps = Omit<ServiceDeps, 'store' | 'settingsProblems' | 'secrets' | 'transport'>;

/**
 * Builds the services for the Electron app. Throws what {@link createServices} throws
 * (a settings backup that could not be written).
 */
export function createProductionServices(base: BaseServiceDeps): Services {
  // electron-store may only be imported in electron/main (it imports electron itself).
  const { store, problems } = openSettingsStore(
    () => new ElectronStore<Record<string, unknown>>({ name: 'settings' }),
    path.join(base.userDataDir, 'settings.json'),
  );
  return createServices({
    ...base,
    store,
    settingsProblems: problems,
    secrets: createKeychainSecretStore(),
    transport: 'electron',
  });
}
