import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { app } from 'electron';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createAppProtocolHandler,
  registerAppScheme,
  setupAppProtocol,
} from '../../../../../electron/main/protocol/app-protocol.ts';
import { CONTENT_SECURITY_POLICY } from '../../../../../shared/security/csp.ts';
import { fake } from '../../../../support/electron/fake.ts';
import { makeTempDir } from '../../../../support/temp-dir.ts';

let tmp: string;
let rendererDir: string;

beforeEach(() => {
  // <tmp>/secret.js sits beside the renderer folder: what traversal would try to reach.
  tmp = makeTempDir('cs-protocol');
  rendererDir = path.join(tmp, 'dist', 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Countersign</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(path.join(tmp, 'secret.js'), 'SECRET');
  writeFileSync(path.join(tmp, 'dist', 'secret.js'), 'SECRET');
  symlinkSync(path.join(tmp, 'secret.js'), path.join(rendererDir, 'assets', 'link.js'));
});

const get = (url: string, method = 'GET'): Promise<Response> =>
  createAppProtocolHandler(rendererDir)(new Request(url, { method }));

describe('the app:// scheme', () => {
  it('is registered as privileged (standard, secure, fetch) before ready', () => {
    registerAppScheme();
    expect(fake.state.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(fake.state.ready).toBe(false);
  });

  it('is handled on the session after ready', async () => {
    await app.whenReady();
    setupAppProtocol(rendererDir);
    const handler = fake.state.protocolHandlers.get('app');
    expect(handler).toBeDefined();
    const res = await handler!(new Request('app://countersign/index.html'));
    expect(await res.text()).toContain('<title>Countersign</title>');
  });
});

describe('the app:// handler', () => {
  it('serves the built renderer with its type and the CSP', async () => {
    const res = await get('app://countersign/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('console.log("app")');
  });

  it('serves index.html for the root', async () => {
    const res = await get('app://countersign/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Countersign');
  });

  it.each([
    'app://countersign/../secret.js',
    'app://countersign/../../secret.js',
    'app://countersign/%2e%2e/secret.js',
    'app://countersign/assets/%2E%2E/%2e%2e/secret.js',
    'app://countersign/assets%2f..%2f..%2fsecret.js',
    'app://countersign/..%5csecret.js',
    'app://countersign/..\\secret.js',
    'app://countersign//etc/passwd',
    'app://countersign/%2Fetc%2Fpasswd.js',
    'app://countersign/assets/link.js',
    'app://countersign/missing.js',
    'app://countersign/index.txt',
    'app://evil/index.html',
  ])('never serves anything outside the renderer folder: %s', async (url) => {
    const res = await get(url);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await res.text()).not.toContain('SECRET');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses an absolute path to a file that exists', async () => {
    const res = await get(`app://countersign${path.join(tmp, 'secret.js')}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('SECRET');
  });

  it('puts the CSP on every response, errors included', async () => {
    for (const [url, method] of [
      ['app://countersign/index.html', 'GET'],
      ['app://countersign/index.html', 'HEAD'],
      ['app://countersign/index.html', 'POST'],
      ['app://countersign/nope.js', 'GET'],
      ['app://countersign/%2e%2e%2fx.js', 'GET'],
    ] as const) {
      const res = await get(url, method);
      expect(res.headers.get('content-security-policy'), `${method} ${url}`).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('answers only GET and HEAD', async () => {
    expect((await get('app://countersign/index.html', 'POST')).status).toBe(405);
    const head = await get('app://countersign/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
