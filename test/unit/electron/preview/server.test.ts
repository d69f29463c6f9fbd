import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMessage, EventName, Implementations } from '../../../../shared/contract/index.ts';
import { AppError } from '../../../../shared/errors.ts';
import { CONTENT_SECURITY_POLICY } from '../../../../shared/security/csp.ts';
import { startPreviewServer, type PreviewServer } from '../../../../electron/preview/server.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

// Real dispatch, real HTTP; the services are small fakes that record calls.
const calls: string[] = [];
const listeners = new Map<string, Set<(m: unknown) => void>>();
const events = {
  on<E extends EventName>(name: E, listener: (m: EventMessage<E>) => void) {
    const set = listeners.get(name) ?? new Set();
    set.add(listener as (m: unknown) => void);
    listeners.set(name, set);
    return () => set.delete(listener as (m: unknown) => void);
  },
};
const implementations = {
  'connections:list': async () => {
    calls.push('connections:list');
    return [];
  },
  'connections:remove': async ({ id }: { id: string }) => {
    calls.push(`connections:remove:${id}`);
    throw new AppError('NOT_FOUND', `No connection ${id}.`);
  },
} as unknown as Implementations;

let server: PreviewServer;
let staticDir: string;

beforeAll(async () => {
  // <tmp>/cs-secret.txt sits beside the static folder: what traversal would try to reach.
  const tmp = makeTempDir('cs-static');
  staticDir = path.join(tmp, 'static');
  mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Countersign</title>');
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(staticDir, '..', 'cs-secret.txt'), 'outside');
  server = await startPreviewServer({ implementations, events, staticDir });
});
afterAll(async () => server.close());

const rpc = (channel: string, init: { token?: string | null; origin?: string; body?: string; host?: string } = {}) =>
  fetch(`${server.origin}/api/rpc/${channel}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(init.token === null ? {} : { Authorization: `Bearer ${init.token ?? server.token}` }),
      ...(init.origin ? { Origin: init.origin } : {}),
      ...(init.host ? { Host: init.host } : {}),
    },
    body: init.body ?? '{}',
  });

describe('preview transport', () => {
  it('listens on loopback only, with a 256-bit token in the URL fragment', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`${server.origin}/#token=${server.token}`);
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a request without the token with 401 and calls no service', async () => {
    calls.length = 0;
    const res = await rpc('connections:list', { token: null });
    expect(res.status).toBe(401);
    expect(calls).toEqual([]);
  });

  it('refuses a wrong token of the right length', async () => {
    calls.length = 0;
    const res = await rpc('connections:list', { token: 'f'.repeat(64) });
    expect(res.status).toBe(401);
    expect(calls).toEqual([]);
  });

  it('refuses a foreign Origin even with the token', async () => {
    calls.length = 0;
    const res = await rpc('connections:list', { origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(calls).toEqual([]);
  });

  it('answers a good call with the result envelope', async () => {
    const res = await rpc('connections:list', { origin: server.origin });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, data: [] });
  });

  it('keeps service error codes across the boundary', async () => {
    const res = await rpc('connections:remove', { body: JSON.stringify({ id: 'abc' }) });
    expect(await res.json()).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No connection abc.' } });
  });

  it('rejects input that fails the contract schema before any service runs', async () => {
    calls.length = 0;
    const res = await rpc('connections:remove', { body: JSON.stringify({ id: 42 }) });
    const body = (await res.json()) as { ok: boolean; error: { code: string } };
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('INVALID_INPUT');
    expect(calls).toEqual([]);
  });

  it('rejects channels that are not in the contract', async () => {
    const res = await rpc('shell:exec');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNKNOWN_CHANNEL');
  });

  it('requires JSON, so a cross-site form post cannot reach a service', async () => {
    const res = await fetch(`${server.origin}/api/rpc/connections:list`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(res.status).toBe(415);
  });

  it('serves the renderer with the strict CSP', async () => {
    const res = await fetch(`${server.origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await (await fetch(`${server.origin}/assets/app.js`)).text()).toBe('console.log(1)');
  });

  it.each(['/../cs-secret.txt', '/%2e%2e/cs-secret.txt', '/assets/..%2f..%2fcs-secret.txt', '/.env', '/assets/app.exe'])(
    'does not serve %s',
    async (p) => {
      const res = await fetch(`${server.origin}${p}`);
      expect(res.status).toBe(404);
    },
  );

  it('streams contract events over SSE to an authorised client only', async () => {
    expect((await fetch(`${server.origin}/api/events`)).status).toBe(401);
    const controller = new AbortController();
    const res = await fetch(`${server.origin}/api/events`, {
      headers: { Authorization: `Bearer ${server.token}` },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    await reader.read(); // ": connected"
    for (const l of listeners.get('connections:changed') ?? []) l({ ids: ['a'] });
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toBe('event: connections:changed\ndata: {"ids":["a"]}\n\n');
    controller.abort();
  });
});
