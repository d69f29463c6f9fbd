import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConnectionService, type ConnectionService } from '../../../../../electron/services/connections/connection-service.ts';
import { createSettingsService } from '../../../../../electron/services/settings/settings-service.ts';
import type { ConnectionDraft } from '../../../../../shared/contract/schemas/connections.ts';
import { makeTempDir } from '../../../../support/temp-dir.ts';
import { createMemorySecretStore, type MemorySecretStore } from '../secrets/memory-secret-store.ts';
import { closedPortUrl, mlflowHandler, sendJson, startServer, type LocalServer } from './local-server.ts';

const NOW = new Date('2025-03-01T10:00:00.000Z');
let dir: string;
let secrets: MemorySecretStore;
let changed: string[][];
let service: ConnectionService;
let ids: number;
const servers: LocalServer[] = [];

function build(timeoutMs = 5_000): ConnectionService {
  const settings = createSettingsService({ store: new Conf({ cwd: dir, configName: 'settings' }), now: () => NOW });
  return createConnectionService({
    settings,
    secrets,
    onChanged: (changedIds) => changed.push(changedIds),
    now: () => NOW,
    newId: () => `c${++ids}`,
    timeoutMs,
  });
}

async function serve(handler: Parameters<typeof startServer>[0]): Promise<string> {
  const server = await startServer(handler);
  servers.push(server);
  return server.url;
}

