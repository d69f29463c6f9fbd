import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  backoffDelay,
  createPreviewTransport,
  readEnvelope,
  type PreviewTransportOptions,
  type StreamState,
} from '../../../../../renderer/src/api/preview-transport.ts';
import { listenOnLoopback } from '../../../../support/loopback-server.ts';

const TOKEN = '0123456789abcdef0123456789abcdef';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/** A real HTTP server on 127.0.0.1 speaking the preview protocol as each test needs. */
async function serve(handler: Handler): Promise<{ base: string; server: Server; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => handler(req, res, body));
  });
  const { url, close } = await listenOnLoopback(server);
  return { base: url, server, close };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function until(condition: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function transport(base: string, extra: Partial<PreviewTransportOptions> = {}) {
  const t = createPreviewTransport({
    token: TOKEN,
    baseUrl: base,
    // Reconnect at once: the back-off schedule itself is tested through backoffDelay.
    timers: { set: (fn) => setTimeout(fn, 1), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) },
    ...extra,
  });
  cleanups.push(() => t.close());
  return t;
}

const authorized = (req: IncomingMessage) => req.headers.authorization === `Bearer ${TOKEN}`;

describe('preview transport: calls', () => {
  it('posts the JSON input to /api/rpc/<channel> with the bearer token and returns the envelope', async () => {
    const seen: { url?: string; method?: string; type?: string; body?: unknown } = {};
    const peer = await serve((req, res, body) => {
      Object.assign(seen, {
        url: req.url,
        method: req.method,
        type: req.headers['content-type'],
        body: JSON.parse(body),
      });
      res.writeHead(authorized(req) ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, data: { removed: true } }));
    });
    cleanups.push(peer.close);
    const result = await transport(peer.base).invoke('connections:remove', { id: 'c1' });
    expect(result).toEqual({ ok: true, data: { removed: true } });
    expect(seen).toEqual({
      url: '/api/rpc/connections:remove',
      method: 'POST',
      type: 'application/json',
      body: { id: 'c1' },
    });
  });

  it('passes a failed envelope (sent with HTTP 200) through with its code', async () => {
    const peer = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: { code: 'NOT_FOUND', message: 'No such profile' } }));
    });
    cleanups.push(peer.close);
    expect(await transport(peer.base).invoke('connections:test', { id: 'x' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No such profile' },
    });
  });

  it('reports 401 once as UNAUTHORIZED and refuses further calls without sending them', async () => {
    let requests = 0;
    const peer = await serve((_req, res) => {
      requests++;
      res.writeHead(401).end();
    });
    cleanups.push(peer.close);
    let expired = 0;
    const t = transport(peer.base, { onUnauthorized: () => expired++ });
    const first = await t.invoke('app:info', {});
    const second = await t.invoke('app:info', {});
    expect(first).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(second).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(expired).toBe(1);
    expect(requests).toBe(1);
  });

  it('says NOT_AVAILABLE when nothing listens any more', async () => {
    const peer = await serve(() => {});
    await peer.close();
    expect(await transport(peer.base).invoke('app:info', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_AVAILABLE' },
    });
  });

  it('treats a reply that is not an envelope as INTERNAL', async () => {
    const peer = await serve((_req, res) => res.writeHead(502).end('<html>bad gateway</html>'));
    cleanups.push(peer.close);
    expect(await transport(peer.base).invoke('app:info', {})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('HTTP 502') },
    });
  });
});

