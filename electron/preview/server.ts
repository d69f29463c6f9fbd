// The preview transport: the same contract the Electron preload exposes, served over HTTP
// on 127.0.0.1 for a browser. Development and end-to-end tests only; it is not part of a
// packaged build (electron-builder.yml leaves electron/preview out, main never imports it).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  EVENT_NAMES,
  dispatch,
  type EventMessage,
  type EventName,
  type Implementations,
} from '../../shared/contract/index.ts';
import { securityHeaders } from '../../shared/security/csp.ts';
import { resolveExistingRendererFile } from '../services/static/renderer-files.ts';

/** The event side of the services, as the preview needs it. */
export interface EventSource {
  on<E extends EventName>(name: E, listener: (message: EventMessage<E>) => void): () => void;
}

export interface PreviewServerOptions {
  implementations: Implementations;
  events: EventSource;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Where unexpected service errors go; never to the browser. */
  onInternalError?: (channel: string, error: unknown) => void;
}

export interface PreviewServer {
  /** The URL to open: it carries the per-run token in its fragment, never sent to the server in logs. */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const SSE_KEEPALIVE_MS = 15_000;

const SECURITY_HEADERS = { ...securityHeaders(), 'Cache-Control': 'no-store' };

function send(res: ServerResponse, status: number, body: string | Buffer, contentType: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Starts the preview server on 127.0.0.1. Every /api request must carry the per-run bearer
 * token, a Host of our loopback origin (against DNS rebinding) and, when the browser sends
 * one, an Origin equal to ours; otherwise it gets 401/403 and touches no service.
 */
export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const token = randomBytes(32).toString('hex');
  const expectedAuth = Buffer.from(`Bearer ${token}`);
  const streams = new Set<ServerResponse>();
  let origin = '';
  let host = '';

  // SECURITY: the caller check, the preview's equivalent of main's sender-frame check.
  function callerProblem(req: IncomingMessage): { status: number; message: string } | null {
    if (req.headers.host !== host) return { status: 403, message: 'Wrong Host header.' };
    const reqOrigin = req.headers.origin;
    if (reqOrigin !== undefined && reqOrigin !== origin) return { status: 403, message: 'Cross-origin request refused.' };
    const auth = Buffer.from(req.headers.authorization ?? '');
    if (auth.length !== expectedAuth.length || !timingSafeEqual(auth, expectedAuth)) {
      return { status: 401, message: 'Missing or wrong preview token.' };
    }
    return null;
  }

  async function handleRpc(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'Use POST.' });
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(res, 415, { error: 'Send application/json.' });
    }
    const body = await readBody(req);
    if (body === null) return sendJson(res, 413, { error: 'Request too large.' });
    let input: unknown;
    try {
      input = body === '' ? {} : JSON.parse(body);
    } catch {
      return sendJson(res, 200, { ok: false, error: { code: 'INVALID_INPUT', message: 'The request body is not JSON.' } });
    }
    const result = await dispatch(channel, input, options.implementations, options.onInternalError);
    sendJson(res, 200, result);
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    streams.add(res);
    const unsubscribe = EVENT_NAMES.map((name) =>
      options.events.on(name, (message) => {
        res.write(`event: ${name}\ndata: ${JSON.stringify(message)}\n\n`);
      }),
    );
    const keepalive = setInterval(() => res.write(': keep-alive\n\n'), SSE_KEEPALIVE_MS);
    req.on('close', () => {
      clearInterval(keepalive);
      unsubscribe.forEach((off) => off());
      streams.delete(res);
    });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const run = async (): Promise<void> => {
      if (url.pathname.startsWith('/api/')) {
        const problem = callerProblem(req);
        if (problem) return sendJson(res, problem.status, { error: problem.message });
        if (url.pathname === '/api/events' && req.method === 'GET') return handleEvents(req, res);
        const rpc = /^\/api\/rpc\/([a-z:-]+)$/.exec(url.pathname);
        if (rpc?.[1]) return handleRpc(req, res, rpc[1]);
        return sendJson(res, 404, { error: 'No such endpoint.' });
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', 'text/plain');
      // The same path allow-list as the app:// handler; every refusal is a plain 404 here.
      const file = await resolveExistingRendererFile(options.staticDir, url.pathname);
      const body = file.ok ? await readFile(file.filePath).catch(() => null) : null;
      if (!file.ok || body === null) return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      send(res, 200, body, file.contentType);
    };
    run().catch((error: unknown) => {
      options.onInternalError?.('preview', error);
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal error.' });
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  origin = `http://${host}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close: async () => {
      for (const res of streams) res.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