beforeEach(() => {
  dir = makeTempDir('cs-connections');
  secrets = createMemorySecretStore();
  changed = [];
  ids = 0;
  service = build();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const mlflowDraft = (over: Partial<ConnectionDraft> = {}): ConnectionDraft => ({
  name: 'Prod MLflow',
  kind: 'mlflow',
  url: 'https://mlflow.example.com/',
  auth: { type: 'basic', username: 'alice' },
  ...over,
});

describe('connection profiles', () => {
  it('creates, lists, updates and removes a profile, announcing each change', async () => {
    const created = await service.save(mlflowDraft({ secret: 'pw-1' }));
    expect(created).toEqual({
      id: 'c1',
      name: 'Prod MLflow',
      kind: 'mlflow',
      url: 'https://mlflow.example.com',
      auth: { type: 'basic', username: 'alice' },
      hasSecret: true,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
    expect(await service.list()).toEqual([created]);
    const renamed = await service.save(mlflowDraft({ id: 'c1', name: 'Renamed' }));
    expect(renamed).toMatchObject({ id: 'c1', name: 'Renamed', hasSecret: true });
    expect(await build().list()).toEqual([renamed]); // survives a restart
    expect(await service.remove('c1')).toEqual({ removed: true });
    expect(await service.remove('c1')).toEqual({ removed: false });
    expect(await service.list()).toEqual([]);
    expect(secrets.entries.size).toBe(0);
    expect(changed).toEqual([['c1'], ['c1'], ['c1']]);
  });

  it('stores the secret only in the secret store, never in the settings file', async () => {
    await service.save(mlflowDraft({ secret: 'hunter2-do-not-write' }));
    await service.save({ name: 'Bearer', kind: 'prometheus', url: 'http://prom:9090', auth: { type: 'bearer' }, secret: 'tok-do-not-write' });
    const file = readFileSync(path.join(dir, 'settings.json'), 'utf8');
    expect(file).not.toContain('hunter2-do-not-write');
    expect(file).not.toContain('tok-do-not-write');
    expect(file).not.toContain('secret');
    expect(file).not.toContain('hasSecret');
    expect(secrets.entries).toEqual(new Map([['connection:c1', 'hunter2-do-not-write'], ['connection:c2', 'tok-do-not-write']]));
    expect(JSON.stringify(await service.list())).not.toMatch(/do-not-write/);
  });

  it('keeps the secret when the draft has none, replaces it with a string, removes it with null', async () => {
    await service.save(mlflowDraft({ secret: 'first' }));
    expect(await service.save(mlflowDraft({ id: 'c1' }))).toMatchObject({ hasSecret: true });
    expect(secrets.entries.get('connection:c1')).toBe('first');
    expect(await service.save(mlflowDraft({ id: 'c1', secret: 'second' }))).toMatchObject({ hasSecret: true });
    expect(secrets.entries.get('connection:c1')).toBe('second');
    expect(await service.save(mlflowDraft({ id: 'c1', secret: null }))).toMatchObject({ hasSecret: false });
    expect(secrets.entries.has('connection:c1')).toBe(false);
  });

  it('drops the stored secret when a profile stops using authentication', async () => {
    await service.save(mlflowDraft({ secret: 'pw' }));
    expect(await service.save(mlflowDraft({ id: 'c1', auth: { type: 'none' } }))).toMatchObject({ hasSecret: false, auth: { type: 'none' } });
    expect(secrets.entries.size).toBe(0);
  });

  it('refuses invalid drafts without touching settings or the secret store', async () => {
    await expect(service.save(mlflowDraft({ url: 'https://alice:pw@mlflow.example.com', secret: 'x' }))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(service.save(mlflowDraft({ url: 'ftp://mlflow.example.com' }))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(service.save(mlflowDraft({ auth: { type: 'none' }, secret: 'x' }))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(service.save({ name: 'W', kind: 'workspace', url: path.join(dir, 'missing'), auth: { type: 'none' } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(service.save(mlflowDraft({ id: 'nope' }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await service.list()).toEqual([]);
    expect(secrets.entries.size).toBe(0);
    expect(changed).toEqual([]);
  });

  it('saves nothing when the keychain fails, and keeps a profile whose secret it cannot delete', async () => {
    secrets.failing = true;
    await expect(service.save(mlflowDraft({ secret: 'pw' }))).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    secrets.failing = false;
    expect(await service.list()).toEqual([]);
    await service.save(mlflowDraft({ secret: 'pw' }));
    secrets.failing = true;
    await expect(service.remove('c2')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    secrets.failing = false;
    expect((await service.list()).map((c) => c.id)).toEqual(['c2']);
  });

  it('saves a workspace folder as a normalised absolute path', async () => {
    const saved = await service.save({ name: 'Local', kind: 'workspace', url: `${dir}/.`, auth: { type: 'none' } });
    expect(saved).toMatchObject({ url: dir, hasSecret: false });
  });
});

describe('a stored secret stays with where it was saved for', () => {
  it('refuses to carry the secret to another address, then lets nothing reach that address', async () => {
    const saved = await service.save(mlflowDraft({ auth: { type: 'bearer' }, secret: 'tok-for-prod' }));
    const attacker = await serve((_req, res) => sendJson(res, 200, {}));
    await expect(service.save(mlflowDraft({ id: saved.id, url: attacker, auth: { type: 'bearer' } }))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/enter the password or token again/),
    });
    // The profile still points where it did, so a test goes there, not to the new address.
    expect((await service.list())[0]?.url).toBe('https://mlflow.example.com');
    expect(secrets.entries.get('connection:c1')).toBe('tok-for-prod');
    expect(servers[0]?.requests).toEqual([]);
    expect(changed).toEqual([['c1']]);
  });

  it.each([
    ['a different host', { url: 'https://mlflow.example.org' }],
    ['a different port', { url: 'https://mlflow.example.com:8443' }],
    ['plain http instead of https', { url: 'http://mlflow.example.com' }],
    ['a different kind', { kind: 'prometheus' as const }],
    ['a different username', { auth: { type: 'basic' as const, username: 'mallory' } }],
    ['a token instead of a password', { auth: { type: 'bearer' as const } }],
  ])('wants the secret again for %s', async (_what, change) => {
    await service.save(mlflowDraft({ secret: 'pw-1' }));
    await expect(service.save(mlflowDraft({ id: 'c1', ...change }))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await service.list()).toMatchObject([{ url: 'https://mlflow.example.com', kind: 'mlflow', auth: { type: 'basic', username: 'alice' } }]);
    // With the secret entered again, or dropped, the same change is saved.
    expect(await service.save(mlflowDraft({ id: 'c1', ...change, secret: 'pw-2' }))).toMatchObject({ ...change, hasSecret: true });
    expect(secrets.entries.get('connection:c1')).toBe('pw-2');
  });

  it('lets a change of address through when the secret is removed with it, or auth is turned off', async () => {
    await service.save(mlflowDraft({ secret: 'pw-1' }));
    expect(await service.save(mlflowDraft({ id: 'c1', url: 'https://other.example.com', secret: null }))).toMatchObject({ hasSecret: false });
    await service.save(mlflowDraft({ id: 'c1', url: 'https://other.example.com', secret: 'pw-2' }));
    expect(await service.save(mlflowDraft({ id: 'c1', url: 'https://third.example.com', auth: { type: 'none' } }))).toMatchObject({ hasSecret: false });
    expect(secrets.entries.size).toBe(0);
  });

  it('keeps the secret for a change of name or path on the same origin', async () => {
    await service.save(mlflowDraft({ secret: 'pw-1' }));
    const saved = await service.save(mlflowDraft({ id: 'c1', name: 'Renamed', url: 'https://MLFLOW.example.com:443/mlflow/' }));
    expect(saved).toMatchObject({ name: 'Renamed', url: 'https://MLFLOW.example.com:443/mlflow', hasSecret: true });
    expect(secrets.entries.get('connection:c1')).toBe('pw-1');
  });

  it('asks for a secret when a profile without authentication starts using one', async () => {
    await service.save(mlflowDraft({ auth: { type: 'none' } }));
    await expect(service.save(mlflowDraft({ id: 'c1', auth: { type: 'bearer' } }))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('secrets that could break a request header', () => {
  it.each([
    ['a token with a line break', { type: 'bearer' as const }, 'tok\r\nX-Evil: 1'],
    ['a token with a space', { type: 'bearer' as const }, 'tok en'],
    ['a token with a NUL', { type: 'bearer' as const }, 'tok\u0000'],
    ['a token with a non-ASCII letter', { type: 'bearer' as const }, 'tokén'],
    ['a password with a line break', { type: 'basic' as const, username: 'alice' }, 'pw\nmore'],
    ['a password with DEL', { type: 'basic' as const, username: 'alice' }, 'pw\u007f'],
  ])('refuses %s at save time, without repeating it', async (_what, auth, secret) => {
    const error: unknown = await service.save(mlflowDraft({ auth, secret })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    expect((error as Error).message).not.toContain(secret);
    expect(secrets.entries.size).toBe(0);
    expect(await service.list()).toEqual([]);
  });

  it('accepts a password with spaces and accents, and a token of visible ASCII', async () => {
    await expect(service.save(mlflowDraft({ secret: 'correct horse é' }))).resolves.toMatchObject({ hasSecret: true });
    await expect(service.save(mlflowDraft({ name: 'T', auth: { type: 'bearer' }, secret: 'eyJh.b-c_d~e+f/g==' }))).resolves.toMatchObject({ hasSecret: true });
  });

  it('refuses to send a token stored before the check existed, without calling the peer', async () => {
    const url = await serve((_req, res) => sendJson(res, 200, {}));
    await service.save(mlflowDraft({ url, auth: { type: 'bearer' }, secret: 'tok' }));
    secrets.entries.set('connection:c1', 'sekrit\nX-Evil: 1');
    const error: unknown = await service.test('c1').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONNECTION_AUTH_FAILED' });
    expect((error as Error).message).not.toContain('sekrit');
    expect(servers[0]?.requests).toEqual([]);
  });
});

describe('testing a connection against a real local server', () => {
  it('reaches MLflow with the stored basic-auth credentials and reads its version', async () => {
    const url = await serve(mlflowHandler('alice', 'right-pw', '3.1.0'));
    await service.save(mlflowDraft({ url, secret: 'right-pw' }));
    const result = await service.test('c1');
    expect(result).toMatchObject({ ok: true, serverVersion: '3.1.0' });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    const server = servers[0];
    expect(server?.requests.map((r) => r.url)).toEqual(['/api/2.0/mlflow/registered-models/search?max_results=1', '/version']);
    expect(server?.requests[0]?.authorization).toBe(`Basic ${Buffer.from('alice:right-pw').toString('base64')}`);
  });

  it('reports a wrong password as CONNECTION_AUTH_FAILED', async () => {
    const url = await serve(mlflowHandler('alice', 'right-pw'));
    await service.save(mlflowDraft({ url, secret: 'wrong-pw' }));
    await expect(service.test('c1')).rejects.toMatchObject({ code: 'CONNECTION_AUTH_FAILED' });
  });

  it('reports a missing stored secret as CONNECTION_AUTH_FAILED without calling the peer', async () => {
    const url = await serve(mlflowHandler('alice', 'right-pw'));
    await service.save(mlflowDraft({ url }));
    await expect(service.test('c1')).rejects.toMatchObject({ code: 'CONNECTION_AUTH_FAILED', message: expect.stringMatching(/No password/) });
    expect(servers[0]?.requests).toEqual([]);
  });

  it('sends a bearer token as such', async () => {
    const url = await serve((req, res) => (req.headers.authorization === 'Bearer tok' ? sendJson(res, 200, {}) : sendJson(res, 401, {})));
    await service.save(mlflowDraft({ url, auth: { type: 'bearer' }, secret: 'tok' }));
    await expect(service.test('c1')).resolves.toMatchObject({ ok: true, serverVersion: null });
  });

  it('reports a refused port as CONNECTION_UNREACHABLE', async () => {
    await service.save(mlflowDraft({ url: await closedPortUrl(), secret: 'pw' }));
    await expect(service.test('c1')).rejects.toMatchObject({ code: 'CONNECTION_UNREACHABLE' });
  });

  it('reports a peer that never answers as CONNECTION_UNREACHABLE after the timeout', async () => {
    service = build(300);
    const url = await serve(() => undefined);
    await service.save(mlflowDraft({ url, secret: 'pw' }));
    await expect(service.test('c1')).rejects.toMatchObject({ code: 'CONNECTION_UNREACHABLE', message: expect.stringMatching(/did not answer/) });
  });

  it('reports an HTML login page as CONNECTION_BAD_RESPONSE', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Sign in</body></html>');
    });
    await service.save(mlflowDraft({ url, secret: 'pw' }));
    await expect(service.test('c1')).rejects.toMatchObject({ code: 'CONNECTION_BAD_RESPONSE' });
  });

  it('reads the Prometheus version from buildinfo', async () => {
    const url = await serve((req, res) =>
      req.url === '/api/v1/status/buildinfo' ? sendJson(res, 200, { status: 'success', data: { version: '2.53.0', revision: 'x' } }) : sendJson(res, 404, {}),
    );
    await service.save({ name: 'Prom', kind: 'prometheus', url, auth: { type: 'none' } });
    await expect(service.test('c1')).resolves.toMatchObject({ ok: true, serverVersion: '2.53.0' });
  });

  it('reads the Alertmanager version from its v2 status', async () => {
    const url = await serve((req, res) =>
      req.url === '/api/v2/status' ? sendJson(res, 200, { cluster: { status: 'disabled' }, versionInfo: { version: '0.27.0' } }) : sendJson(res, 404, {}),
    );
    await service.save({ name: 'AM', kind: 'alertmanager', url, auth: { type: 'none' } });
    await expect(service.test('c1')).resolves.toMatchObject({ ok: true, serverVersion: '0.27.0' });
  });

  it('checks that a workspace folder is still there', async () => {
    const folder = mkdtempSync(path.join(dir, 'ws-'));
    await service.save({ name: 'Local', kind: 'workspace', url: folder, auth: { type: 'none' } });
    await expect(service.test('c1')).resolves.toMatchObject({ ok: true, serverVersion: null });
    rmSync(folder, { recursive: true });
    await expect(service.test('c1')).rejects.toMatchObject({ code: 'CONNECTION_UNREACHABLE', message: expect.stringMatching(/does not exist/) });
  });

  it('says NOT_FOUND for an unknown profile', async () => {
    await expect(service.test('missing')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('a private Sigstore deployment as a connection', () => {
  const shipped = path.resolve(import.meta.dirname, '../../../../../assets/trust/trusted_root.json');

  it('saves the trusted root file path without authentication and tests it by parsing the root', async () => {
    const file = path.join(dir, 'trusted_root.json');
    copyFileSync(shipped, file);
    const saved = await service.save({ name: 'Corp Sigstore', kind: 'sigstore', url: ` ${dir}/./trusted_root.json `, auth: { type: 'none' } });
    expect(saved).toMatchObject({ kind: 'sigstore', url: file, auth: { type: 'none' }, hasSecret: false });
    const result = await service.test('c1');
    expect(result).toMatchObject({
      ok: true,
      detail: 'Trusted root with 2 certificate authorities, 2 transparency logs, 1 timestamp authority.',
      serverVersion: null,
    });
  });

  it('refuses a folder, a missing file or a password for a trusted root', async () => {
    const file = path.join(dir, 'trusted_root.json');
    copyFileSync(shipped, file);
    await expect(service.save({ name: 'S', kind: 'sigstore', url: dir, auth: { type: 'none' } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(service.save({ name: 'S', kind: 'sigstore', url: path.join(dir, 'nope.json'), auth: { type: 'none' } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(service.save({ name: 'S', kind: 'sigstore', url: file, auth: { type: 'bearer' }, secret: 'tok' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await service.list()).toEqual([]);
    expect(secrets.entries.size).toBe(0);
  });

  it('reports a file that is not a trusted root as TRUSTED_ROOT_INVALID, and a removed one as NOT_FOUND', async () => {
    const file = path.join(dir, 'trusted_root.json');
    writeFileSync(file, 'not json at all');
    await service.save({ name: 'Broken', kind: 'sigstore', url: file, auth: { type: 'none' } });
    await expect(service.test('c1')).rejects.toMatchObject({ code: 'TRUSTED_ROOT_INVALID' });
    writeFileSync(file, JSON.stringify({ mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1', tlogs: 'x' }));
    await expect(service.test('c1')).rejects.toMatchObject({ code: 'TRUSTED_ROOT_INVALID' });
    rmSync(file);
    await expect(service.test('c1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
