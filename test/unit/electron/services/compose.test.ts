import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../../electron/services/compose.ts';
import { openSettingsStore } from '../../../../electron/services/settings/settings-store.ts';
import { CHANNEL_NAMES } from '../../../../shared/contract/channels.ts';
import { dispatch } from '../../../../shared/contract/dispatch.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';
import { createMemorySecretStore, type MemorySecretStore } from './secrets/memory-secret-store.ts';
import { mlflowHandler, startServer, type LocalServer } from './connections/local-server.ts';

const NOW = new Date('2025-03-01T10:00:00.000Z');
let dir: string;
let secrets: MemorySecretStore;
let services: Services;
let opened: string[];
let logged: string[];
let server: LocalServer | undefined;

function compose(extra: { settingsProblems?: Services['settingsProblems'] } = {}): Services {
  const { store, problems } = openSettingsStore(() => new Conf({ cwd: dir, configName: 'settings' }), path.join(dir, 'settings.json'), () => NOW);
  return createServices({
    store,
    settingsProblems: extra.settingsProblems ?? problems,
    secrets,
    userDataDir: dir,
    transport: 'preview',
    versions: { node: process.versions.node },
    appName: 'Countersign',
    appVersion: '0.1.0',
    platform: 'linux',
    openExternal: async (url) => {
      opened.push(url);
      return true;
    },
    now: () => NOW,
    logger: { error: (m) => logged.push(`error ${m}`), info: (m) => logged.push(`info ${m}`) },
  });
}

const call = (channel: string, input: unknown = {}) => dispatch(channel, input, services.implementations);

beforeEach(() => {
  dir = makeTempDir('cs-compose');
  secrets = createMemorySecretStore();
  opened = [];
  logged = [];
  services = compose();
});
afterEach(async () => {
  await services.dispose();
  await server?.close();
  server = undefined;
});

describe('createServices', () => {
  it('implements every channel of the contract', () => {
    expect(Object.keys(services.implementations).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('serves app facts and opens links through the injected opener', async () => {
    expect(await call('app:info')).toEqual({
      ok: true,
      data: { name: 'Countersign', version: '0.1.0', transport: 'preview', platform: 'linux', versions: { node: process.versions.node }, userDataDir: dir },
    });
    expect(await call('app:open-external', { url: 'https://mlflow.org' })).toEqual({ ok: true, data: { opened: true } });
    expect(opened).toEqual(['https://mlflow.org']);
  });

  it('reads and changes preferences, and keeps them on disk', async () => {
    expect(await call('settings:get')).toEqual({ ok: true, data: { preferences: { theme: 'system' }, schemaVersion: 2, problems: [] } });
    expect(await call('settings:update', { theme: 'dark' })).toMatchObject({ ok: true, data: { preferences: { theme: 'dark' } } });
    expect(JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8'))).toMatchObject({ preferences: { theme: 'dark' } });
  });

  it('reports a corrupt settings file found at start through settings:get, and logs it', async () => {
    await services.dispose();
    writeFileSync(path.join(dir, 'settings.json'), '{"preferences": ');
    services = compose();
    const result = await call('settings:get');
    expect(result).toMatchObject({ ok: true, data: { problems: [{ code: 'SETTINGS_CORRUPT', backupPath: expect.stringContaining('.corrupt-') }] } });
    expect(services.settingsProblems).toHaveLength(1);
    expect(logged).toContain('info Settings: SETTINGS_CORRUPT');
  });

  it('saves a connection with its secret in the secret store, announces it, and never returns the secret', async () => {
    const events: unknown[] = [];
    services.events.on('connections:changed', (m) => events.push(m));
    const saved = await call('connections:save', { name: 'MLflow', kind: 'mlflow', url: 'http://127.0.0.1:5000', auth: { type: 'basic', username: 'admin' }, secret: 'pw-never-returned' });
    expect(saved).toMatchObject({ ok: true, data: { hasSecret: true } });
    const id = saved.ok ? (saved.data as { id: string }).id : '';
    expect(events).toEqual([{ ids: [id] }]);
    const listed = await call('connections:list');
    expect(JSON.stringify([saved, listed])).not.toContain('pw-never-returned');
    expect(readFileSync(path.join(dir, 'settings.json'), 'utf8')).not.toContain('pw-never-returned');
    expect(secrets.entries.get(`connection:${id}`)).toBe('pw-never-returned');
  });

  it('turns a bad draft into INVALID_INPUT at the boundary', async () => {
    expect(await call('connections:save', { name: 'x', kind: 'mlflow', url: 'https://u:p@h', auth: { type: 'none' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('tests a saved connection against a real server through the contract', async () => {
    server = await startServer(mlflowHandler('admin', 'pw', '3.1.0'));
    const saved = await call('connections:save', { name: 'MLflow', kind: 'mlflow', url: server.url, auth: { type: 'basic', username: 'admin' }, secret: 'pw' });
    const id = saved.ok ? (saved.data as { id: string }).id : '';
    expect(await call('connections:test', { id })).toMatchObject({ ok: true, data: { ok: true, serverVersion: '3.1.0' } });
    await call('connections:save', { id, name: 'MLflow', kind: 'mlflow', url: server.url, auth: { type: 'basic', username: 'admin' }, secret: 'bad' });
    expect(await call('connections:test', { id })).toMatchObject({ ok: false, error: { code: 'CONNECTION_AUTH_FAILED' } });
  });

  it('routes verification channels to the model verification service', async () => {
    expect(await call('verification:cancel', { jobId: 'no-such-job' })).toEqual({ ok: true, data: { cancelled: false } });
    const missing = await call('verification:verify-model', {
      jobId: 'j1',
      modelPath: path.join(dir, 'no-such-model'),
      policy: { mode: 'public-key', publicKeyPem: '-----BEGIN PUBLIC KEY-----\nAA==\n-----END PUBLIC KEY-----' },
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('drops event listeners on dispose', async () => {
    let calls = 0;
    services.events.on('connections:changed', () => calls++);
    await services.dispose();
    services.events.emit('connections:changed', { ids: [] });
    expect(calls).toBe(0);
  });
});