describe('preview transport: envelope reading', () => {
  it('keeps known codes, maps unknown ones to INTERNAL and rejects other shapes', () => {
    expect(readEnvelope({ ok: true, data: null }, 200)).toEqual({ ok: true, data: null });
    expect(readEnvelope({ ok: false, error: { code: 'CANCELLED', message: 'm' } }, 200)).toEqual({
      ok: false,
      error: { code: 'CANCELLED', message: 'm' },
    });
    expect(readEnvelope({ ok: false, error: { code: 'WHAT', message: 'm' } }, 200)).toMatchObject({
      error: { code: 'INTERNAL', message: 'm' },
    });
    expect(readEnvelope({ ok: true }, 200)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(readEnvelope(null, 500)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('preview transport: events', () => {
  it('shares one authorised stream among listeners and delivers each event, checked, to its own listeners', async () => {
    const streams: ServerResponse[] = [];
    let auth = '';
    const peer = await serve((req, res) => {
      if (req.url !== '/api/events') return void res.writeHead(404).end();
      auth = req.headers.authorization ?? '';
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': hello\n\n');
      streams.push(res);
    });
    cleanups.push(peer.close);
    const t = transport(peer.base);
    const progress: unknown[] = [];
    const changed: unknown[] = [];
    const offProgress = t.subscribe('verification:progress', (m) => progress.push(m));
    const offChanged = t.subscribe('connections:changed', (m) => changed.push(m));
    await until(() => streams.length === 1, 'the stream');
    const p = { jobId: 'j', bytesDone: 5, bytesTotal: 10, filesDone: 1, filesTotal: 2, currentFile: 'w.bin' };
    streams[0]!.write(`event: verification:progress\ndata: ${JSON.stringify(p)}\n\n`);
    streams[0]!.write('event: connections:changed\ndata: {"ids":["a"]}\n\n');
    streams[0]!.write('event: connections:changed\ndata: {"ids":"not a list"}\n\n');
    streams[0]!.write('event: no:such-event\ndata: {}\n\n');
    streams[0]!.write('event: connections:changed\ndata: {"ids":["b"]}\n\n');
    await until(() => changed.length === 2, 'the events');
    expect(progress).toEqual([p]);
    expect(changed).toEqual([{ ids: ['a'] }, { ids: ['b'] }]);
    expect(streams).toHaveLength(1);
    expect(auth).toBe(`Bearer ${TOKEN}`);

    offProgress();
    offChanged();
    await until(() => streams[0]!.destroyed || streams[0]!.closed, 'the stream to close after the last listener left');
  });

  it('reconnects after the stream drops, and gives up after a bounded number of failures', async () => {
    let connections = 0;
    const peer = await serve((_req, res) => {
      connections++;
      if (connections === 1) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end('event: connections:changed\ndata: {"ids":["first"]}\n\n');
      } else {
        res.writeHead(503).end();
      }
    });
    cleanups.push(peer.close);
    const states: StreamState[] = [];
    const got: unknown[] = [];
    const t = transport(peer.base, { maxReconnects: 3, onStreamState: (s) => states.push(s) });
    t.subscribe('connections:changed', (m) => got.push(m));
    await until(() => states.at(-1) === 'failed', 'giving up');
    expect(got).toEqual([{ ids: ['first'] }]);
    // The first stream, then exactly maxReconnects attempts to get it back.
    expect(connections).toBe(1 + 3);
    expect(states).toContain('retrying');
  });

  it('stops and reports an expired session when the stream answers 401', async () => {
    let connections = 0;
    const peer = await serve((_req, res) => {
      connections++;
      res.writeHead(401).end();
    });
    cleanups.push(peer.close);
    let expired = 0;
    const t = transport(peer.base, { onUnauthorized: () => expired++ });
    t.subscribe('connections:changed', () => {});
    await until(() => expired === 1, 'the 401');
    await new Promise((r) => setTimeout(r, 30));
    expect(connections).toBe(1);
  });
});

describe('back-off', () => {
  it('doubles from half a second, is capped at 15 s, and jitters down by at most half', () => {
    expect(backoffDelay(0, () => 1)).toBe(500);
    expect(backoffDelay(1, () => 1)).toBe(1000);
    expect(backoffDelay(3, () => 1)).toBe(4000);
    expect(backoffDelay(10, () => 1)).toBe(15_000);
    expect(backoffDelay(50, () => 0)).toBe(7500);
  });
});
