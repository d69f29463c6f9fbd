#!/usr/bin/env node
// `npm run preview`: runs Countersign's services in plain Node and serves the built renderer
// and the contract on 127.0.0.1, for browsers and the end-to-end tests. Where the Electron
// binary is available, `npm run app` is the real thing.
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Conf from 'conf';
import { createServices } from '../services/compose.ts';
import { createKeychainSecretStore } from '../services/secrets/keychain-secret-store.ts';
import { openSettingsStore } from '../services/settings/settings-store.ts';
import { startPreviewServer } from './server.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = (await import(path.join(repoRoot, 'package.json'), { with: { type: 'json' } })).default as {
  productName: string;
  version: string;
};

if (process.versions['electron'] !== undefined) {
  throw new Error('The preview transport never runs inside Electron.');
}

const { values } = parseArgs({
  options: {
    'user-data': { type: 'string' },
    port: { type: 'string' },
    'keychain-service': { type: 'string' },
  },
});

const userDataDir =
  values['user-data'] ??
  process.env['COUNTERSIGN_USER_DATA'] ??
  path.join(process.env['XDG_CONFIG_HOME'] ?? path.join(os.homedir(), '.config'), 'Countersign Preview');
mkdirSync(userDataDir, { recursive: true });

const logger = {
  info: (message: string, meta?: unknown) => console.log(`[preview] ${message}`, meta ?? ''),
  error: (message: string, meta?: unknown) => console.error(`[preview] ${message}`, meta ?? ''),
};

const { store, problems } = openSettingsStore(
  () => new Conf<Record<string, unknown>>({ projectName: 'countersign', cwd: userDataDir, configName: 'settings' }),
  path.join(userDataDir, 'settings.json'),
);
const services = createServices({
  store,
  settingsProblems: problems,
  secrets: createKeychainSecretStore(values['keychain-service'] ?? process.env['COUNTERSIGN_KEYCHAIN_SERVICE'] ?? 'Countersign'),
  userDataDir,
  transport: 'preview',
  appName: pkg.productName,
  appVersion: pkg.version,
  platform: `${process.platform}-${process.arch}`,
  versions: { node: process.versions.node, v8: process.versions.v8 },
  // A browser opens links itself; main's checked opener exists only in Electron.
  openExternal: async () => false,
  logger,
});

const server = await startPreviewServer({
  implementations: services.implementations,
  events: services.events,
  staticDir: path.join(repoRoot, 'dist', 'renderer'),
  port: values.port ? Number(values.port) : 0,
  onInternalError: (channel, error) => logger.error(`internal error in ${channel}`, error),
});

// The token is in the fragment: the browser keeps it, the server never logs it.
console.log(`Countersign preview (user data: ${userDataDir})`);
console.log(`Open: ${server.url}`);
console.log('PREVIEW_READY');

const shutdown = async (): Promise<void> => {
  await server.close();
  await services.dispose();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
