import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** File types the renderer build produces; anything else is not served. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * SECURITY: maps a request path to a file inside `root`, or null. Refuses traversal
 * (also percent-encoded), dotfiles, and types the build does not produce.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const segments = relative.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.startsWith('.'))) return null;
  if (!(path.extname(relative).toLowerCase() in CONTENT_TYPES)) return null;
  const full = path.resolve(root, relative);
  if (!full.startsWith(path.resolve(root) + path.sep)) return null;
  return full;
}

/** Reads a static file resolved by {@link resolveStaticPath}; null when absent. */
export async function readStatic(full: string): Promise<{ body: Buffer; contentType: string } | null> {
  try {
    const body = await readFile(full);
    return { body, contentType: CONTENT_TYPES[path.extname(full).toLowerCase()] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
