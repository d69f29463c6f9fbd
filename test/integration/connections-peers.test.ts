// `connections:test` against the real peers scripts/peers/start.sh runs: MLflow with
// basic auth, Prometheus and Alertmanager. A peer that is not running fails the test.
import path from 'node:path';
import Conf from 'conf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../electron/services/compose.ts';
import { openSettingsStore } from '../../electron/services/settings/settings-store.ts';
import type { SecretStore } from '../../electron/services/secrets/secret-store.ts';
import { dispatch } from '../../shared/contract/dispatch.ts';
import { requirePeer } from '../support/peers.ts';
import { makeTempDir } from '../support/temp-dir.ts';

// The keychain is tested on its own (keychain.test.ts); here the secrets stay in memory so
// this test needs only the peers it is about.
function memorySecrets(): SecretStore {
  const map = new Map<string, string>();
  return {
    get: async (a) => map.get(a) ?? null,
    set: async (a, v) => void map.set(a, v),
    delete: async (a) => map.delete(a),
    has: async (a) => map.has(a),
  };
}

let dir: string;
let services: Services;
const call = (channel: string, input: unknown) => dispatch(channel, input, services.implementations);

async function saveAndTest(draft: Record<string, unknown>) {
  const saved = await call('connections:save', draft);
  if (!saved.ok) throw new Error(`save failed: ${saved.error.code} ${saved.error.message}`);
  return call('connections:test', { id: (saved.data as { id: string }).id });
}

async function closedPortUrl(): Promise<string> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

beforeAll(() => {
  dir = makeTempDir('cs-peers');
  const { store, problems } = openSettingsStore(() => new Conf({ cwd: dir, configName: 'settings' }), path.join(dir, 'settings.json'));
  services = createServices({
    store,
    settingsProblems: problems,
    secrets: memorySecrets(),
    userDataDir: dir,
    transport: 'preview',
    versions: {},
    appName: 'Countersign',
    appVersion: '0.0.0-test',
    platform: process.platform,
    openExternal: async () => false,
    connectionTestTimeoutMs: 10_000,
    logger: { error: () => undefined, info: () => undefined },
  });
});
afterAll(async () => {
  await services?.dispose();
});

describe('connections:test against real peers', () => {
  it('MLflow with the right credentials answers with its version', async () => {
    const url = requirePeer('COUNTERSIGN_TEST_MLFLOW_URL');
    const username = requirePeer('COUNTERSIGN_TEST_MLFLOW_USER');
    const secret = requirePeer('COUNTERSIGN_TEST_MLFLOW_PASSWORD');
    const result = await saveAndTest({ name: 'MLflow', kind: 'mlflow', url, auth: { type: 'basic', username }, secret });
    expect(result).toMatchObject({ ok: true, data: { ok: true, serverVersion: expect.stringMatching(/^\d+\.\d+/) } });
  });

  it('MLflow with a wrong password is CONNECTION_AUTH_FAILED', async () => {
    const url = requirePeer('COUNTERSIGN_TEST_MLFLOW_URL');
    const username = requirePeer('COUNTERSIGN_TEST_MLFLOW_USER');
    const result = await saveAndTest({ name: 'MLflow bad', kind: 'mlflow', url, auth: { type: 'basic', username }, secret: 'definitely-not-the-password' });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONNECTION_AUTH_FAILED' } });
  });

  it('MLflow on a closed port is CONNECTION_UNREACHABLE', async () => {
    const result = await saveAndTest({ name: 'MLflow gone', kind: 'mlflow', url: await closedPortUrl(), auth: { type: 'basic', username: 'admin' }, secret: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONNECTION_UNREACHABLE' } });
  });

  it('Prometheus answers with its version', async () => {
    const url = requirePeer('COUNTERSIGN_TEST_PROMETHEUS_URL');
    const result = await saveAndTest({ name: 'Prometheus', kind: 'prometheus', url, auth: { type: 'none' } });
    expect(result).toMatchObject({ ok: true, data: { ok: true, serverVersion: expect.stringMatching(/^\d+\.\d+/) } });
  });

  it('Alertmanager answers with its version', async () => {
    const url = requirePeer('COUNTERSIGN_TEST_ALERTMANAGER_URL');
    const result = await saveAndTest({ name: 'Alertmanager', kind: 'alertmanager', url, auth: { type: 'none' } });
    expect(result).toMatchObject({ ok: true, data: { ok: true, serverVersion: expect.stringMatching(/^\d+\.\d+/) } });
  });

  it('Prometheus on a closed port is CONNECTION_UNREACHABLE', async () => {
    const result = await saveAndTest({ name: 'Prometheus gone', kind: 'prometheus', url: await closedPortUrl(), auth: { type: 'none' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONNECTION_UNREACHABLE' } });
  });
});
