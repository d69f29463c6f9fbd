// =====================================================================================
// SECURITY: the app:// scheme. The UI is never loaded from file:// (which would give the
// page the whole disk as its origin); it is served from this privileged standard scheme,
// only from the built renderer folder, only allow-listed files, always with the CSP.
// =====================================================================================
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from '../app-origin.ts';
import { securityHeaders } from '../../../shared/security/csp.ts';
import { resolveExistingRendererFile } from '../../services/static/renderer-files.ts';

/**
 * Declares app:// as a standard, secure scheme that may use fetch. Electron requires
 * this before the app's `ready` event. No `bypassCSP`, no `corsEnabled`, no service
 * workers: the UI needs none of them.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

function refuse(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * The request handler of app://, separate from its registration so it can be tested
 * with plain `Request` objects. Only GET and HEAD on host `countersign` are served.
 */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Method not allowed');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refuse(400, 'Bad request');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username !== '' || url.password !== '') {
      return refuse(404, 'Not found');
    }
    const file = await resolveExistingRendererFile(rendererDir, url.pathname);
    if (!file.ok) return refuse(file.status, file.status === 400 ? 'Bad request' : 'Not found');
    let body: Buffer;
    try {
      body = await readFile(file.filePath);
    } catch {
      return refuse(404, 'Not found');
    }
    const headers = { ...securityHeaders(), 'Content-Type': file.contentType, 'Cache-Control': 'no-cache' };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

/** Serves app:// from `rendererDir` on the default session. Call after `ready`. */
export function setupAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
}
